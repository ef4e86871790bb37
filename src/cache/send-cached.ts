import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerFromCache } from './negotiate.js';
import type { CachedPage, PageCache, RenderedPage } from './page-cache.js';
import type { AnswerObserver } from './serve-cached.js';

/**
 * Answers a routed GET/HEAD from the page cache under cacheKey, rendering once on a miss. A
 * render that finds nothing (undefined) gets the site's 404 page.
 */
export type CachedSender = (
  request: FastifyRequest,
  reply: FastifyReply,
  cacheKey: string,
  render: () => Promise<RenderedPage | undefined>,
) => Promise<FastifyReply>;

// Every unknown URL shows the same 404 page, so it is cached once under this key: made-up URLs
// from crawlers then cost neither a render nor room in the cache.
const NOT_FOUND_CACHE_KEY = '\u0000not-found';

class PageMissing extends Error {}

/** The route pattern a render is reported under when it renders the shared 404 page. */
export const NOT_FOUND_PAGE_ROUTE = '404 page';

/** What else the sender does. */
export interface CachedSenderOptions {
  /** Hears each render on a miss: the route pattern that rendered (NOT_FOUND_PAGE_ROUTE for the 404 page) and how long it took in ms. */
  onRender?: (route: string, elapsedMs: number) => void;
  /** Hears each answer (the page and the status sent), like serveFromCache's observer: hits and misses alike. */
  onAnswer?: AnswerObserver;
  /**
   * Asked only when a render found nothing, before the 404: the page to send instead for an address
   * that moved (an imported site's old permalink), or undefined. Never stored under the address.
   */
  renderMoved?: (path: string) => Promise<RenderedPage | undefined>;
}

/** Builds the sender the reader and syndication routes share. */
export function createCachedSender(cache: PageCache, renderNotFound: () => Promise<RenderedPage>, { onRender, onAnswer, renderMoved }: CachedSenderOptions = {}): CachedSender {
  // Times a render (only misses call it), whether it finds a page or not.
  const timed = <T>(route: string, render: () => Promise<T>) =>
    onRender
      ? async () => {
          const started = performance.now();
          try {
            return await render();
          } finally {
            onRender(route, performance.now() - started);
          }
        }
      : render;

  async function send(request: FastifyRequest, reply: FastifyReply, cacheKey: string, render: () => Promise<RenderedPage>): Promise<FastifyReply> {
    const { page, isHit } = await cache.getOrRender(cacheKey, render);
    const ifNoneMatch = request.headers['if-none-match'] ?? (isUnmodifiedSince(page, request.headers['if-modified-since']) ? '*' : undefined);
    // Fastify answers HEAD through the GET route and drops the body itself, keeping the length.
    const answer = answerFromCache(
      page,
      { method: 'GET', acceptEncoding: request.headers['accept-encoding'], ifNoneMatch },
      (encoding) => cache.variant(cacheKey, page, encoding),
    );
    answer.headers['x-cache'] = isHit ? 'HIT' : 'MISS';
    onAnswer?.(request.raw, page, answer.status);
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  }

  return async (request, reply, cacheKey, render) => {
    try {
      const routeRender = timed(request.routeOptions.url ?? 'unmatched', render);
      return await send(request, reply, cacheKey, async () => {
        const page = await routeRender();
        if (!page) throw new PageMissing();
        return page;
      });
    } catch (error) {
      if (!(error instanceof PageMissing)) throw error;
      const moved = renderMoved && (await renderMoved(request.url.split('?', 1)[0]!));
      if (moved) return send(request, reply, request.url, async () => moved);
      return send(request, reply, NOT_FOUND_CACHE_KEY, timed(NOT_FOUND_PAGE_ROUTE, renderNotFound));
    }
  };
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
