import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { createCachedSender, PageCache, serveFromCache } from './cache/index.js';
import { createChangeFollower, type ChangeFollower } from './changes/index.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config/index.js';
import { apiRoutes } from './api/index.js';
import { AppError, httpStatusFor } from './errors.js';
import { authPlugin, buildNewsroomStylesheet, dashboardRoutes, LoginRateLimiter, sendNewsroomError, sessionRoutes, userRoutes } from './newsroom/index.js';
import { loadEditorAssets, storyRoutes } from './newsroom/stories/index.js';
import { createScheduledPublisher, type ScheduledPublisher } from './jobs/index.js';
import { curationRoutes } from './newsroom/curation/index.js';
import { taxonomyRoutes } from './newsroom/taxonomy/index.js';
import { createMediaFileStore, mediaRoutes } from './newsroom/media/index.js';
import { createSitePages, sitePublication } from './site/site-pages.js';
import { siteRoutes } from './site/routes.js';
import { loadStylesheet } from './site/stylesheet.js';
import type { Database } from './storage/index.js';
import { createFeedRenderer, createSitemapRenderer, syndicationRoutes } from './syndication/index.js';

/** The running application's parts that callers (CLI, tests, benchmarks) may need. */
export interface App {
  app: FastifyInstance;
  cache: PageCache;
  changes: ChangeFollower;
  /** Publishes scheduled stories when due; tests advance their clock and call runDue(). */
  scheduledPublisher: ScheduledPublisher;
}

/** Builds the web application from its modules; call app.listen() to serve it. */
export async function buildApp({
  config,
  database,
  clock = systemClock,
  onRoute,
}: {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Told of every route as it is added (suites that drive every route build their list from it). */
  onRoute?: (route: RouteOptions) => void;
}): Promise<App> {
  // The clock also ends cached pages that carry an expiry (a breaking-news banner's).
  const cache = new PageCache({ maxBytes: config.pageCacheBytes, now: () => clock.now().getTime() });
  const changes = createChangeFollower(database, (keys) => cache.purge(keys));
  await changes.catchUp();

  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 300 },
    // Cached pages are answered before routing: the hot path touches neither router nor database.
    serverFactory: (handler) =>
      createServer((request: IncomingMessage, response: ServerResponse) => {
        // If-Modified-Since alone (no If-None-Match) is answered by the routes, which read it (feeds carry Last-Modified).
        const isDateConditional = request.headers['if-modified-since'] !== undefined && request.headers['if-none-match'] === undefined;
        if (isDateConditional || !serveFromCache(cache, request, response)) handler(request, response);
      }),
  });
  if (onRoute) app.addHook('onRoute', onRoute);

  app.setErrorHandler((error, request, reply) => {
    // Newsroom pages answer in HTML (sign-in redirect, error page); /api/newsroom/ answers JSON below.
    if (error instanceof AppError && request.newsroom && !request.url.startsWith('/api/')) return sendNewsroomError(error, request, reply);
    if (error instanceof AppError) {
      return reply.code(httpStatusFor(error.kind)).send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: (error as { code?: string }).code ?? 'BAD_REQUEST', message: (error as Error).message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', message: 'The database is not reachable.' });
    }
  });

  const stylesheet = loadStylesheet();
  const pages = createSitePages({
    db: database.db,
    siteUrl: config.siteUrl,
    timeZone: config.siteTimeZone,
    language: config.siteLanguage,
    stylesheet,
    now: () => clock.now(),
    remember: cache.remember,
  });
  const send = createCachedSender(cache, () => pages.notFound());
  await app.register(siteRoutes, { pages, send });
  const publication = sitePublication({ siteUrl: config.siteUrl, timeZone: config.siteTimeZone, language: config.siteLanguage });
  const now = () => clock.now();
  await app.register(syndicationRoutes, {
    cache,
    send,
    renderFeed: createFeedRenderer({ db: database.db, publication, now }),
    sitemaps: createSitemapRenderer({ db: database.db, publication, now, remember: cache.remember }),
    now,
  });
  await app.register(apiRoutes, { db: database.db, siteUrl: config.siteUrl });

  // The newsroom: the auth plugin first (session, CSRF, no-store on every newsroom route), then its pages.
  const isSecure = config.siteUrl.startsWith('https:');
  await app.register(authPlugin, { db: database.db, clock, isSecure, stylesheet: buildNewsroomStylesheet(stylesheet.css), language: config.siteLanguage });
  await app.register(sessionRoutes, { db: database.db, clock, limiter: new LoginRateLimiter(clock), isSecure });
  await app.register(dashboardRoutes, { db: database.db, clock, timeZone: config.siteTimeZone, sections: [] });
  await app.register(userRoutes, { db: database.db, clock, timeZone: config.siteTimeZone });

  await app.register(storyRoutes, {
    db: database.db,
    clock,
    timeZone: config.siteTimeZone,
    language: config.siteLanguage,
    siteUrl: config.siteUrl,
    changes,
    stylesheet,
    assets: loadEditorAssets(),
  });
  const scheduledPublisher = createScheduledPublisher({
    db: database.db,
    clock,
    timeZone: config.siteTimeZone,
    onPublished: () => changes.catchUp(),
    onError: (error) => app.log.error({ err: error }, 'scheduled publishing failed'),
  });

  // Media (uploads, library, /media/ files) and front-page curation with the breaking-news banner.
  await app.register(mediaRoutes, { db: database.db, clock, files: createMediaFileStore(config.mediaDir), timeZone: config.siteTimeZone });
  await app.register(curationRoutes, { db: database.db, clock, changes, timeZone: config.siteTimeZone });
  await app.register(taxonomyRoutes, { db: database.db, clock, changes });

  changes.start();
  scheduledPublisher.start();
  app.addHook('onClose', async () => {
    changes.stop();
    scheduledPublisher.stop();
  });
  return { app, cache, changes, scheduledPublisher };
}
