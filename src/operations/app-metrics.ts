import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PageCacheTotals } from '../cache/index.js';
import type { FollowerProgress } from '../changes/index.js';
import type { ChangeFeed, JobQueue } from '../storage/index.js';
import { processMetricsRegistry } from './process-metrics.js';
import { changeFeedStatus } from './readiness.js';

/** Where the app's metrics are read from when /metrics is asked (nothing is polled in between). */
export interface MetricsSources {
  cache: { stats(): { pages: number; bytes: number; maxBytes: number }; totals(): Readonly<PageCacheTotals> };
  follower: { progress(): FollowerProgress | undefined };
  feed: Pick<ChangeFeed, 'backlogAfter'>;
  jobs: Pick<JobQueue, 'dueJobs' | 'failedJobs'>;
  /** The job kinds this app runs: each is reported (as 0 when none is due or failed), so a dashboard's series never vanish. */
  jobKinds: readonly string[];
  now: () => Date;
}

/** This app's Prometheus metrics: observed as requests and renders happen, the rest read at scrape time. */
export interface AppMetrics {
  /** Records a routed request: its route pattern (undefined when no route matched), method, status and time in ms. */
  observeRequest(route: string | undefined, method: string, status: number, elapsedMs: number): void;
  /** Records a page render on a cache miss: the route that rendered it and its time in ms. */
  observeRender(route: string, elapsedMs: number): void;
  /**
   * The text exposition of every metric, this process's included. Values from the database (job
   * queue, change-log end) are read now; if it cannot answer, those series are left out, the
   * database gauge says 0, and `error` says why (the rest is still served).
   */
  scrape(): Promise<{ contentType: string; body: string; error?: unknown }>;
}

// Route labels come from the route table (a few dozen patterns), never the raw URL: a crawler's
// made-up URLs all count under the pattern they matched, or under UNMATCHED.
const UNMATCHED = 'unmatched';
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
// Seconds. Requests: from a 304 (well under 1 ms) to a slow upload; renders: the design's budgets are 2 and 5 ms.
const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const RENDER_BUCKETS = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** Builds the app's metrics over its sources; /metrics serves scrape(). */
export function createAppMetrics(sources: MetricsSources): AppMetrics {
  const registry = new Registry();
  const registers = [registry];

  const requestDuration = new Histogram({
    name: 'fortune_sky_http_request_duration_seconds',
    help: 'Requests answered through the router (not page-cache hits answered before routing: fortune_sky_page_cache_hits_total), by route pattern, method and status code; _count is the number of requests.',
    labelNames: ['route', 'method', 'status'],
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const renderDuration = new Histogram({
    name: 'fortune_sky_page_render_duration_seconds',
    help: 'Rendering a page on a cache miss (database reads included, compression not), by route pattern.',
    labelNames: ['route'],
    buckets: RENDER_BUCKETS,
    registers,
  });

  const cacheCounter = (name: keyof PageCacheTotals, metric: string, help: string) => ({ name, counter: new Counter({ name: metric, help, registers }) });
  const cacheCounters = [
    cacheCounter('hits', 'fortune_sky_page_cache_hits_total', 'Requests answered from the page cache (before routing or by a route).'),
    cacheCounter('misses', 'fortune_sky_page_cache_misses_total', 'Requests for a page not in the cache, answered by rendering it.'),
    cacheCounter('evictions', 'fortune_sky_page_cache_evictions_total', 'Pages dropped, least recently used first, to stay within PAGE_CACHE_MB.'),
    cacheCounter('purged', 'fortune_sky_page_cache_purged_pages_total', 'Pages dropped because a change dirtied them.'),
    cacheCounter('expired', 'fortune_sky_page_cache_expired_pages_total', 'Pages dropped at their expiry (a breaking-news banner ending).'),
  ];
  const cacheBytes = new Gauge({ name: 'fortune_sky_page_cache_bytes', help: 'Bytes the page cache holds (bodies and compressed variants).', registers });
  const cacheMaxBytes = new Gauge({ name: 'fortune_sky_page_cache_max_bytes', help: 'The page cache bound (PAGE_CACHE_MB).', registers });
  const cachePages = new Gauge({ name: 'fortune_sky_page_cache_pages', help: 'Pages (and remembered values) the page cache holds.', registers });

  const jobsDue = new Gauge({ name: 'fortune_sky_jobs_due', help: 'Jobs due to run and not finished (claimed ones included), by kind: the queue depth.', labelNames: ['kind'], registers });
  const jobsLag = new Gauge({
    name: 'fortune_sky_jobs_oldest_due_age_seconds',
    help: 'How long the earliest due job has been due, by kind (0 when none is): the queue lag.',
    labelNames: ['kind'],
    registers,
  });

  const jobsFailed = new Gauge({
    name: 'fortune_sky_jobs_failed',
    help: 'Jobs given up after their last attempt, by kind: kept with their last error (jobs.last_error) and never run again unless scheduled anew; each wants an operator.',
    labelNames: ['kind'],
    registers,
  });
  const jobGauges = [jobsDue, jobsLag, jobsFailed];

  const feedPosition = new Gauge({ name: 'fortune_sky_change_feed_position', help: 'The last change event this process has applied to its page cache.', registers });
  const feedLatest = new Gauge({ name: 'fortune_sky_change_feed_latest_position', help: 'The newest committed change event.', registers });
  const feedLag = new Gauge({ name: 'fortune_sky_change_feed_lag_events', help: 'Change events committed after this process position.', registers });
  const feedBehind = new Gauge({
    name: 'fortune_sky_change_feed_seconds_since_caught_up',
    help: 'How long this process has been behind the change log (0 while caught up); /readyz fails past 30.',
    registers,
  });
  const databaseUp = new Gauge({ name: 'fortune_sky_database_up', help: 'Whether the database answered this scrape (1) or not (0).', registers });

  const exposition = Registry.merge([processMetricsRegistry(), registry]);

  function readCache(): void {
    const totals = sources.cache.totals();
    for (const { name, counter } of cacheCounters) {
      // The cache keeps plain running totals (the hot path only increments a number); copied here.
      counter.reset();
      counter.inc(totals[name]);
    }
    const { pages, bytes, maxBytes } = sources.cache.stats();
    cacheBytes.set(bytes);
    cacheMaxBytes.set(maxBytes);
    cachePages.set(pages);
  }

  const feedGauges = [feedPosition, feedLatest, feedLag, feedBehind];

  async function readDatabase(): Promise<void> {
    const now = sources.now();
    const progress = sources.follower.progress();
    const [due, failed, backlog] = await Promise.all([sources.jobs.dueJobs(now), sources.jobs.failedJobs(), progress && sources.feed.backlogAfter(progress.position)]);
    for (const kind of sources.jobKinds) {
      for (const gauge of jobGauges) gauge.set({ kind }, 0);
    }
    for (const { kind, due: count, oldestRunAt } of due) {
      jobsDue.set({ kind }, count);
      jobsLag.set({ kind }, Math.max(0, now.getTime() - oldestRunAt.getTime()) / 1000);
    }
    for (const { kind, failed: count } of failed) jobsFailed.set({ kind }, count);
    if (progress && backlog) {
      const status = changeFeedStatus(progress, backlog, now);
      feedPosition.set(status.position);
      feedLatest.set(backlog.latestPosition);
      feedLag.set(status.lagEvents);
      feedBehind.set(status.lastCaughtUpSecondsAgo);
    }
  }

  return {
    observeRequest(route, method, status, elapsedMs) {
      requestDuration.observe({ route: route ?? UNMATCHED, method: METHODS.has(method) ? method : 'other', status: String(status) }, elapsedMs / 1000);
    },
    observeRender(route, elapsedMs) {
      renderDuration.observe({ route }, elapsedMs / 1000);
    },
    async scrape() {
      readCache();
      // Stale numbers would be worse than none: what is read from the database is cleared first,
      // and stays unknown (no series per kind; NaN for the change feed) if the database fails.
      for (const gauge of jobGauges) gauge.reset();
      for (const gauge of feedGauges) gauge.set(Number.NaN);
      let error: unknown;
      try {
        await readDatabase();
        databaseUp.set(1);
      } catch (failure) {
        error = failure;
        for (const gauge of jobGauges) gauge.reset();
        for (const gauge of feedGauges) gauge.set(Number.NaN);
        databaseUp.set(0);
      }
      return { contentType: exposition.contentType, body: await exposition.metrics(), error };
    },
  };
}
