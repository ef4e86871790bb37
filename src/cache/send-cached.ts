import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerFromCache } from './negotiate.js';
import type { CachedPage, PageCache, RenderedPage } from './page-cache.js';

/** Answers a routed GET/HEAD from the page cache under cacheKey, rendering the page once on a miss. */
export async function sendCached(cache: PageCache, request: FastifyRequest, reply: FastifyReply, cacheKey: string, render: () => Promise<RenderedPage>) {
  const { page, isHit } = await cache.getOrRender(cacheKey, render);
  const ifNoneMatch = request.headers['if-none-match'] ?? (isUnmodifiedSince(page, request.headers['if-modified-since']) ? '*' : undefined);
  // Fastify answers HEAD through the GET route and drops the body itself, keeping the length.
  const answer = answerFromCache(
    page,
    { method: 'GET', acceptEncoding: request.headers['accept-encoding'], ifNoneMatch },
    (encoding) => cache.variant(cacheKey, page, encoding),
  );
  answer.headers['x-cache'] = isHit ? 'HIT' : 'MISS';
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/**
 * Whether If-Modified-Since covers a page that has a Last-Modified header (RFC 9110 §13.1.3).
 * Only consulted without If-None-Match, which takes precedence.
 */
export function isUnmodifiedSince(page: Pick<CachedPage, 'headers'>, ifModifiedSince: string | undefined): boolean {
  const lastModified = page.headers['last-modified'];
  if (!ifModifiedSince || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(lastModified) <= since;
}
