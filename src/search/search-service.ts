import type { Kysely } from 'kysely';
import { listSearchResultStories, zonedParts, type SearchResultStory } from '../content/articles/index.js';
import { htmlToText } from '../content/text/index.js';
import { findPublicAuthorBySlug, findPublicTagBySlug, findSectionBySlug } from '../content/taxonomy/index.js';
import { SEARCH_MATCH_LIMIT, type Schema, type SearchFilter, type SearchIndex } from '../storage/index.js';
import { parseSearchQuery } from './query-parser.js';
import type { SearchParams } from './search-params.js';
import { snippetMaker, type SnippetPart } from './snippet.js';

/** Results per page. */
export const RESULTS_PER_PAGE = 20;
/** Pages of results: every match a search looks at fits in them. */
export const MAX_RESULT_PAGES = SEARCH_MATCH_LIMIT / RESULTS_PER_PAGE;

/** What the search works with. */
export interface SearchServiceOptions {
  db: Kysely<Schema>;
  searchIndex: Pick<SearchIndex, 'search'>;
  /** Dates in a search are calendar dates in this zone. */
  timeZone: string;
  now: () => Date;
}

/** The filters a search was limited to, as readers know them (for the page to show and keep). */
export interface SearchScope {
  section?: { slug: string; name: string };
  topic?: { slug: string; name: string };
  author?: { slug: string; name: string };
  from?: string;
  to?: string;
}

/** One found story and its snippet. */
export interface SearchHit {
  story: SearchResultStory;
  snippet: SnippetPart[];
}

/** What a search came to: no question yet, nothing to search for (and why), or one page of results. */
export type SearchOutcome = { scope: SearchScope; notices: string[] } & (
  | { kind: 'blank' }
  | { kind: 'nothing'; message: string }
  | { kind: 'results'; hits: SearchHit[]; total: number; hasMore: boolean; page: number; pageCount: number }
);

/**
 * Runs a search for the reader site and the API (`perPage` results a page, 20 by default): resolves the section, topic and author
 * it is limited to (an unknown one is left out, with a notice), parses the text (our own query
 * language: see query-parser.ts), asks the index for one page of published stories, and gives
 * each its snippet with the matched words marked. The work is bounded whatever is asked: the
 * parser reads 200 characters and 10 terms, the index the newest 1,000 matches.
 */
export async function searchStories(
  { db, searchIndex, timeZone, now }: SearchServiceOptions,
  params: SearchParams,
  { perPage = RESULTS_PER_PAGE }: { perPage?: number } = {},
): Promise<SearchOutcome> {
  const { scope, filter, notices } = await resolveScope(db, params, timeZone);
  if (!params.q.trim()) return { kind: 'blank', scope, notices };
  const parsed = parseSearchQuery(params.q);
  notices.push(...parsed.notices);
  if (parsed.kind === 'nothing') return { kind: 'nothing', message: parsed.message, scope, notices };
  const offset = (params.page - 1) * perPage;
  const matches = await searchIndex.search({ query: parsed.query, filter, sort: params.sort, offset, limit: perPage, now: now() });
  const stories = new Map((await listSearchResultStories(db, matches.articleIds)).map((story) => [story.id, story]));
  const snippetOf = snippetMaker(parsed.query);
  const hits = matches.articleIds.flatMap((id) => {
    const story = stories.get(id);
    return story ? [{ story, snippet: snippetOf([story.dek, htmlToText(story.bodyOpeningHtml)]) }] : [];
  });
  const pageCount = Math.max(1, Math.ceil(matches.total / perPage));
  return { kind: 'results', hits, total: matches.total, hasMore: matches.hasMore, page: params.page, pageCount, scope, notices };
}

async function resolveScope(db: Kysely<Schema>, params: SearchParams, timeZone: string): Promise<{ scope: SearchScope; filter: SearchFilter; notices: string[] }> {
  const [section, topic, author] = await Promise.all([
    params.section ? findSectionBySlug(db, params.section) : undefined,
    params.topic ? findPublicTagBySlug(db, params.topic) : undefined,
    params.author ? findPublicAuthorBySlug(db, params.author) : undefined,
  ]);
  const notices: string[] = [];
  const unknown = (kind: string, slug: string | undefined, found: unknown) => {
    if (slug && !found) notices.push(`There is no ${kind} “${slug}”: every ${kind} was searched.`);
  };
  unknown('section', params.section, section);
  unknown('topic', params.topic, topic);
  unknown('author', params.author, author);
  const scope: SearchScope = {
    ...(section && { section: { slug: section.slug, name: section.name } }),
    ...(topic && { topic: { slug: topic.slug, name: topic.name } }),
    ...(author && { author: { slug: author.slug, name: author.name } }),
    ...(params.from && { from: params.from }),
    ...(params.to && { to: params.to }),
  };
  const filter: SearchFilter = {
    ...(section && { sectionId: section.id }),
    ...(topic && { tagId: topic.id }),
    ...(author && { authorId: author.id }),
    ...(params.from && { publishedFrom: startOfDay(params.from, timeZone) }),
    ...(params.to && { publishedBefore: startOfDay(nextDay(params.to), timeZone) }),
  };
  return { scope, filter, notices };
}

/** The instant a calendar date begins in a time zone (ISO); the offset is read at the guess, then again at the result, for days that change it. */
export function startOfDay(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year!, month! - 1, day!);
  const first = wall - zonedParts(new Date(wall), timeZone).offsetMinutes * 60_000;
  return new Date(wall - zonedParts(new Date(first), timeZone).offsetMinutes * 60_000).toISOString();
}

/** The calendar date after a date (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + 1)).toISOString().slice(0, 10);
}
