import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import { sql } from 'kysely';
import type { Transaction } from './unit-of-work.js';

// What both dialects' search indexes share: which stories have an entry and what it holds, how
// entries are keyed, and the weights of relevance.

/** A published story as its search entry holds it. */
export interface SearchDocument {
  articleId: number;
  /** Whole minutes since 1970 of its publication: the high part of the entry's key. */
  publishedMinute: number;
  title: string;
  /** The names of its tags (topics, tickers, people, organisations, places) and of its bylines. */
  keywords: string;
  dek: string;
  body: string;
  /** The SHA-256 of all the above (and of DOCUMENT_FORMAT): an entry made from the same digest needs no refresh. */
  digest: string;
}

/** Changed when what an entry holds is made differently (tokenizer, weights): every entry is then made again on its next save. */
const DOCUMENT_FORMAT = 1;

/**
 * An entry's key is `publishedMinute << 32 | articleId` (ids are 32-bit): keys sort by publication
 * time, so "the newest matches" is the index's own order, the story's id is the key's low part,
 * and a date range is a key range. Keys pass 2^53 and never reach JavaScript: they are computed
 * and compared in SQL from the minute and the id.
 */
export const KEY_ID_BITS = 32;

/** Body text past this many characters is not indexed (a tsvector holds at most 1 MB; no story needs more to be found). */
export const MAX_INDEXED_BODY_CHARACTERS = 100_000;

/**
 * Relevance weights per part of a story: a word in the title counts most, then tags and bylines
 * (topics, tickers, people), then the dek, then the body. As PostgreSQL takes them ({D, C, B, A}
 * = body, dek, keywords, title) and as FTS5's bm25 takes them (per column).
 */
export const COLUMN_WEIGHTS = { title: 10, keywords: 6, dek: 3, body: 1 } as const;

/**
 * Recency: a story's relevance is multiplied by 1 + BOOST / (1 + age in days / DAYS), so a story of
 * today counts 1.3 times, one a month old 1.15 times, one a year old about 1.02 times: among
 * about equally good matches the newer wins, and a clearly better older match still beats a
 * weaker new one.
 */
export const RECENCY = { boost: 0.3, days: 30 } as const;

/** How many stories are read and written per statement when refreshing entries. */
export const REFRESH_CHUNK = 200;

/** Whole minutes since 1970 of an ISO time. */
export function minuteOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 60_000);
}

/** What refreshing some stories' entries comes to: the entries to remove and the documents to index in their place. */
export interface RefreshPlan {
  /** Stories whose entry goes: no longer published, or made from another document. */
  removedIds: number[];
  /** Published stories with no entry, or whose entry was made from another document. */
  added: SearchDocument[];
}

/**
 * Reads these stories (their rows with their entries' digests, then the names of their tags and
 * bylines: two queries inside the caller's transaction) and compares each published one's
 * document with its entry's digest. A story whose entry was made from the same document (a save
 * that changed nothing searchable) is left alone, so its text is not split and stemmed again; a
 * story no longer published loses its entry.
 */
export async function planRefresh(trx: Transaction, articleIds: readonly number[]): Promise<RefreshPlan> {
  if (articleIds.length === 0) return { removedIds: [], added: [] };
  const stories = await trx
    .selectFrom('articles')
    .leftJoin('search_entries', 'search_entries.article_id', 'articles.id')
    .select(['articles.id', 'articles.status', 'articles.published_at', 'articles.modified_at', 'articles.title', 'articles.dek', 'articles.body_html'])
    .select(['search_entries.article_id as entry_id', 'search_entries.digest'])
    .where('articles.id', 'in', [...articleIds])
    .execute();
  const names = await readKeywords(trx, stories.filter((story) => story.status === 'published').map((story) => Number(story.id)));
  const removedIds: number[] = [];
  const added: SearchDocument[] = [];
  for (const story of stories) {
    const id = Number(story.id);
    const document =
      story.status === 'published'
        ? documentOf(id, {
            // A published story always has its time; the time of its last save stands in, never nothing.
            publishedMinute: minuteOf(story.published_at ?? story.modified_at),
            title: story.title,
            keywords: (names.get(id) ?? []).join(' · '),
            dek: story.dek,
            body: bodyTextForSearch(story.body_html),
          })
        : undefined;
    if (document?.digest === story.digest) continue;
    if (story.entry_id !== null) removedIds.push(id);
    if (document) added.push(document);
  }
  return { removedIds, added };
}

/** The names of the stories' tags, then of their bylines, each in the story's order (the digest depends on it). */
async function readKeywords(trx: Transaction, articleIds: number[]): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  if (articleIds.length === 0) return names;
  const rows = await trx
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name', 'article_tags.position', sql<number>`0`.as('part')])
    .where('article_tags.article_id', 'in', articleIds)
    .unionAll((eb) =>
      eb
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select(['article_authors.article_id', 'authors.name', 'article_authors.position', sql<number>`1`.as('part')])
        .where('article_authors.article_id', 'in', articleIds),
    )
    .orderBy('part')
    .orderBy('position')
    .execute();
  for (const { article_id, name } of rows) {
    const id = Number(article_id);
    names.set(id, [...(names.get(id) ?? []), name]);
  }
  return names;
}

function documentOf(articleId: number, parts: Omit<SearchDocument, 'articleId' | 'digest'>): SearchDocument {
  const digest = createHash('sha256').update(JSON.stringify([DOCUMENT_FORMAT, ...Object.values(parts)])).digest('hex');
  return { articleId, ...parts, digest };
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'pre', 'td', 'th', 'br', 'div', 'section']);

/**
 * The words of a story's body as the index reads them: its text, entities decoded, block elements
 * apart (so the last word of a paragraph and the first of the next never run together), cut at
 * MAX_INDEXED_BODY_CHARACTERS.
 */
export function bodyTextForSearch(html: string): string {
  const parts: string[] = [];
  const parser = new Parser(
    {
      ontext: (text) => parts.push(text),
      onopentag: (name) => BLOCK_TAGS.has(name) && parts.push(' '),
      onclosetag: (name) => BLOCK_TAGS.has(name) && parts.push(' '),
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('').replace(/\s+/g, ' ').trim().slice(0, MAX_INDEXED_BODY_CHARACTERS);
}

/**
 * Splits ids into chunks of REFRESH_CHUNK, each id once, in ascending order: two transactions
 * refreshing overlapping stories (two topic renames) lock their entries in the same order, so
 * neither waits on the other in a circle.
 */
export function chunksOf(articleIds: readonly number[]): number[][] {
  const unique = [...new Set(articleIds)].sort((a, b) => a - b);
  const chunks: number[][] = [];
  for (let start = 0; start < unique.length; start += REFRESH_CHUNK) chunks.push(unique.slice(start, start + REFRESH_CHUNK));
  return chunks;
}
