import { Parser } from 'htmlparser2';
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
}

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

/**
 * The documents of those of these stories that are published (each story once, in no particular
 * order): their rows and the names of their tags and bylines, read inside the caller's transaction.
 */
export async function readSearchDocuments(trx: Transaction, articleIds: readonly number[]): Promise<SearchDocument[]> {
  if (articleIds.length === 0) return [];
  const stories = await trx
    .selectFrom('articles')
    .select(['id', 'published_at', 'modified_at', 'title', 'dek', 'body_html'])
    .where('id', 'in', [...articleIds])
    .where('status', '=', 'published')
    .execute();
  if (stories.length === 0) return [];
  const ids = stories.map((story) => Number(story.id));
  const [tags, bylines] = await Promise.all([
    trx.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(['article_tags.article_id', 'tags.name']).where('article_tags.article_id', 'in', ids).execute(),
    trx
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.name'])
      .where('article_authors.article_id', 'in', ids)
      .execute(),
  ]);
  const names = new Map<number, string[]>();
  for (const { article_id, name } of [...tags, ...bylines]) {
    const id = Number(article_id);
    names.set(id, [...(names.get(id) ?? []), name]);
  }
  return stories.map((story) => ({
    articleId: Number(story.id),
    // A published story always has its time; the time of its last save stands in, never nothing.
    publishedMinute: minuteOf(story.published_at ?? story.modified_at),
    title: story.title,
    keywords: (names.get(Number(story.id)) ?? []).join(' · '),
    dek: story.dek,
    body: bodyTextForSearch(story.body_html),
  }));
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

/** Splits ids into chunks of REFRESH_CHUNK, each id once. */
export function chunksOf(articleIds: readonly number[]): number[][] {
  const unique = [...new Set(articleIds)];
  const chunks: number[][] = [];
  for (let start = 0; start < unique.length; start += REFRESH_CHUNK) chunks.push(unique.slice(start, start + REFRESH_CHUNK));
  return chunks;
}
