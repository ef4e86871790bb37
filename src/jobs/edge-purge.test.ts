import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createEdgePurger } from '../cache/index.js';
import { createChangeWriter } from '../changes/index.js';
import { openTwoSqliteConnections, type TwoConnections } from '../storage/port-contract-fixture.js';
import { createEdgePurgeWorker, EDGE_PURGE_COALESCED_JOB, EDGE_PURGE_JOB, EDGE_PURGE_RETRY, enqueueEdgePurge, enqueueEdgePurges } from './edge-purge.js';
import { retryWindowMs } from './job-worker.js';

let connections: TwoConnections;
let now: Date;
const clock = { now: () => now };
let edge: Server;
let edgeUrl: string;
let received: string[];
let answerStatus: number;

beforeEach(async () => {
  connections = await openTwoSqliteConnections();
  now = new Date('2026-01-01T10:00:00Z');
  received = [];
  answerStatus = 200;
  // Stands where the edge cache would: records each PURGE's keys (the real Varnish is test/integration/edge-cache.test.ts).
  edge = createServer((request, response) => {
    received.push(`${request.method} ${String(request.headers.xkey)}`);
    response.writeHead(answerStatus).end();
  });
  await new Promise<void>((resolve) => edge.listen(0, '127.0.0.1', resolve));
  edgeUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  await new Promise((resolve) => edge.close(resolve));
  await connections.close();
});

const writerWithEdgePurges = () => createChangeWriter(connections.first, undefined, { onAppend: enqueueEdgePurge });
const edgeJobs = () => connections.second.db.selectFrom('jobs').select(['key', 'run_at', 'attempts', 'last_error']).where('kind', '=', EDGE_PURGE_JOB).orderBy('id').execute();
const worker = (workerId = 'w1') =>
  createEdgePurgeWorker({ queue: connections.first.jobQueue, db: connections.first.db, purger: createEdgePurger({ url: edgeUrl }), workerId, clock });

test('each change enqueues its edge purge in its own transaction: a rolled-back change or one that dirties nothing enqueues none', async () => {
  const writer = writerWithEdgePurges();
  await writer.run(now, async (work) => work.dirty(['home', 'article:1']));
  await writer.run(now, async () => {});
  await expect(
    writer.run(now, async (work) => {
      work.dirty(['article:2']);
      throw new Error('refused');
    }),
  ).rejects.toThrow('refused');
  const events = await connections.second.db.selectFrom('change_events').select('id').execute();
  expect(events).toHaveLength(1);
  expect(await edgeJobs()).toEqual([{ key: String(events[0]!.id), run_at: now.toISOString(), attempts: 0, last_error: null }]);
});

test('the job sends the change’s keys once, however many workers try to claim it', async () => {
  const writer = writerWithEdgePurges();
  await writer.run(now, async (work) => work.dirty(['home', 'section:markets', 'article:7']));
  await writer.run(now, async (work) => work.dirty(['article:8']));
  const workers = [worker('w1'), worker('w2'), worker('w3')];
  await Promise.all(workers.map((each) => each.runDue()));
  expect(received.sort()).toEqual(['PURGE article:7 home section:markets', 'PURGE article:8']);
  expect(await edgeJobs()).toEqual([]);
});

test('a change whose event was pruned before its purge ran purges the whole edge', async () => {
  await connections.first.db.transaction().execute((trx) => enqueueEdgePurge(trx, { id: 12345, keys: ['home'] }, now));
  await worker().runDue();
  expect(received).toEqual(['PURGE all']);
});

test('while the edge fails, the change is kept with the error and tried again seconds later; other purges wait without trying', async () => {
  const writer = writerWithEdgePurges();
  await writer.run(now, async (work) => work.dirty(['home']));
  await writer.run(now, async (work) => work.dirty(['feeds']));
  answerStatus = 503;
  const errors: unknown[] = [];
  const edgeWorker = createEdgePurgeWorker({
    queue: connections.first.jobQueue,
    db: connections.first.db,
    purger: createEdgePurger({ url: edgeUrl }),
    workerId: 'w1',
    clock,
    onError: (error) => errors.push(error),
  });
  expect(await edgeWorker.runDue()).toEqual([]);
  // One request reached the failing edge; the second purge was not sent to it moments later.
  expect(received).toEqual(['PURGE home']);
  expect(errors).toHaveLength(2);
  const retryAt = new Date(now.getTime() + 5_000).toISOString();
  expect(await edgeJobs()).toEqual([
    expect.objectContaining({ run_at: retryAt, attempts: 1, last_error: expect.stringContaining('refused a PURGE with 503') }),
    expect.objectContaining({ run_at: retryAt, attempts: 1, last_error: expect.stringContaining('presumed down') }),
  ]);

  answerStatus = 200;
  now = new Date(now.getTime() + 4_000);
  expect(await edgeWorker.runDue()).toEqual([]);
  now = new Date(now.getTime() + 1_000);
  expect(await edgeWorker.runDue()).toHaveLength(2);
  expect(received).toEqual(['PURGE home', 'PURGE home', 'PURGE feeds']);
  expect(await edgeJobs()).toEqual([]);
});

test('a failing purge waits 5 s, 20 s, 45 s… and never more than 10 minutes', () => {
  expect([1, 2, 3, 4, 10, 11, 100].map(EDGE_PURGE_RETRY.delayMs)).toEqual([5_000, 20_000, 45_000, 80_000, 500_000, 600_000, 600_000]);
});

test('a purge is given up some 70 minutes after its first failure: well past the 15 minutes the edge may keep a page it would clear', () => {
  expect(retryWindowMs(EDGE_PURGE_RETRY) / 60_000).toBeCloseTo(72.1, 1);
});

describe('coalesced purges (quote batches)', () => {
  const coalescing = () =>
    createChangeWriter(connections.first, undefined, { onAppend: enqueueEdgePurges({ matches: (key) => key.startsWith('quote:'), purgeKey: 'quote-pages', windowMs: 5_000 }) });
  const allJobs = () => connections.second.db.selectFrom('jobs').select(['kind', 'key', 'run_at']).orderBy('id').execute();
  const at = (ms: number) => new Date(Date.parse('2026-01-01T10:00:00Z') + ms);

  test('a hundred quote batches in a second schedule one purge of the quote pages, a window after the first; any other change is purged on its own at once', async () => {
    const writer = coalescing();
    for (let n = 0; n < 100; n += 1) await writer.run(at(n * 10), async (work) => work.dirty([`quote:S${n % 7}`, 'quote:HALD']));
    await writer.run(at(500), async (work) => work.dirty(['quote:HALD', 'instrument:HALD']));
    const [mixed] = await connections.second.db.selectFrom('change_events').select('id').orderBy('id', 'desc').limit(1).execute();
    expect(await allJobs()).toEqual([
      { kind: EDGE_PURGE_COALESCED_JOB, key: 'quote-pages', run_at: at(5_000).toISOString() },
      { kind: EDGE_PURGE_JOB, key: String(mixed!.id), run_at: at(500).toISOString() },
    ]);
    now = at(1_000);
    await worker().runDue();
    expect(received).toEqual(['PURGE instrument:HALD quote:HALD']);
    now = at(5_000);
    await worker().runDue();
    expect(received).toEqual(['PURGE instrument:HALD quote:HALD', 'PURGE quote-pages']);
    expect(await allJobs()).toEqual([]);
    // The next quote after the purge schedules the next one.
    await writer.run(at(5_200), async (work) => work.dirty(['quote:HALD']));
    expect(await allJobs()).toEqual([{ kind: EDGE_PURGE_COALESCED_JOB, key: 'quote-pages', run_at: at(10_200).toISOString() }]);
  });

  test('a quote batch committed while the purge runs schedules another: the running one, moved, cannot complete it', async () => {
    const writer = coalescing();
    await writer.run(at(0), async (work) => work.dirty(['quote:HALD']));
    const running = await connections.first.jobQueue.claim({ kinds: [EDGE_PURGE_COALESCED_JOB], claimant: 'w1', now: at(5_000), leaseMs: 60_000 });
    expect(running).toBeDefined();
    await writer.run(at(5_100), async (work) => work.dirty(['quote:HALD']));
    expect(await connections.first.jobQueue.complete(running!)).toBe(false);
    expect(await allJobs()).toEqual([{ kind: EDGE_PURGE_COALESCED_JOB, key: 'quote-pages', run_at: at(10_100).toISOString() }]);
  });
});
