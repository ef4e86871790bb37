import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, compressUncached, type CacheKeys, type CachedSender, type QueryRule, type RenderedPage, type SendOptions } from '../cache/index.js';
import { AppError } from '../errors.js';
import { toSameSitePath } from '../same-site-path.js';
import { parseSearchParams, SEARCH_PARAMETERS } from '../search/index.js';
import { parsePageNumber, parseUrlDate, type SitePages } from './site-pages.js';
import { isSymbolShaped, parseChartRange } from './quote-page-data.js';
import { quotePagePath } from './views/markets/quote-page-path.js';

/** What the reader routes need. */
export interface SiteRoutesOptions {
  pages: SitePages;
  send: CachedSender;
  cacheKeys: CacheKeys;
}

/**
 * The query parameters reader pages read (the rest never reach a cache key): the search page's
 * own (`q`, `sort`, filters, `page`: it is never cached, but its key must not be a section's);
 * `page` on section, topic and author pages; `range` on quote pages (a range that is not one of the
 * chart's is a 400, never stored); `symbols` on the quote chips' prices; none on the front page,
 * articles, feeds and sitemaps.
 */
export const SITE_QUERY_RULES: readonly QueryRule[] = [
  { path: /^\/search\/$/, parameters: SEARCH_PARAMETERS },
  { path: /^\/markets\/quote\/[^/]+\/$/, parameters: ['range'] },
  { path: /^\/markets\/quotes\.json$/, parameters: ['symbols'] },
  { path: /^\/(?:topic\/|author\/)?[^/]+\/$/, parameters: ['page'] },
];

/** The public reader site: front page, sections, articles, topics, authors and the 404/400 pages. */
export const siteRoutes: FastifyPluginAsync<SiteRoutesOptions> = async (app, { pages, send, cacheKeys }) => {
  // A page the page cache never holds (search, the 400 page) is compressed here, as the cache does
  // for the pages it holds (a search page is about 20 KB: under a millisecond at the miss setting;
  // a larger one goes to the thread pool).
  async function sendUncached(request: FastifyRequest, reply: FastifyReply, page: RenderedPage) {
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    reply.code(page.status).headers({ ...page.headers, 'content-type': page.contentType, 'cache-control': page.cacheControl, vary: 'accept-encoding' });
    if (encoding === 'identity') return reply.send(page.body);
    return reply.header('content-encoding', encoding).send(await compressUncached(Buffer.from(page.body), encoding));
  }

  async function sendPage(request: FastifyRequest, reply: FastifyReply, cacheKey: string, render: () => Promise<RenderedPage | undefined>, options?: SendOptions) {
    try {
      return await send(request, reply, cacheKey, render, options);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'invalid') return sendUncached(request, reply, await pages.badRequest(error.message));
      throw error;
    }
  }

  // Listings read ?page from the canonical query, the one their cache key names, never from the
  // raw request: what is rendered and the key it is stored under cannot disagree.
  function sendListing(request: FastifyRequest, reply: FastifyReply, render: (page: number) => Promise<RenderedPage | undefined>) {
    const { key, query } = cacheKeys.canonical(request.url);
    const values = query.getAll('page');
    // An old site's address never carried a page number: a page past a listing's end is just a 404.
    return sendPage(request, reply, key, () => render(parsePageNumber(values.length > 1 ? values : values[0])), { mayHaveMoved: values.length === 0 });
  }

  app.get('/', (request, reply) => sendPage(request, reply, cacheKeys.keyFor(request.url), () => pages.front()));

  // Rendered for each request, never stored in the page cache (see pages.search). A malformed page
  // number, sort or date is a 400 page; the text searched for never is.
  app.get('/search/', async (request, reply) => {
    const { query } = cacheKeys.canonical(request.url);
    let page: RenderedPage;
    try {
      page = await pages.search(parseSearchParams(query));
    } catch (error) {
      if (!(error instanceof AppError && error.kind === 'invalid')) throw error;
      page = await pages.badRequest(error.message);
    }
    return sendUncached(request, reply, page);
  });

  // Market movers: reads no parameters (no query rule covers it, so ?anything is the same entry).
  app.get('/markets/movers/', (request, reply) => sendPage(request, reply, cacheKeys.keyFor(request.url), () => pages.movers()));

  app.get<{ Params: { section: string } }>('/:section/', (request, reply) => sendListing(request, reply, (page) => pages.section(request.params.section, page)));

  app.get<{ Params: { slug: string } }>('/topic/:slug/', (request, reply) => sendListing(request, reply, (page) => pages.topic(request.params.slug, page)));

  app.get<{ Params: { slug: string } }>('/author/:slug/', (request, reply) => sendListing(request, reply, (page) => pages.author(request.params.slug, page)));

  // A quote page answers at its symbol as stored (upper case); another case is a 301 there, made
  // without a query (an unknown symbol then meets the 404), and a path that cannot be a symbol is a
  // 404 at once. The chart range is read from the canonical query, like a listing's page number.
  app.get<{ Params: { symbol: string } }>('/markets/quote/:symbol/', (request, reply) => {
    const { symbol } = request.params;
    const { key, query } = cacheKeys.canonical(request.url);
    return sendPage(request, reply, key, async () => {
      if (!isSymbolShaped(symbol)) return undefined;
      const canonical = symbol.toUpperCase();
      const ranges = query.getAll('range');
      if (canonical !== symbol) return pages.redirect(quotePagePath(canonical) + (ranges.length === 1 ? `?range=${encodeURIComponent(ranges[0]!)}` : ''));
      return pages.quote(symbol, parseChartRange(ranges.length > 1 ? ranges : ranges[0]));
    });
  });

  app.get<{ Params: { yyyy: string; mm: string; dd: string; slug: string } }>('/:yyyy/:mm/:dd/:slug/', (request, reply) => {
    const { yyyy, mm, dd, slug } = request.params;
    return sendPage(request, reply, cacheKeys.keyFor(request.url), async () => {
      const urlDate = parseUrlDate(yyyy, mm, dd);
      return urlDate ? pages.article(urlDate, slug) : undefined;
    }, { mayHaveMoved: true });
  });

  app.setNotFoundHandler((request, reply) => {
    const [path = '/', query] = request.url.split(/\?(.*)/s, 2);
    // One trailing-slash convention: page URLs end in "/"; the other form redirects.
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    if ((request.method === 'GET' || request.method === 'HEAD') && lastSegment && !lastSegment.includes('.')) {
      // Only ever to this site: "//evil.example/phish" must not become a link to another host.
      const target = toSameSitePath(`${path}/${query ? `?${query}` : ''}`);
      if (target) return reply.redirect(target, 301);
    }
    return sendPage(request, reply, request.url, async () => undefined, { mayHaveMoved: true });
  });
};
