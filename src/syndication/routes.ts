import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CacheKeys, CachedSender } from '../cache/index.js';
import { FEED_FILES, type FeedFormat, type FeedRenderer, type FeedScope } from './feed-documents.js';
import { openSearchDescription, OPENSEARCH_PATH } from './opensearch.js';
import type { Publication } from './publication.js';
import { drawPublisherLogo, LOGO_PATH } from './publisher-logo.js';
import { parseSitemapFile, type SitemapRenderer } from './sitemap-documents.js';

/** What the syndication routes need. */
export interface SyndicationRoutesOptions {
  send: CachedSender;
  /** Feeds, sitemaps and robots.txt read no query parameters: none reach their cache keys. */
  cacheKeys: CacheKeys;
  renderFeed: FeedRenderer;
  sitemaps: SitemapRenderer;
  /** Whose search the OpenSearch description offers. */
  publication: Publication;
}

/** Feeds (RSS, Atom, JSON Feed) for the site, each section, topic, author and instrument; sitemaps, robots.txt, the OpenSearch description and the logo. */
export const syndicationRoutes: FastifyPluginAsync<SyndicationRoutesOptions> = async (app, { send, cacheKeys, renderFeed, sitemaps, publication }) => {
  const pathOf = (request: FastifyRequest) => cacheKeys.keyFor(request.url);
  function sendFeed(request: FastifyRequest, reply: FastifyReply, scope: FeedScope, format: FeedFormat) {
    return send(request, reply, pathOf(request), () => renderFeed(scope, format));
  }

  for (const [format, file] of Object.entries(FEED_FILES) as [FeedFormat, string][]) {
    app.get(`/${file}`, (request, reply) => sendFeed(request, reply, { kind: 'site' }, format));
    app.get<{ Params: { section: string } }>(`/:section/${file}`, (request, reply) =>
      sendFeed(request, reply, { kind: 'section', slug: request.params.section }, format),
    );
    app.get<{ Params: { slug: string } }>(`/topic/:slug/${file}`, (request, reply) => sendFeed(request, reply, { kind: 'topic', slug: request.params.slug }, format));
    app.get<{ Params: { slug: string } }>(`/author/:slug/${file}`, (request, reply) => sendFeed(request, reply, { kind: 'author', slug: request.params.slug }, format));
    // An instrument's news, beside its quote page (the symbol as stored; no other case is looked up).
    app.get<{ Params: { symbol: string } }>(`/markets/quote/:symbol/${file}`, (request, reply) =>
      sendFeed(request, reply, { kind: 'instrument', symbol: request.params.symbol }, format),
    );
  }

  app.get('/sitemap.xml', (request, reply) => send(request, reply, pathOf(request), () => sitemaps.index()));
  app.get<{ Params: { file: string } }>('/sitemaps/:file', (request, reply) =>
    send(request, reply, pathOf(request), async () => {
      const file = parseSitemapFile(request.params.file);
      const page = file?.kind === 'articles' ? await sitemaps.articles(file.month, file.part) : file?.kind === 'pages' ? await sitemaps.pages(file.part) : undefined;
      return page;
    }),
  );
  // Expires at the end of its ten-minute slot (see the sitemap renderer).
  app.get('/news-sitemap.xml', (request, reply) => send(request, reply, pathOf(request), () => sitemaps.news()));
  app.get('/robots.txt', (request, reply) => send(request, reply, pathOf(request), async () => sitemaps.robots()));
  app.get(OPENSEARCH_PATH, (request, reply) => send(request, reply, OPENSEARCH_PATH, async () => openSearchDescription(publication)));

  // Drawn once: the same 144 px image for every request.
  const logo = drawPublisherLogo();
  app.get(LOGO_PATH, (request, reply) =>
    send(request, reply, LOGO_PATH, async () => ({
      status: 200,
      contentType: 'image/png',
      body: logo,
      keys: ['logo'],
      cacheControl: 'public, max-age=86400, s-maxage=86400',
    })),
  );
};
