import { z } from 'zod';
import { AppError } from '../errors.js';
import type { SearchSort } from '../storage/index.js';

/** What a search page or API call asks for, as read from its query string. */
export interface SearchParams {
  /** What the reader typed (may be blank: the page then explains how to search). */
  q: string;
  page: number;
  sort: SearchSort;
  /** Slugs of a section, a topic and an author to search within. */
  section?: string;
  topic?: string;
  author?: string;
  /** Calendar dates (YYYY-MM-DD, in the site's time zone), both included. */
  from?: string;
  to?: string;
}

/** The query parameters a search reads, in the order its links write them. */
export const SEARCH_PARAMETERS = ['q', 'sort', 'section', 'topic', 'author', 'from', 'to', 'page'] as const;

const isCalendarDate = (value: string) => {
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
};
/** An optional YYYY-MM-DD query value that names a real day; `name` says which date in the messages. */
export const calendarDateParameter = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `The ${name} date must be written YYYY-MM-DD, as in 2026-01-31.`)
    .refine(isCalendarDate, `The ${name} date is not a calendar date.`)
    .optional();
const slug = z.string().max(200, 'A section, topic or author is named by its address, at most 200 characters.').optional();

/** The search page's query string, checked (zod): the first value of each parameter; empty ones, as forms send them, count as absent. */
export const SearchParamsSchema = z
  .object({
    q: z.string().default(''),
    page: z
      .string()
      .regex(/^[1-9]\d{0,5}$/, 'The page number must be a whole number from 1 up, as in ?page=2.')
      .transform(Number)
      .default(1),
    sort: z.enum(['relevance', 'date'], 'Sort by relevance or by date (?sort=date).').default('relevance'),
    section: slug,
    topic: slug,
    author: slug,
    from: calendarDateParameter('start'),
    to: calendarDateParameter('end'),
  })
  .refine(({ from, to }) => !from || !to || from <= to, { message: 'The start date comes after the end date.', path: ['to'] });

/** Reads a search's query string; a malformed page number, sort or date is an `INVALID_SEARCH` error (400). The text searched for is never refused. */
export function parseSearchParams(query: URLSearchParams): SearchParams {
  const given: Record<string, string> = {};
  for (const name of SEARCH_PARAMETERS) {
    const value = query.get(name);
    if (value !== null && (value !== '' || name === 'q')) given[name] = value;
  }
  const parsed = SearchParamsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID_SEARCH', 'invalid', issue.message, { [String(issue.path[0] ?? 'search')]: issue.message });
  }
  return parsed.data;
}
