import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createChangeWriter } from '../../src/changes/index.js';
import { createSignedInUser, createTestClock } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { parseSamples, sampleValue } from '../support/prometheus-text.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// /metrics and /readyz as an operator and a load balancer see them (issue 10, item 6).

const OUTSIDE = '203.0.113.7';
const TOKEN = 'f3a9c1d27e5b4a60b8d9e1f2a3b4c5d6e7f8091a2b3c4d5e';

async function scrape(site: TestApp): Promise<string> {
  const response = await site.app.inject({ url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return response.body;
}

describe('/metrics: who may read it', () => {
  let site: TestApp;
  beforeAll(async () => {
    site = await createTestApp();
  });
  afterAll(() => site.close());

  test('this machine reads Prometheus text with the process metrics, never cached', async () => {
    const response = await site.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-cache']).toBeUndefined();
    const samples = parseSamples(response.body);
    expect(samples.find((sample) => sample.name === 'process_resident_memory_bytes')?.value).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(sampleValue(response.body, 'fortune_sky_database_up')).toBe(1);
    // Asked again from loopback, it is answered fresh, not from the page cache.
    expect((await site.app.inject({ url: '/metrics' })).headers['x-cache']).toBeUndefined();
  });

  test('a request from another machine, or one a proxy on this machine forwarded, is refused', async () => {
    for (const request of [
      { remoteAddress: OUTSIDE, headers: {} },
      { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': OUTSIDE } },
      { remoteAddress: OUTSIDE, headers: { authorization: `Bearer ${TOKEN}` } }, // no METRICS_TOKEN set: a token opens nothing
    ]) {
      const response = await site.app.inject({ url: '/metrics', ...request });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({
        error: { code: 'METRICS_FORBIDDEN', message: expect.stringContaining('METRICS_TOKEN'), details: {} },
      });
      expect(response.body).not.toContain('process_');
    }
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let site: TestApp;
  beforeAll(async () => {
    site = await createTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => site.close());

  test('a scraper elsewhere reads it with the bearer token, and is refused without it or with another', async () => {
    const read = (authorization?: string) => site.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: authorization ? { authorization } : {} });
    expect((await read(`Bearer ${TOKEN}`)).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(403);
    expect((await read(`Bearer ${TOKEN.slice(0, -1)}0`)).statusCode).toBe(403);
  });
});

describe('/metrics: requests, the page cache and renders', () => {
  let site: TestApp;
  let baseUrl: string;
  const story = articleInput({ title: 'Copper rallies on supply fears', publishedAt: '2024-03-01T10:00:00Z' });
  const storyUrl = '/2024/03/01/copper-rallies-on-supply-fears/';
  const ARTICLE_ROUTE = '/:yyyy/:mm/:dd/:slug/';

  beforeAll(async () => {
    site = await createTestApp();
    await createArticles(site, [story]);
    await site.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(site.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => site.close());

  test('a request is counted under its route pattern and status, never its URL; unknown URLs share one label', async () => {
    const counted = (text: string, route: string, status: string) =>
      sampleValue(text, 'fortune_sky_http_request_duration_seconds_count', { route, method: 'GET', status }) ?? 0;
    const before = await scrape(site);
    expect((await site.app.inject({ url: storyUrl })).statusCode).toBe(200);
    expect((await site.app.inject({ url: '/newsroom/' })).statusCode).toBe(303);
    for (const made_up of ['/wp-admin/setup.php', '/a/b/c/d/e/f/', '/.env']) expect((await site.app.inject({ url: made_up })).statusCode).toBe(404);
    const after = await scrape(site);

    expect(counted(after, ARTICLE_ROUTE, '200') - counted(before, ARTICLE_ROUTE, '200')).toBe(1);
    expect(counted(after, '/newsroom/', '303') - counted(before, '/newsroom/', '303')).toBe(1);
    expect(counted(after, 'unmatched', '404') - counted(before, 'unmatched', '404')).toBe(3);
    const routes = new Set(parseSamples(after).flatMap((sample) => (sample.labels.route ? [sample.labels.route] : [])));
    for (const route of routes) expect(route, 'a raw URL as a label').not.toMatch(/copper|wp-admin|\.env/);
    // Latency buckets are cumulative up to +Inf, which equals the count.
    expect(sampleValue(after, 'fortune_sky_http_request_duration_seconds_bucket', { route: ARTICLE_ROUTE, method: 'GET', status: '200', le: '+Inf' })).toBe(
      counted(after, ARTICLE_ROUTE, '200'),
    );
  });

  test('a miss renders (timed under its route), then hits are counted before routing and by the route', async () => {
    const url = '/markets/';
    const read = (text: string) => ({
      hits: sampleValue(text, 'fortune_sky_page_cache_hits_total')!,
      misses: sampleValue(text, 'fortune_sky_page_cache_misses_total')!,
      renders: sampleValue(text, 'fortune_sky_page_render_duration_seconds_count', { route: '/:section/' }) ?? 0,
    });
    const before = read(await scrape(site));
    const miss = await fetch(`${baseUrl}${url}`);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    // Through the real port a cached page is answered before routing; inject goes through the route.
    const earlyHit = await fetch(`${baseUrl}${url}`);
    expect(earlyHit.headers.get('x-cache')).toBe('HIT');
    expect((await site.app.inject({ url })).headers['x-cache']).toBe('HIT');
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const after = read(text);
    expect(after.hits - before.hits).toBe(2);
    expect(after.misses - before.misses).toBe(1);
    expect(after.renders - before.renders).toBe(1);
    expect(sampleValue(text, 'fortune_sky_page_cache_bytes')).toBeGreaterThan(0);
    expect(sampleValue(text, 'fortune_sky_page_cache_max_bytes')).toBe(site.config.pageCacheBytes);
    expect(sampleValue(text, 'fortune_sky_page_cache_evictions_total')).toBe(0);
  });

  test('a change that dirties a cached page counts it as purged', async () => {
    await site.app.inject({ url: storyUrl });
    const before = sampleValue(await scrape(site), 'fortune_sky_page_cache_purged_pages_total')!;
    await createArticles(site, [{ ...story, title: 'Copper soars as mines shut' }]);
    expect(sampleValue(await scrape(site), 'fortune_sky_page_cache_purged_pages_total')!).toBeGreaterThan(before);
  });
});

describe('/metrics: the job queue', () => {
  let site: TestApp | undefined;
  afterEach(async () => site?.close());

  test('a scheduled story shows in the queue depth once it is due, with its lag', async () => {
    const clock = createTestClock('2026-05-01T09:00:00.000Z');
    site = await createTestApp({}, { clock });
    // The publisher would take the job once due; stopped, the job stays in the queue for the scrape to see.
    site.scheduledPublisher.stop();
    const editor = await createSignedInUser(site, 'editor');
    const title = 'Markets brace for the jobs report';
    const id = await createStoryAs(site, editor, { title });
    expect((await pressEditorButton(site, editor, id, 'schedule', { title, publish_at: '2026-05-01T10:00' })).statusCode).toBe(303);

    const queued = async () => {
      const text = await scrape(site!);
      return { due: sampleValue(text, 'fortune_sky_jobs_due', { kind: 'story.publish' }), age: sampleValue(text, 'fortune_sky_jobs_oldest_due_age_seconds', { kind: 'story.publish' }) };
    };
    expect(await queued()).toEqual({ due: 0, age: 0 });
    clock.set('2026-05-01T10:01:30.000Z');
    expect(await queued()).toEqual({ due: 1, age: 90 });
    expect(await site.scheduledPublisher.runDue()).toEqual([id]);
    expect(await queued()).toEqual({ due: 0, age: 0 });
  });

  test('an edge purge the edge keeps refusing is given up after its last attempt: logged as an error, counted as failed, no longer due', async () => {
    // Stands where the edge cache would, refusing every purge.
    const edge = createServer((_request, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => edge.listen(0, '127.0.0.1', resolve));
    try {
      const clock = createTestClock('2026-05-01T09:00:00.000Z');
      const log: string[] = [];
      site = await createTestApp(
        { EDGE_PURGE_URL: `http://127.0.0.1:${(edge.address() as AddressInfo).port}/`, LOG_LEVEL: 'warn' },
        { clock, logStream: { write: (line: string) => void log.push(line) } },
      );
      site.edgePurges!.stop();
      await createArticles(site, [articleInput()]);
      const jobs = async () => {
        const text = await scrape(site!);
        return { due: sampleValue(text, 'fortune_sky_jobs_due', { kind: 'edge.purge' }), failed: sampleValue(text, 'fortune_sky_jobs_failed', { kind: 'edge.purge' }) };
      };
      expect(await jobs()).toEqual({ due: 1, failed: 0 });
      // Each run finds the purge due again (retries wait at most 10 minutes) and the edge refusing it.
      for (let run = 0; run < 20 && (await jobs()).failed === 0; run++) {
        await site.edgePurges!.runDue();
        clock.advance(11 * 60_000);
      }
      expect(await jobs()).toEqual({ due: 0, failed: 1 });
      expect(await site.database.db.selectFrom('jobs').select(['kind', 'attempts', 'last_error']).where('failed_at', 'is not', null).execute()).toEqual([
        { kind: 'edge.purge', attempts: 15, last_error: expect.stringContaining('503') },
      ]);
      const givenUp = log.map((line) => JSON.parse(line)).filter((entry) => entry.msg.startsWith('job given up'));
      expect(givenUp).toEqual([expect.objectContaining({ level: 50, job: expect.objectContaining({ kind: 'edge.purge', attempts: 15 }) })]);
    } finally {
      await new Promise((resolve) => edge.close(resolve));
    }
  });
});

describe('/readyz', () => {
  let site: TestApp | undefined;
  afterEach(async () => site?.close());

  test('healthy: 200 with the database and the change feed caught up', async () => {
    site = await createTestApp();
    await createArticles(site, [articleInput()]);
    const response = await site.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const position = (await site.database.changeFeed.latestPosition());
    expect(position).toBeGreaterThan(0);
    expect(response.json()).toEqual({ status: 'ready', database: 'ok', changeFeed: { position, lagEvents: 0, lastCaughtUpSecondsAgo: 0 } });
  });

  test('a follower behind the log is ready for 30 s, then 503 with the reason until it catches up; /metrics shows the lag', async () => {
    const clock = createTestClock('2026-05-01T09:00:00.000Z');
    site = await createTestApp({}, { clock });
    // This process stops following; another writer (as another instance would) commits a change.
    site.changes.stop();
    const position = site.changes.progress()!.position;
    const otherInstance = createChangeWriter(site.database);
    await otherInstance.run(clock.now(), async (work) => work.dirty(['home']));

    clock.advance(20_000);
    const behind = await site.app.inject({ url: '/readyz' });
    expect(behind.statusCode).toBe(200);
    expect(behind.json()).toEqual({ status: 'ready', database: 'ok', changeFeed: { position, lagEvents: 1, lastCaughtUpSecondsAgo: 20 } });

    clock.advance(11_000);
    const stuck = await site.app.inject({ url: '/readyz' });
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json()).toEqual({
      status: 'unavailable',
      reason: 'The change feed is stuck: this instance is 1 event behind and has not caught up for 31 s (more than 30 s), so it may serve pages a change has dirtied.',
      database: 'ok',
      changeFeed: { position, lagEvents: 1, lastCaughtUpSecondsAgo: 31 },
    });
    const text = await scrape(site);
    expect(sampleValue(text, 'fortune_sky_change_feed_lag_events')).toBe(1);
    expect(sampleValue(text, 'fortune_sky_change_feed_seconds_since_caught_up')).toBe(31);
    expect(sampleValue(text, 'fortune_sky_change_feed_latest_position')).toBe(position + 1);

    await site.changes.catchUp();
    expect((await site.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'ok', changeFeed: { position: position + 1, lagEvents: 0, lastCaughtUpSecondsAgo: 0 } });
    expect(sampleValue(await scrape(site), 'fortune_sky_change_feed_lag_events')).toBe(0);
  });

  test('the database closed: 503 saying so, and /metrics still answers with the database down', async () => {
    site = await createTestApp();
    await site.database.close();
    const response = await site.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', reason: 'The database cannot be reached (the error is in the log).', database: 'unreachable' });
    const text = await scrape(site);
    expect(sampleValue(text, 'fortune_sky_database_up')).toBe(0);
    expect(sampleValue(text, 'fortune_sky_change_feed_lag_events')).toBeNaN();
    expect(sampleValue(text, 'fortune_sky_jobs_due', { kind: 'story.publish' })).toBeUndefined();
  });
});
