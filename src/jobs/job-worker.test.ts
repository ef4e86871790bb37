import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { enqueueJob, type ClaimedJob } from '../storage/index.js';
import { testDialect } from '../storage/fresh-database.js';
import { openTwoConnections, type TwoConnections } from '../storage/port-contract-fixture.js';
import { createJobWorker, DEFAULT_RETRY, retryWindowMs } from './job-worker.js';

let connections: TwoConnections;
let now: Date;
const clock = { now: () => now };
beforeEach(async () => {
  connections = await openTwoConnections(testDialect())();
  now = new Date('2026-01-01T10:00:00Z');
});
afterEach(async () => connections.close());

const schedule = (key: string, runAt: string) =>
  connections.first.db.transaction().execute((trx) => enqueueJob(trx, { kind: 'test.job', key, runAt: new Date(runAt) }, now));

test('runs each due job once, in order, and leaves jobs that are not due', async () => {
  const ran: string[] = [];
  const worker = createJobWorker({ queue: connections.first.jobQueue, workerId: 'w1', clock, handlers: { 'test.job': async (job) => void ran.push(job.key) } });
  await schedule('b', '2026-01-01T09:59:00Z');
  await schedule('a', '2026-01-01T09:58:00Z');
  await schedule('later', '2026-01-01T11:00:00Z');
  expect((await worker.runDue()).map((job) => job.key)).toEqual(['a', 'b']);
  expect(await worker.runDue()).toEqual([]);
  expect(ran).toEqual(['a', 'b']);
  now = new Date('2026-01-01T11:00:00Z');
  expect((await worker.runDue()).map((job) => job.key)).toEqual(['later']);
});

test('a failing job is reported, kept with its error, and tried again a minute later, then four', async () => {
  const errors: unknown[] = [];
  let failures = 2;
  const worker = createJobWorker({
    queue: connections.first.jobQueue,
    workerId: 'w1',
    clock,
    onError: (error) => errors.push(error),
    handlers: {
      'test.job': async () => {
        if (failures-- > 0) throw new Error('the disk is full');
      },
    },
  });
  await schedule('flaky', '2026-01-01T10:00:00Z');
  expect(await worker.runDue()).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(await connections.second.db.selectFrom('jobs').select(['run_at', 'last_error', 'claimed_by']).execute()).toEqual([
    { run_at: '2026-01-01T10:01:00.000Z', last_error: 'the disk is full', claimed_by: null },
  ]);
  now = new Date('2026-01-01T10:01:00Z');
  expect(await worker.runDue()).toEqual([]);
  expect((await connections.second.db.selectFrom('jobs').select('run_at').executeTakeFirstOrThrow()).run_at).toBe('2026-01-01T10:05:00.000Z');
  now = new Date('2026-01-01T10:05:00Z');
  expect((await worker.runDue()).map((job) => job.key)).toEqual(['flaky']);
  expect(await connections.second.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
});

test('a job failing every time gets its attempts, waiting longer each time, then is given up: kept with its last error, reported once, never run again', async () => {
  let attempts = 0;
  const givenUp: [ClaimedJob, unknown][] = [];
  const worker = createJobWorker({
    queue: connections.first.jobQueue,
    workerId: 'w1',
    clock,
    retry: { delayMs: (failures) => failures * 60_000, maxAttempts: 3 },
    onGivenUp: (job, error) => givenUp.push([job, error]),
    handlers: {
      'test.job': async () => {
        attempts += 1;
        throw new Error(`the feed answered 500 (attempt ${attempts})`);
      },
    },
  });
  await schedule('doomed', '2026-01-01T10:00:00Z');
  for (const at of ['2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z', '2026-01-01T10:03:00Z']) {
    now = new Date(at);
    expect(await worker.runDue()).toEqual([]);
  }
  expect(attempts).toBe(3);
  expect(givenUp.map(([job, error]) => [job.key, job.attempts, (error as Error).message])).toEqual([['doomed', 3, 'the feed answered 500 (attempt 3)']]);
  expect(await connections.second.db.selectFrom('jobs').select(['key', 'attempts', 'failed_at', 'last_error', 'claimed_by']).execute()).toEqual([
    { key: 'doomed', attempts: 3, failed_at: '2026-01-01T10:03:00.000Z', last_error: 'the feed answered 500 (attempt 3)', claimed_by: null },
  ]);
  now = new Date('2026-01-09T00:00:00Z');
  expect(await worker.runDue()).toEqual([]);
  expect(attempts).toBe(3);
  expect(givenUp).toHaveLength(1);
});

test('a job whose workers kept dying mid-run is given up at its next claim, without running, keeping the last error noted', async () => {
  const ran: string[] = [];
  const givenUp: string[] = [];
  const worker = createJobWorker({
    queue: connections.first.jobQueue,
    workerId: 'w1',
    clock,
    retry: { delayMs: () => 60_000, maxAttempts: 2 },
    onGivenUp: (job, error) => givenUp.push(`${job.key}: ${(error as Error).message}`),
    handlers: { 'test.job': async (job) => void ran.push(job.key) },
  });
  await schedule('poison', '2026-01-01T10:00:00Z');
  // Two workers claim it and die holding it: each claim lapses after its lease.
  for (const [claimant, at] of [['dead-1', '2026-01-01T10:00:00Z'], ['dead-2', '2026-01-01T10:01:00Z']] as const) {
    expect(await connections.second.jobQueue.claim({ kinds: ['test.job'], claimant, now: new Date(at), leaseMs: 60_000 })).toMatchObject({ key: 'poison' });
  }
  now = new Date('2026-01-01T10:02:00Z');
  expect(await worker.runDue()).toEqual([]);
  expect(ran).toEqual([]);
  expect(givenUp).toEqual(['poison: Claimed 3 times, past its 2 attempts: not run again.']);
  expect(await connections.second.db.selectFrom('jobs').select(['attempts', 'failed_at', 'last_error']).execute()).toEqual([
    { attempts: 3, failed_at: '2026-01-01T10:02:00.000Z', last_error: null },
  ]);
});

test('by default a failing job is given up about a day after its first failure', () => {
  expect(retryWindowMs(DEFAULT_RETRY) / 3_600_000).toBeCloseTo(24.3, 1);
});

test('close() lets the job in progress finish, claims no other, and resolves only after it', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];
  const worker = createJobWorker({
    queue: connections.first.jobQueue,
    workerId: 'w1',
    clock,
    handlers: {
      'test.job': async (job) => {
        started.push(job.key);
        await held;
      },
    },
  });
  await schedule('first', '2026-01-01T09:58:00Z');
  await schedule('second', '2026-01-01T09:59:00Z');
  const run = worker.runDue();
  await vi.waitFor(() => expect(started).toEqual(['first']));

  let isClosed = false;
  const closing = worker.close().then(() => (isClosed = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(isClosed).toBe(false);
  release();
  await closing;
  expect((await run).map((job) => job.key)).toEqual(['first']);
  expect(started).toEqual(['first']);
  // The finished job is gone; the other waits, unclaimed, for another worker or the next start.
  expect(await connections.second.db.selectFrom('jobs').select(['key', 'claimed_by']).execute()).toEqual([{ key: 'second', claimed_by: null }]);
  expect(await worker.runDue()).toEqual([]);
});

test('with lanes, a job that hangs holds one lane while the others run the rest, each job once', async () => {
  let releaseSlow!: () => void;
  const slowHeld = new Promise<void>((resolve) => (releaseSlow = resolve));
  const ran: string[] = [];
  const worker = createJobWorker({
    queue: connections.first.jobQueue,
    workerId: 'w1',
    clock,
    concurrency: 3,
    handlers: {
      'test.job': async (job) => {
        if (job.key === 'slow') await slowHeld;
        ran.push(job.key);
      },
    },
  });
  await schedule('slow', '2026-01-01T09:50:00Z');
  for (const key of ['a', 'b', 'c', 'd', 'e']) await schedule(key, '2026-01-01T09:55:00Z');
  const run = worker.runDue();
  // The earliest job hangs; every other one is run meanwhile.
  await vi.waitFor(() => expect([...ran].sort()).toEqual(['a', 'b', 'c', 'd', 'e']));
  releaseSlow();
  expect((await run).map((job) => job.key).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'slow']);
  expect(ran).toHaveLength(6);
});

test('with lanes, an idle queue costs one claim a run: a lane opens the next only once it has a job', async () => {
  const claim = vi.spyOn(connections.first.jobQueue, 'claim');
  const worker = createJobWorker({ queue: connections.first.jobQueue, workerId: 'w1', clock, concurrency: 4, handlers: { 'test.job': async () => undefined } });
  expect(await worker.runDue()).toEqual([]);
  expect(claim).toHaveBeenCalledTimes(1);
});
