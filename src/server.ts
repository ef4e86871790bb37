import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { createCacheKeys, createCachedSender, createEdgePurger, createPurgeCoalescer, PageCache, serveFromCache } from './cache/index.js';
import { createChangeEventPruner, createChangeWriter, followChangesFromNow, type ChangeFollower, type ChangeWriterOptions } from './changes/index.js';
import { sharedNextRun } from './background-task.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config/index.js';
import { apiRoutes } from './api/index.js';
import { AppError, httpStatusFor } from './errors.js';
import { requestLogSerializers } from './request-logging.js';
import { securityHeaders } from './security-headers.js';
import { accountRoutes, authPlugin, buildNewsroomStylesheet, createLoginAttempts, dashboardRoutes, passwordResetRoutes, recordAudit, sendNewsroomError, sessionRoutes, userRoutes } from './newsroom/index.js';
import { loadEditorAssets, storyRoutes } from './newsroom/stories/index.js';
import {
  createEdgePurgeWorker,
  createScheduledPublisher,
  EDGE_PURGE_COALESCED_JOB,
  EDGE_PURGE_JOB,
  enqueueEdgePurges,
  type CoalescedEdgePurges,
  type JobWorker,
  type ScheduledPublisher,
} from './jobs/index.js';
import { checkReadiness, createAppMetrics, operationsRoutes } from './operations/index.js';
import { PUBLISH_STORY_JOB } from './content/stories/index.js';
import { curationRoutes } from './newsroom/curation/index.js';
import { taxonomyRoutes } from './newsroom/taxonomy/index.js';
import { apiKeyRoutes } from './newsroom/api-keys/index.js';
import { webhookRoutes } from './newsroom/webhooks/index.js';
import { ingestRoutes } from './newsroom/ingest/index.js';
import { instrumentRoutes } from './newsroom/markets/index.js';
import { previewLinkRoutes, publicPreviewRoutes } from './newsroom/preview-links/index.js';
import { createIngestTools, describePoolFor, createWatchedFolder, ensurePolls, type WatchedFolder } from './ingest/pipeline/index.js';
import { createPollWorker } from './ingest/polling/index.js';
import { createMediaFileStore, mediaRoutes } from './newsroom/media/index.js';
import { createMostRead, type MostRead } from './most-read/index.js';
import { createSitePages, sitePublication } from './site/site-pages.js';
import { siteRoutes, SITE_QUERY_RULES } from './site/routes.js';
import { marketDataRoutes } from './site/market-data-routes.js';
import { iconRoutes } from './site/icon-routes.js';
import { loadLiveIsland, loadMarketIsland } from './site/market-island.js';
import { createLiveStreams } from './site/live-streams.js';
import { liveRoutes } from './site/live-routes.js';
import { storyIdOfLiveKey } from './content/live/index.js';
import { createStripInstruments } from './markets/strip/index.js';
import { PURGE_EVERYTHING } from './changes/index.js';
import { loadStylesheet } from './site/stylesheet.js';
import type { ClaimedJob, Database, Writer } from './storage/index.js';
import { createQuoteTickPruner } from './markets/quotes/index.js';
import { isQuoteCacheKey, QUOTE_PAGES_KEY, QUOTE_PURGE_WINDOW_MS } from './markets/cache-keys.js';
import { createDemoProvider, DEMO_PRICES_JOB, type DemoProvider } from './markets/demo/index.js';
import { createWebhookLogPruner, createWebhookWorker, enqueueWebhookDeliveries, WEBHOOK_DELIVERY_JOB } from './webhooks/index.js';
import { createFeedRenderer, createSitemapRenderer, syndicationRoutes } from './syndication/index.js';

/** The running application's parts that callers (CLI, tests, benchmarks) may need. */
export interface App {
  app: FastifyInstance;
  cache: PageCache;
  changes: ChangeFollower;
  /** The unit of work every change goes through: it purges this process's cache after each commit that dirtied pages. */
  writer: Writer;
  /** Publishes scheduled stories when due; tests advance their clock and call runDue(). */
  scheduledPublisher: ScheduledPublisher;
  /** Sends committed changes' keys to the edge cache (EDGE_PURGE_URL), or undefined without one. */
  edgePurges: JobWorker | undefined;
  /** Sends webhook deliveries (retries included); tests advance their clock and call runDue(). */
  webhooks: JobWorker;
  /** Counts article page views and keeps the most read rankings; tests call flush() and runDue(). */
  mostRead: MostRead;
  /** Polls feed sources when their jobs fall due; tests advance their clock and call runDue(). */
  polls: JobWorker;
  /** Ingests files dropped into INGEST_DIR every 10 seconds, or undefined without one; tests call scan(). */
  watchedFolder: WatchedFolder | undefined;
  /** Makes the demo instruments' prices (MARKETS_DEMO), or undefined when off; tests advance their clock and call runDue(). */
  marketsDemo: DemoProvider | undefined;
}

/**
 * How every writer of this deployment records a change: with EDGE_PURGE_URL set, each change also
 * enqueues its edge purge in its own transaction (server and CLI alike, so an import purges the
 * edge too; the servers' workers send it); a story event enqueues its webhook deliveries the same way.
 */
export function changeWriterOptions(config: Pick<Config, 'edgePurgeUrl' | 'siteUrl'>): ChangeWriterOptions {
  const onEvents = enqueueWebhookDeliveries({ siteUrl: config.siteUrl });
  return config.edgePurgeUrl ? { onAppend: enqueueEdgePurges(QUOTE_EDGE_PURGES), onEvents } : { onEvents };
}

/** A live story's page is purged at most once a second, however fast updates come. */
const LIVE_PURGE_WINDOW_MS = 1000;

/** Quote batches purge the edge's quote pages (every one carries QUOTE_PAGES_KEY) once per window, not once each. */
const QUOTE_EDGE_PURGES: CoalescedEdgePurges = { matches: isQuoteCacheKey, purgeKey: QUOTE_PAGES_KEY, windowMs: QUOTE_PURGE_WINDOW_MS };

/** Builds the web application from its modules; call app.listen() to serve it. Logs go to stdout unless logStream is given. */
export async function buildApp({
  config,
  database,
  clock = systemClock,
  logStream,
}: {
  config: Config;
  database: Database;
  clock?: Clock;
  logStream?: DestinationStream;
}): Promise<App> {
  // The clock also ends cached pages that carry an expiry (a breaking-news banner's).
  const cache = new PageCache({ maxBytes: config.pageCacheBytes, now: () => clock.now().getTime() });
  // Cache keys keep only the query parameters a page reads: ?cb=1, ?cb=2… are one page.
  const cacheKeys = createCacheKeys(SITE_QUERY_RULES);

  const headers = Object.entries(securityHeaders(config));
  // Set when app.close() begins (see the preClose hook below).
  let isShuttingDown = false;
  const app = Fastify({
    // Request URLs are logged at info: the serializer redacts secrets in them (the setup link's token).
    logger: { level: config.logLevel, stream: logStream, serializers: requestLogSerializers },
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 300 },
    // Client addresses (login limits, logs) come from X-Forwarded-For only behind a trusted proxy.
    trustProxy: trustProxyOption(config.trustProxy),
    // Cached pages are answered before routing: the hot path touches neither router nor database.
    serverFactory: (handler) => {
      const answer = (request: IncomingMessage, response: ServerResponse) => {
        // If-Modified-Since alone (no If-None-Match) is answered by the routes, which read it (feeds carry Last-Modified).
        const isDateConditional = request.headers['if-modified-since'] !== undefined && request.headers['if-none-match'] === undefined;
        if (isDateConditional || !serveFromCache(cache, cacheKeys, request, response, countView)) handler(request, response);
      };
      return createServer((request: IncomingMessage, response: ServerResponse) => {
        // Cached hits never reach Fastify's hooks, so the security headers go on here too.
        for (const [name, value] of headers) response.setHeader(name, value);
        if (isShuttingDown) response.setHeader('connection', 'close');
        if (!asksForValidation(request.headers['cache-control'])) return answer(request, response);
        // Cache-Control: no-cache (RFC 9111 §5.2.1.4: validate with the origin before using a stored
        // response): this process reads the change log first, so its page cache holds nothing a
        // committed change dirtied. The edge cache asks every fetch this way (the shipped VCL):
        // otherwise a page purged at the edge after a commit on another instance could be fetched
        // again from this one before its follower noticed, and the edge would keep it for its
        // s-maxage. Served as usual if the log cannot be read (the follower keeps trying).
        changes.readBeforeServing().then(
          () => answer(request, response),
          () => answer(request, response),
        );
      });
    },
  });

  // Names this process in job claims (which one holds a job, in the jobs table).
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  // A job given up wants an operator: logged as an error here, counted on /metrics (fortune_sky_jobs_failed).
  const logGivenUp = (job: ClaimedJob, error: unknown) =>
    app.log.error({ err: error, job: { kind: job.kind, key: job.key, attempts: job.attempts } }, 'job given up after its last attempt: kept as failed with its error, not run again');
  const edgePurges = config.edgePurgeUrl
    ? createEdgePurgeWorker({
        queue: database.jobQueue,
        db: database.db,
        purger: createEdgePurger({ url: config.edgePurgeUrl }),
        workerId,
        clock,
        onPurged: ({ eventId, keys, requests, purged }) => app.log.info({ edgePurge: { eventId, keys: keys.length, requests, purged } }, 'edge cache purged'),
        onError: (error) => app.log.warn({ err: error }, 'purging the edge cache failed; the job queue tries again until its last attempt'),
        onGivenUp: logGivenUp,
      })
    : undefined;
  // A commit, here or in another process: whichever worker claims its edge purge first sends it
  // (the others find nothing to claim). Never awaited: the writer does not wait for the edge.
  const sendEdgePurges = edgePurges && sharedNextRun(async () => void (await edgePurges.runDue()));
  const webhooks = createWebhookWorker({
    queue: database.jobQueue,
    db: database.db,
    workerId,
    clock,
    allowPrivate: config.webhookAllowPrivate,
    onAttempt: (report) => app.log.info({ webhook: report }, 'webhook delivery attempted'),
    onError: (error) => app.log.warn({ err: error }, 'a webhook delivery failed; the job queue tries again until its last attempt'),
    onGivenUp: logGivenUp,
  });
  // Like edge purges: a commit anywhere starts this process's worker at once (never awaited, so
  // the writer does not wait for any receiver); whichever claims a delivery sends it.
  const sendWebhooks = sharedNextRun(async () => void (await webhooks.runDue()));
  // Quote keys are purged at most once per window here too, however fast quotes arrive.
  // A live story's page, once a second however fast its updates come (its open pages get them by stream).
  const purges = createPurgeCoalescer({
    purge: (keys) => cache.purge(keys),
    windowFor: (key) => (isQuoteCacheKey(key) ? QUOTE_PURGE_WINDOW_MS : storyIdOfLiveKey(key) !== undefined ? LIVE_PURGE_WINDOW_MS : undefined),
  });
  // Open live pages hear of every committed update, here or on another instance, before any purge.
  const liveStreams = createLiveStreams({
    db: database.db,
    timeZone: config.siteTimeZone,
    maxStreams: config.liveStreamsMax,
    onError: (error) => app.log.warn({ err: error }, 'sending live updates failed; the next change sends them'),
  });
  const changes = await followChangesFromNow(
    database.changeFeed,
    (keys) => {
      liveStreams.onKeys(keys);
      purges.purge(keys);
      sendEdgePurges?.().catch((error: unknown) => app.log.warn({ err: error }, 'purging the edge cache failed'));
      sendWebhooks().catch((error: unknown) => app.log.warn({ err: error }, 'sending webhooks failed'));
    },
    { now: () => clock.now() },
  );
  // After a commit the writing process reads the change log at once, so it purges before it answers.
  const writer = createChangeWriter(database, changes, changeWriterOptions(config));
  // Article page views, counted as they are answered (from the cache or rendered): a map increment.
  const mostRead = createMostRead({ writer, clock, onError: (error) => app.log.warn({ err: error }, 'writing page views or ranking the most read failed; the next run tries again') });
  const countView = mostRead.counter.observe;

  app.addHook('onRequest', async (_request, reply) => {
    for (const [name, value] of headers) reply.header(name, value);
  });

  // Prometheus metrics (/metrics). Routed requests are timed here by route pattern; page-cache
  // hits answered before routing are only counted, by the cache itself (the hot path stays bare).
  const metrics = createAppMetrics({
    cache,
    follower: changes,
    feed: database.changeFeed,
    jobs: database.jobQueue,
    jobKinds: [PUBLISH_STORY_JOB, WEBHOOK_DELIVERY_JOB, ...(config.edgePurgeUrl ? [EDGE_PURGE_JOB, EDGE_PURGE_COALESCED_JOB] : []), ...(config.marketsDemo ? [DEMO_PRICES_JOB] : [])],
    now: () => clock.now(),
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.routeOptions.url, request.method, reply.statusCode, reply.elapsedTime);
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    // Newsroom pages answer in HTML (sign-in redirect, error page); /api/newsroom/ answers JSON below.
    if (error instanceof AppError && request.newsroom && !request.routeOptions.url?.startsWith('/api/')) return sendNewsroomError(error, request, reply);
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
  await app.register(operationsRoutes, {
    metrics,
    metricsToken: config.metricsToken,
    checkReadiness: () => checkReadiness({ feed: database.changeFeed, follower: changes, now: () => clock.now() }),
  });

  const stylesheet = loadStylesheet();
  // The strip's names and links are in every page: kept in memory, read again after a strip change,
  // which purges every page (here and, through the change log, in every other process).
  const strip = createStripInstruments(database.db);
  cache.addPurgeListener((keys) => {
    if (keys.includes(PURGE_EVERYTHING)) strip.forget();
  });
  const marketIsland = loadMarketIsland();
  const liveIsland = loadLiveIsland();
  const pages = createSitePages({
    db: database.db,
    searchIndex: database.searchIndex,
    siteUrl: config.siteUrl,
    timeZone: config.siteTimeZone,
    language: config.siteLanguage,
    stylesheet,
    now: () => clock.now(),
    remember: cache.remember,
    strip,
    marketScript: marketIsland?.url,
    liveScript: liveIsland?.url,
  });
  const send = createCachedSender(cache, () => pages.notFound(), { onRender: metrics.observeRender, onAnswer: countView, renderMoved: (path) => pages.moved(path) });
  await app.register(siteRoutes, { pages, send, cacheKeys });
  // Preview links' public page: rendered for every request from the database, never cached.
  await app.register(publicPreviewRoutes, {
    writer,
    counters: database.requestCounters,
    clock,
    stylesheet,
    siteUrl: config.siteUrl,
    timeZone: config.siteTimeZone,
    language: config.siteLanguage,
    renderNotFound: (message) => pages.notFound(message),
  });
  await app.register(iconRoutes, { send, language: config.siteLanguage });
  await app.register(liveRoutes, { streams: liveStreams });
  await app.register(marketDataRoutes, { db: database.db, send, cacheKeys, strip, now: () => clock.now(), island: marketIsland, otherIslands: liveIsland ? [liveIsland] : [] });
  const publication = sitePublication({ siteUrl: config.siteUrl, timeZone: config.siteTimeZone, language: config.siteLanguage });
  const now = () => clock.now();
  await app.register(syndicationRoutes, {
    send,
    cacheKeys,
    renderFeed: createFeedRenderer({ db: database.db, publication, now }),
    sitemaps: createSitemapRenderer({ db: database.db, publication, now, remember: cache.remember }),
    publication,
  });
  await app.register(apiRoutes, {
    db: database.db,
    searchIndex: database.searchIndex,
    siteUrl: config.siteUrl,
    timeZone: config.siteTimeZone,
    counters: database.requestCounters,
    clock,
    limits: config.apiRateLimits,
    writer,
  });

  // The newsroom in one encapsulated plugin: its auth hooks (session, CSRF, no-store) reach its
  // routes and no public ones. Paths stay as they are (no prefix).
  const isSecure = config.siteUrl.startsWith('https:');
  await app.register(async (newsroom) => {
    await newsroom.register(authPlugin, { db: database.db, clock, isSecure, stylesheet: buildNewsroomStylesheet(stylesheet.css), language: config.siteLanguage });
    const limiter = createLoginAttempts(database.attemptLimits, clock);
    await newsroom.register(sessionRoutes, { db: database.db, clock, limiter, isSecure });
    await newsroom.register(dashboardRoutes, { db: database.db, clock, timeZone: config.siteTimeZone, sections: [] });
    await newsroom.register(userRoutes, { writer, clock, timeZone: config.siteTimeZone, siteUrl: config.siteUrl });
    await newsroom.register(accountRoutes, { writer, clock, limiter });
    await newsroom.register(passwordResetRoutes, { writer, clock });
    await newsroom.register(storyRoutes, {
      db: database.db,
      clock,
      timeZone: config.siteTimeZone,
      language: config.siteLanguage,
      siteUrl: config.siteUrl,
      writer,
      stylesheet,
      assets: loadEditorAssets(),
    });
    // Media (uploads, library; its public /media/ files match no newsroom route, so the hooks pass
    // them by) and front-page curation with the breaking-news banner.
    await newsroom.register(mediaRoutes, { db: database.db, attemptLimits: database.attemptLimits, clock, files: createMediaFileStore(config.mediaDir), timeZone: config.siteTimeZone });
    await newsroom.register(curationRoutes, { db: database.db, clock, writer, timeZone: config.siteTimeZone });
    await newsroom.register(taxonomyRoutes, { db: database.db, clock, writer });
    await newsroom.register(apiKeyRoutes, { db: database.db, clock, timeZone: config.siteTimeZone });
    await newsroom.register(webhookRoutes, { db: database.db, clock, writer, timeZone: config.siteTimeZone, addressPolicy: { allowPrivate: config.webhookAllowPrivate } });
    await newsroom.register(ingestRoutes, { db: database.db, writer, clock, timeZone: config.siteTimeZone });
    await newsroom.register(instrumentRoutes, { db: database.db, writer, clock });
    await newsroom.register(previewLinkRoutes, { db: database.db, writer, clock, timeZone: config.siteTimeZone, siteUrl: config.siteUrl });
  });

  const scheduledPublisher = createScheduledPublisher({
    writer,
    queue: database.jobQueue,
    workerId,
    clock,
    timeZone: config.siteTimeZone,
    audit: recordAudit,
    onError: (error) => app.log.error({ err: error }, 'scheduled publishing failed'),
    onGivenUp: logGivenUp,
  });

  // The change log stays bounded: events older than a day go (followers that slept longer purge everything).
  const changePruner = createChangeEventPruner({
    feed: database.changeFeed,
    clock,
    onError: (error) => app.log.error({ err: error }, 'pruning the change log failed'),
  });

  // Quote ticks older than 10 days go (the 5-day chart reads a week at most; days live on as daily bars).
  const quoteTickPruner = createQuoteTickPruner({
    db: database.db,
    clock,
    onError: (error) => app.log.error({ err: error }, 'pruning old quote ticks failed'),
  });

  // The webhook log too: attempts and messages older than 30 days go.
  const webhookLogPruner = createWebhookLogPruner({
    db: database.db,
    clock,
    onError: (error) => app.log.error({ err: error }, 'pruning the webhook log failed'),
  });

  // One pool of describing threads (INGEST_THREADS) for the folder and the polls; none: described on the event loop.
  const describer = describePoolFor(config.ingestThreads);
  // The watched folder: each scan claims the files it takes, so of several instances each file goes to one.
  const watchedFolder = config.ingestDir
    ? createWatchedFolder({
        dir: config.ingestDir,
        writer,
        db: database.db,
        tools: createIngestTools({ describer }),
        now: () => clock.now(),
        timeZone: config.siteTimeZone,
        language: config.siteLanguage,
        onReport: (report) => app.log.info({ ingestDrop: report }, report.outcome === 'done' ? 'dropped file ingested' : 'dropped file refused'),
        onError: (error) => app.log.error({ err: error }, 'scanning INGEST_DIR failed; the next scan tries again'),
      })
    : undefined;

  // Feed sources: each enabled one has a job for its next poll; a poll schedules the one after.
  const polls = createPollWorker({
    queue: database.jobQueue,
    workerId,
    db: database.db,
    writer,
    tools: createIngestTools({ describer }),
    clock,
    timeZone: config.siteTimeZone,
    language: config.siteLanguage,
    allowPrivate: config.ingestAllowPrivate,
    onPolled: (report) => app.log.info({ ingestPoll: report }, 'feed source polled'),
    onError: (error) => app.log.warn({ err: error }, 'polling a feed source failed; the job queue tries again'),
    onGivenUp: logGivenUp,
  });
  // A source whose job was lost (or given up) polls now; pending polls stay as they are.
  await ensurePolls(database.db, clock.now());

  // The demo instruments' prices: history on the first run, then each minute's, one instance at a
  // time. Only the job's row is awaited here: the first run starts with the worker, off the way
  // to listening, in batches that let requests through.
  const marketsDemo = config.marketsDemo
    ? createDemoProvider({
        writer,
        queue: database.jobQueue,
        workerId,
        clock,
        onRun: (report) => app.log.info({ marketsDemo: report }, 'demo prices written'),
        onError: (error) => app.log.warn({ err: error }, 'writing demo prices failed; the job queue tries again'),
        onGivenUp: logGivenUp,
      })
    : undefined;
  await marketsDemo?.schedule();

  changes.start();
  changePruner.start();
  watchedFolder?.start(10_000);
  webhookLogPruner.start(60 * 60 * 1000);
  quoteTickPruner.start(60 * 60 * 1000);
  scheduledPublisher.start();
  // Every second as well: purges due again after a failure, and any a follower's wakeup missed.
  edgePurges?.start(1000);
  // Every second too: retries come due, and deliveries enqueued by processes without a worker (the CLI).
  webhooks.start(1000);
  polls.start(1000);
  marketsDemo?.start(1000);
  mostRead.start();

  // Graceful shutdown, in app.close()'s order: preClose (below) → the server stops accepting
  // connections and closes idle ones → in-flight requests finish → onClose. The callers close the
  // database after that (src/cli.ts on SIGTERM/SIGINT, tests' close()).
  let jobsClosed: Promise<unknown> = Promise.resolve();
  app.addHook('preClose', async () => {
    isShuttingDown = true;
    // Open streams never finish on their own; browsers reconnect to another instance.
    liveStreams.stop();
    // No job is claimed from now on; the one in progress finishes (awaited in onClose, so that
    // waiting for it does not keep the server accepting connections meanwhile).
    jobsClosed = Promise.all([scheduledPublisher.close(), edgePurges?.close(), webhooks.close(), polls.close(), watchedFolder?.close(), marketsDemo?.close()]);
  });
  // A response finishing while the server drains closes its connection: kept alive, an idle
  // connection would hold the shutdown up until its keep-alive timeout.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (isShuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onClose', async () => {
    await jobsClosed;
    await describer?.close();
    // The views counted since the last flush are written before the database closes.
    await mostRead.close().catch((error: unknown) => app.log.warn({ err: error }, 'writing the last page views failed'));
    changes.stop();
    purges.stop();
    changePruner.stop();
    webhookLogPruner.stop();
    quoteTickPruner.stop();
  });
  return { app, cache, changes, writer, scheduledPublisher, edgePurges, webhooks, polls, mostRead, watchedFolder, marketsDemo };
}

/** Whether a request's Cache-Control asks for stored responses to be validated first (`no-cache`). */
function asksForValidation(cacheControl: string | undefined): boolean {
  return cacheControl !== undefined && /(?:^|,)\s*no-cache\s*(?:,|=|$)/i.test(cacheControl);
}

/** TRUST_PROXY as Fastify takes it (its types have no hop count: a hop count becomes the function Fastify would build). */
function trustProxyOption(setting: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return typeof setting === 'boolean' ? setting : [...setting];
}
