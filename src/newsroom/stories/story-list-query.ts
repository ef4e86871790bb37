import { z } from 'zod';
import type { ArticleStatus } from '../../content/articles/index.js';
import { DESK_SORTS, type DeskCursor, type DeskSort } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import { calendarDateParameter } from '../../search/index.js';
import { parseRowId } from '../../row-id.js';

/** The statuses the list can be filtered by, in workflow order. */
export const LIST_STATUSES: ArticleStatus[] = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];

/** The story list's query string, checked: what a bookmark of a filtered list holds. */
export interface StoryListQuery {
  /** What was typed (at most MAX_TEXT characters kept). */
  q: string;
  /** The words searched for: lower case, LIKE wildcards taken out, at most MAX_WORDS. */
  words: string[];
  status?: ArticleStatus;
  section?: string;
  author?: number;
  /** Only the signed-in person's stories. */
  isMine: boolean;
  /** Calendar dates (YYYY-MM-DD, site time zone), both included. */
  from?: string;
  to?: string;
  sort: DeskSort;
  after?: DeskCursor;
}

/** The parameters the list reads, in the order its links write them. */
export const STORY_LIST_PARAMETERS = ['q', 'status', 'section', 'author', 'mine', 'from', 'to', 'sort', 'after'] as const;

/** Characters of the search text read; the rest is dropped with a notice, like the site's search. */
export const MAX_TEXT = 200;
/** Words of the search text used. */
export const MAX_WORDS = 8;


const StoryListQuerySchema = z
  .object({
    q: z.string().default(''),
    status: z.enum(LIST_STATUSES as [ArticleStatus, ...ArticleStatus[]], 'The status must be one of the list’s tabs (draft, in_review, scheduled, published, unpublished).').optional(),
    section: z.string().regex(/^[a-z0-9-]{1,100}$/, 'A section is named by its address, as in ?section=markets.').optional(),
    author: z
      .string()
      .transform((value, context) => parseRowId(value) ?? (context.addIssue({ code: 'custom', message: 'An author is named by their number, as the Author list gives it.' }), z.NEVER))
      .optional(),
    mine: z.enum(['1'], 'Only mine is ?mine=1.').optional(),
    from: calendarDateParameter('start'),
    to: calendarDateParameter('end'),
    sort: z.enum(DESK_SORTS, 'Sort by modified, published, scheduled or headline.').default('modified'),
    after: z
      .string()
      .max(400, 'The page link is damaged: go back to the first page.')
      .transform((value, context) => decodeCursor(value) ?? (context.addIssue({ code: 'custom', message: 'The page link is damaged: go back to the first page.' }), z.NEVER))
      .optional(),
  })
  .refine(({ from, to }) => !from || !to || from <= to, { message: 'The start date comes after the end date.', path: ['to'] });

/**
 * Reads the list's query string (the first value of each parameter; empty ones, as forms send
 * them, count as absent). A malformed value is `STORY_LIST_INVALID` (400); the text never is.
 */
export function parseStoryListQuery(query: unknown): StoryListQuery {
  const raw = (query ?? {}) as Record<string, unknown>;
  const given: Record<string, string> = {};
  for (const name of STORY_LIST_PARAMETERS) {
    const value = raw[name];
    if (Array.isArray(value)) throw invalid(name, `Give ${name} once.`);
    if (typeof value === 'string' && value !== '') given[name] = value;
  }
  const parsed = StoryListQuerySchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? 'query'), issue.message);
  }
  const { q, mine, ...rest } = parsed.data;
  const text = q.slice(0, MAX_TEXT);
  return { ...rest, q: text, words: searchWords(text), isMine: mine === '1' };
}

/** The words of a search text: lower case, LIKE wildcards and escapes become spaces (SQLite has no default LIKE escape). */
export function searchWords(text: string): string[] {
  return [...new Set(text.toLowerCase().replace(/[%_\\]/g, ' ').split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
}

/** The list's URL for a query, with some parameters changed; parameters left empty are left out. */
export function storyListHref(query: Partial<Record<(typeof STORY_LIST_PARAMETERS)[number], string | undefined>>): string {
  const params = new URLSearchParams();
  for (const name of STORY_LIST_PARAMETERS) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  const search = params.toString();
  return `/newsroom/stories/${search ? `?${search}` : ''}`;
}

/** The query's parameters as the list's links write them (the cursor left out). */
export function queryParameters(query: StoryListQuery): Record<(typeof STORY_LIST_PARAMETERS)[number], string | undefined> {
  return {
    q: query.q || undefined,
    status: query.status,
    section: query.section,
    author: query.author === undefined ? undefined : String(query.author),
    mine: query.isMine ? '1' : undefined,
    from: query.from,
    to: query.to,
    sort: query.sort === 'modified' ? undefined : query.sort,
    after: undefined,
  };
}

/** A cursor as the `after` parameter: the last row's sort key and id, base64url JSON. */
export function encodeCursor(cursor: DeskCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(value: string): DeskCursor | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
    const [key, id] = decoded as unknown[];
    if (typeof key !== 'string' || key.length > 250 || typeof id !== 'number' || parseRowId(String(id)) === undefined) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}

function invalid(parameter: string, message: string): AppError {
  return new AppError('STORY_LIST_INVALID', 'invalid', message, { [parameter]: message });
}
