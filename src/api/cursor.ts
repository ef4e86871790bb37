import { z } from 'zod';
import type { ArticlePosition } from '../content/articles/index.js';
import { AppError } from '../errors.js';
import { parseRowId } from '../row-id.js';

// Cursors are opaque to clients (base64url of a small JSON array) so the position they hold can
// change shape without breaking anyone; they are read back strictly, and anything that is not one
// of ours is a 400, never a query error.

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ArticleCursorSchema = z.tuple([z.string().regex(ISO_TIME), z.number()]);
const SlugCursorSchema = z.tuple([z.string().min(1).max(200)]);

/** The longest cursor accepted (ours are under 100 characters). */
export const MAX_CURSOR_LENGTH = 400;

function encode(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function invalidCursor(): AppError {
  return new AppError(
    'INVALID_CURSOR',
    'invalid',
    'The cursor is not one this API gave out: pass the "nextCursor" of the previous page unchanged, or leave it out to start from the first page.',
    { cursor: 'not a cursor from this API' },
  );
}

function decode<T>(cursor: string, schema: z.ZodType<T>): T {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** The cursor of the page after a story. */
export function encodeArticleCursor(position: ArticlePosition): string {
  return encode([position.publishedAt, position.id]);
}

/** The position an article cursor holds; INVALID_CURSOR (400) when it is not one. */
export function decodeArticleCursor(cursor: string): ArticlePosition {
  const [publishedAt, rawId] = decode(cursor, ArticleCursorSchema);
  const id = parseRowId(rawId);
  if (id === undefined) throw invalidCursor();
  return { publishedAt, id };
}

/** The cursor of the page after a slug (topics, authors). */
export function encodeSlugCursor(slug: string): string {
  return encode([slug]);
}

/** The slug a slug cursor holds; INVALID_CURSOR (400) when it is not one. */
export function decodeSlugCursor(cursor: string): string {
  return decode(cursor, SlugCursorSchema)[0];
}

/** The absolute URL of the next page: the same query, with its cursor. */
export function nextPageUrl(siteUrl: string, path: string, query: Record<string, string | undefined>, cursor: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
  params.set('cursor', cursor);
  return `${siteUrl}${path}?${params}`;
}
