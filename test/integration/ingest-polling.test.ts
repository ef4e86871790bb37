/**
 * Feed sources polled as jobs, against a real feed server on loopback: a source added polls at
 * once and its items land on the desk; the next poll is conditional; failures back off and
 * Retry-After is honoured; a redirect to a private address is refused with nothing written;
 * disabling removes the job; two apps on one database poll a source once; the CLI and "Poll now".
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { addSource, changeSource, createIngestTools, ensurePolls, findSource, holdPoll, isPollRunning, listDeskEntries, listFetches, releasePoll, SOURCE_POLL_JOB } from '../../src/ingest/pipeline/index.js';
import { createPollWorker, pollSource, runPollCommand } from '../../src/ingest/polling/index.js';
import { isPublicAddress, type HostResolver } from '../../src/net/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { createSignedInUser, createTestClock, formBody, formHeaders, type TestClock } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const rss = readFileSync(new URL('../fixtures/feeds/rss2-edge-cases.xml', import.meta.url));
let server: Server;
let base: string;
const requests: { path: string; ifNoneMatch?: string }[] = [];
const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/rss.xml': (request, response) => {
    if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }).end(rss);
  },
  '/broken': (_request, response) => response.writeHead(500).end('oops'),
  '/busy': (_request, response) => response.writeHead(503, { 'retry-after': '1800' }).end(),
  '/to-metadata': (_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path, ifNoneMatch: request.headers['if-none-match'] });
    (routes[path] ?? ((_q, r) => r.writeHead(404).end()))(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let site: TestApp;
let clock: TestClock;
beforeEach(async () => {
  clock = createTestClock('2026-03-02T09:00:00.000Z');
  site = await createTestApp({ INGEST_ALLOW_PRIVATE: 'true' }, { clock });
  // Driven by hand with the test clock: no timer claims a poll meanwhile (the run started with the app is waited for).
  site.polls.stop();
  await site.polls.runDue();
});
afterEach(async () => site.close());

const context = () => ({ actorUserId: null, now: clock.now(), audit: recordAudit, via: 'cli' as const });
const add = (path: string, extra: Record<string, string> = {}) => addSource(site.database.db, { name: `Wire ${path}`, url: `${base}${path}`, every: '5m', policy: 'draft', enabled: 'on', ...extra }, context());
const pollJob = (id: number) => site.database.db.selectFrom('jobs').select(['run_at', 'failed_at']).where('kind', '=', SOURCE_POLL_JOB).where('key', '=', String(id)).executeTakeFirst();
const minutesAfterNow = (iso: string | null | undefined) => (new Date(iso!).getTime() - clock.now().getTime()) / 60_000;

describe('polling a source as a job', () => {
  test('a source added polls at once: its items land on the desk, and the next poll is conditional and not modified', async () => {
    const id = await add('/rss.xml');
    expect(await pollJob(id)).toMatchObject({ run_at: clock.now().toISOString() });
    expect(await site.polls.runDue()).toHaveLength(1);
    const entries = await listDeskEntries(site.database.db, { sourceId: id }, 50);
    expect(entries.length).toBeGreaterThan(0);
    const source = (await findSource(site.database.db, id))!;
    expect(source).toMatchObject({ etag: '"v1"', consecutiveFailures: 0, lastSuccessAt: clock.now().toISOString(), itemsTaken: entries.length });
    expect(minutesAfterNow((await pollJob(id))?.run_at)).toBe(5);

    // Not due before its interval; then a conditional GET, answered 304.
    expect(await site.polls.runDue()).toHaveLength(0);
    clock.advance(5 * 60_000);
    await site.polls.runDue();
    expect(requests.at(-1)).toEqual({ path: '/rss.xml', ifNoneMatch: '"v1"' });
    expect((await listFetches(site.database.db, id, 10)).map((fetch) => fetch.outcome)).toEqual(['not-modified', 'fetched']);
    expect(await listDeskEntries(site.database.db, { sourceId: id }, 50)).toHaveLength(entries.length);
  });

  test('a 500 is recorded as a failure and the next poll backs off: twice the interval, then four times', async () => {
    const id = await add('/broken');
    await site.polls.runDue();
    const [failed] = await listFetches(site.database.db, id, 10);
    expect(failed).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/500/) });
    expect(await findSource(site.database.db, id)).toMatchObject({ consecutiveFailures: 1, lastError: expect.stringMatching(/500/) });
    expect(minutesAfterNow((await pollJob(id))?.run_at)).toBe(10);
    clock.advance(10 * 60_000);
    await site.polls.runDue();
    expect(minutesAfterNow((await pollJob(id))?.run_at)).toBe(20);
    expect((await pollJob(id))?.failed_at).toBeNull();
  });

  test('a 503 with Retry-After polls again when the server asked', async () => {
    const id = await add('/busy');
    await site.polls.runDue();
    expect(minutesAfterNow((await pollJob(id))?.run_at)).toBe(30);
    expect((await findSource(site.database.db, id))?.nextPollAt).toBe((await pollJob(id))?.run_at);
  });

  test('disabling a source removes its job; enabling it again polls it now; deleting removes it', async () => {
    const id = await add('/rss.xml');
    const settings = { name: 'Wire /rss.xml', url: `${base}/rss.xml`, every: '5m', policy: 'draft' };
    await changeSource(site.database.db, id, settings, context());
    expect(await pollJob(id)).toBeUndefined();
    expect(await site.polls.runDue()).toHaveLength(0);
    await changeSource(site.database.db, id, { ...settings, enabled: 'on' }, context());
    expect(await pollJob(id)).toMatchObject({ run_at: clock.now().toISOString() });
  });
});

describe('at start', () => {
  test('an enabled source without a job gets one due now; a pending job stays where it is; a job given up is revived', async () => {
    const lost = await add('/rss.xml');
    const pending = await add('/broken');
    const givenUp = await add('/busy');
    await site.polls.runDue();
    await site.database.db.deleteFrom('jobs').where('kind', '=', SOURCE_POLL_JOB).where('key', '=', String(lost)).execute();
    await site.database.db.updateTable('jobs').set({ failed_at: clock.now().toISOString() }).where('key', '=', String(givenUp)).execute();
    const pendingAt = (await pollJob(pending))?.run_at;
    clock.advance(60_000);
    expect(await ensurePolls(site.database.db, clock.now())).toBe(3);
    expect(await ensurePolls(site.database.db, clock.now())).toBe(3);
    expect(await pollJob(lost)).toEqual({ run_at: clock.now().toISOString(), failed_at: null });
    expect(await pollJob(pending)).toEqual({ run_at: pendingAt, failed_at: null });
    expect(await pollJob(givenUp)).toEqual({ run_at: clock.now().toISOString(), failed_at: null });
  });
});

describe('a redirect to a private address without INGEST_ALLOW_PRIVATE', () => {
  test('is refused with its reason, and nothing is written but the fetch log', async () => {
    const id = await add('/to-metadata');
    // The loopback feed server stands in for a public host; the redirect's target is checked for real.
    const resolve: HostResolver = async (hostname) => (hostname === 'wire.example.com' ? [{ address: '127.0.0.1', family: 4 }] : []);
    await site.database.db.updateTable('ingest_sources').set({ url: `${base.replace('127.0.0.1', 'wire.example.com')}/to-metadata` }).where('id', '=', id).execute();
    const report = await pollSource(
      {
        db: site.database.db,
        writer: site.writer,
        tools: createIngestTools(),
        clock,
        timeZone: 'UTC',
        language: 'en',
        allowPrivate: false,
        resolve,
        isPublic: (address) => address === '127.0.0.1' || isPublicAddress(address),
      },
      id,
    );
    expect(report).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/169\.254\.169\.254 is not a public address/), summary: null });
    expect(await listFetches(site.database.db, id, 10)).toMatchObject([{ outcome: 'refused', error: expect.stringMatching(/169\.254\.169\.254/) }]);
    expect(await listDeskEntries(site.database.db, { sourceId: id }, 50)).toHaveLength(0);
  });
});

describe('two workers on one database', () => {
  test('poll a due source once', async () => {
    const id = await add('/rss.xml');
    const workers = ['a', 'b'].map((name) =>
      createPollWorker({ queue: site.database.jobQueue, workerId: name, db: site.database.db, writer: site.writer, tools: createIngestTools(), clock, timeZone: 'UTC', language: 'en', allowPrivate: true }),
    );
    const before = requests.length;
    const finished = await Promise.all(workers.map((worker) => worker.runDue()));
    expect(finished.flat()).toHaveLength(1);
    expect(requests.length - before).toBe(1);
    expect(await listFetches(site.database.db, id, 10)).toHaveLength(1);
  });
});

describe('fortune-sky sources poll', () => {
  test('polls every enabled source now and prints each outcome; a bad id is an error', async () => {
    const fine = await add('/rss.xml');
    const broken = await add('/broken');
    const out: string[] = [];
    const errors: string[] = [];
    const io = { out: (line: string) => out.push(line), error: (line: string) => errors.push(line) };
    const context = { db: site.database.db, writer: site.writer, tools: createIngestTools(), clock, timeZone: 'UTC', language: 'en', allowPrivate: true };
    expect(await runPollCommand([], context, io)).toBe(0);
    // By name: /broken before /rss.xml. The fixture repeats one guid: its second copy is unchanged.
    expect(out).toEqual([`${broken} Wire /broken: failed — ${base}/broken answered 500 Internal Server Error.`, `${fine} Wire /rss.xml: fetched, 3 new, 0 updated, 1 unchanged, 0 duplicates`]);
    expect(await runPollCommand([String(fine)], context, io)).toBe(0);
    expect(out[2]).toBe(`${fine} Wire /rss.xml: not-modified, nothing new since the last poll`);
    expect(await runPollCommand(['999'], context, io)).toBe(1);
    expect(await runPollCommand(['x'], context, io)).toBe(2);
    expect(errors).toEqual([expect.stringMatching(/no such source: 999/), expect.stringMatching(/^Usage: fortune-sky sources poll/)]);
  });
});

describe('a poll under way', () => {
  test('fortune-sky sources poll skips a source a worker is polling, and a worker does not claim one the command holds', async () => {
    const id = await add('/rss.xml');
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), error: (line: string) => out.push(line) };
    const context = { db: site.database.db, writer: site.writer, tools: createIngestTools(), clock, timeZone: 'UTC', language: 'en', allowPrivate: true };
    // Another instance's worker has claimed the due poll and is fetching.
    const claimed = await site.database.jobQueue.claim({ kinds: [SOURCE_POLL_JOB], claimant: 'other-instance', now: clock.now(), leaseMs: 60_000 });
    expect(claimed).toMatchObject({ key: String(id) });
    const before = requests.length;
    expect(await runPollCommand([String(id)], context, io)).toBe(0);
    expect(out).toEqual([`${id}: being polled by a server right now; its outcome will be on the source's page (fortune-sky sources list).`]);
    expect(requests.length).toBe(before);
    await site.database.jobQueue.release(claimed!, clock.now(), 'stopped');

    // The command holds the job while it polls: the worker finds nothing to claim meanwhile.
    expect(await holdPoll(site.database.db, id, 'cli:test', clock.now())).toBe(true);
    expect(await holdPoll(site.database.db, id, 'cli:other', clock.now())).toBe(false);
    expect(await site.polls.runDue()).toHaveLength(0);
    await releasePoll(site.database.db, id, 'cli:test');
    expect(await site.polls.runDue()).toHaveLength(1);
    expect(requests.length).toBe(before + 1);

    // A poll by the command moves the job to the next poll and leaves it free.
    expect(await runPollCommand([String(id)], context, io)).toBe(0);
    expect(out[1]).toBe(`${id} Wire /rss.xml: not-modified, nothing new since the last poll`);
    expect(await pollJob(id)).toMatchObject({ run_at: new Date(clock.now().getTime() + 5 * 60_000).toISOString() });
    expect(await isPollRunning(site.database.db, id, clock.now())).toBe(false);
  });

  test('Poll now tells the editor it is running and leaves it to finish, rather than starting a second poll', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const id = await add('/rss.xml');
    const claimed = await site.database.jobQueue.claim({ kinds: [SOURCE_POLL_JOB], claimant: 'other-instance', now: clock.now(), leaseMs: 60_000 });
    expect(claimed).toMatchObject({ key: String(id) });
    const pressed = await site.app.inject({ method: 'POST', url: `/newsroom/sources/${id}/poll/`, headers: formHeaders(editor), payload: formBody({ _csrf: editor.csrfToken }) });
    expect(pressed.statusCode).toBe(303);
    expect(pressed.headers.location).toBe(`/newsroom/sources/${id}/?done=running`);
    const notice = await site.app.inject({ url: pressed.headers.location!, headers: { cookie: editor.cookie } });
    expect(notice.body).toContain('The source is being polled right now');
    // The claim stands: no second poll starts beside it.
    expect(await site.polls.runDue()).toHaveLength(0);
    expect(await site.database.jobQueue.complete(claimed!)).toBe(true);
  });
});

describe('Poll now in the newsroom', () => {
  test('makes the source’s poll due now without fetching in the request; the worker then polls it', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const id = await add('/rss.xml');
    await site.polls.runDue();
    expect(minutesAfterNow((await pollJob(id))?.run_at)).toBe(5);
    const page = await site.app.inject({ url: `/newsroom/sources/${id}/`, headers: { cookie: editor.cookie } });
    expect(page.body).toContain(`action="/newsroom/sources/${id}/poll/"`);

    const before = requests.length;
    const url = `/newsroom/sources/${id}/poll/`;
    const refused = await site.app.inject({ method: 'POST', url, headers: formHeaders(editor), payload: formBody({}) });
    expect(refused.statusCode).toBe(403);
    const pressed = await site.app.inject({ method: 'POST', url, headers: formHeaders(editor), payload: formBody({ _csrf: editor.csrfToken }) });
    expect(pressed.statusCode).toBe(303);
    expect(pressed.headers.location).toBe(`/newsroom/sources/${id}/?done=polling`);
    expect(requests.length).toBe(before);
    expect((await pollJob(id))?.run_at).toBe(clock.now().toISOString());
    const notice = await site.app.inject({ url: pressed.headers.location!, headers: { cookie: editor.cookie } });
    expect(notice.body).toContain('The source is polled within a few seconds');

    expect(await site.polls.runDue()).toHaveLength(1);
    expect(requests.slice(before)).toEqual([{ path: '/rss.xml', ifNoneMatch: '"v1"' }]);
  });
});
