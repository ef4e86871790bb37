import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFromCache } from './negotiate.js';
import type { CachedPage, PageCache } from './page-cache.js';
import type { CacheKeys } from './cache-key.js';

/** Hears each answer given from the cache (the page and the status sent): must be cheap and synchronous, it runs on the hot path. */
export type AnswerObserver = (request: IncomingMessage, page: CachedPage, status: number) => void;

/**
 * Answers a GET/HEAD straight from the page cache, before the web framework sees the request:
 * a hit costs a map lookup, a counter increment and a write. Looked up by the canonical key, the one the routes store
 * under (unused query parameters dropped). Returns false on a miss so the caller routes it.
 */
export function serveFromCache(cache: PageCache, keys: Pick<CacheKeys, 'keyFor'>, request: IncomingMessage, response: ServerResponse, onAnswer?: AnswerObserver): boolean {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url === undefined) return false;
  const url = keys.keyFor(request.url);
  const page = cache.findForRequest(url);
  if (!page) return false;
  const answer = answerFromCache(
    page,
    { method: request.method, acceptEncoding: request.headers['accept-encoding'], ifNoneMatch: request.headers['if-none-match'] },
    (encoding) => cache.variant(url, page, encoding),
  );
  answer.headers['x-cache'] = 'HIT';
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body ?? undefined);
  onAnswer?.(request, page, answer.status);
  return true;
}
