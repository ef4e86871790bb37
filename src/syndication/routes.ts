import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sendCached, type PageCache, type RenderedPage } from '../cache/index.js';
import { FEED_FILES, type FeedFormat, type FeedRenderer, type FeedScope } from './feed-documents.js';
import { drawPublisherLogo, LOGO_PATH } from './publisher-logo.js';

/** What the syndication routes need. */
export interface SyndicationRoutesOptions {
  cache: PageCache;
  renderFeed: FeedRenderer;
  /** The site's 404 page, for feeds of unknown sections, topics and authors. */
  notFound: () => Promise<RenderedPage>;
}

/** The path of a URL without its query string: feeds ignore queries, so they never split the cache. */
function pathOf(request: FastifyRequest): string {
  const end = request.url.indexOf('?');
  return end === -1 ? request.url : request.url.slice(0, end);
}

/** Feeds (RSS, Atom, JSON Feed) for the site, each section, topic and author. */
export const syndicationRoutes: FastifyPluginAsync<SyndicationRoutesOptions> = async (app, { cache, renderFeed, notFound }) => {
  function sendFeed(request: FastifyRequest, reply: FastifyReply, scope: FeedScope, format: FeedFormat) {
    return sendCached(cache, request, reply, pathOf(request), async () => (await renderFeed(scope, format)) ?? notFound());
  }

  for (const [format, file] of Object.entries(FEED_FILES) as [FeedFormat, string][]) {
    app.get(`/${file}`, (request, reply) => sendFeed(request, reply, { kind: 'site' }, format));
    app.get<{ Params: { section: string } }>(`/:section/${file}`, (request, reply) =>
      sendFeed(request, reply, { kind: 'section', slug: request.params.section }, format),
    );
    app.get<{ Params: { slug: string } }>(`/topic/:slug/${file}`, (request, reply) => sendFeed(request, reply, { kind: 'topic', slug: request.params.slug }, format));
    app.get<{ Params: { slug: string } }>(`/author/:slug/${file}`, (request, reply) => sendFeed(request, reply, { kind: 'author', slug: request.params.slug }, format));
  }

  app.get(LOGO_PATH, (request, reply) =>
    sendCached(cache, request, reply, LOGO_PATH, async () => ({
      status: 200,
      contentType: 'image/png',
      body: drawPublisherLogo(),
      keys: ['logo'],
      cacheControl: 'public, max-age=86400, s-maxage=86400',
    })),
  );
};
