import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cancelJob, enqueueJob, type ClaimedJob } from './job-queue.js';
import type { Database } from './database.js';
import type { OpenTwoConnections, TwoConnections } from './port-contract-fixture.js';

const at = (iso: string) => new Date(iso);
const KIND = 'test.job';

/**
 * The JobQueue contract, run unchanged against every dialect's implementation: pass a function
 * that opens two connections to one fresh, migrated database (two workers).
 */
export function describeJobQueueContract(dialectName: string, open: OpenTwoConnections): void {
  describe(`JobQueue contract (${dialectName})`, () => {
    let connections: TwoConnections;
    beforeEach(async () => {
      connections = await open();
    });
    afterEach(async () => connections.close());

    const schedule = (database: Database, key: string, runAt: string) =>
      database.db.transaction().execute((trx) => enqueueJob(trx, { kind: KIND, key, runAt: at(runAt) }, at('2026-01-01T00:00:00Z')));
    const claim = (database: Database, claimant: string, now: string, leaseMs = 60_000) =>
      database.jobQueue.claim({ kinds: [KIND], claimant, now: at(now), leaseMs });

    test('a job is claimed when due, by one worker while its lease holds', async () => {
      const { first, second } = connections;
      await schedule(first, 'story:1', '2026-01-01T10:00:00Z');
      expect(await claim(first, 'a', '2026-01-01T09:59:59Z')).toBeUndefined();
      expect(await first.jobQueue.claim({ kinds: ['other.kind'], claimant: 'a', now: at('2026-01-01T10:00:00Z'), leaseMs: 60_000 })).toBeUndefined();
      const job = await claim(first, 'a', '2026-01-01T10:00:00Z');
      expect(job).toMatchObject({ kind: KIND, key: 'story:1', claimedBy: 'a', attempts: 1, leaseUntil: '2026-01-01T10:01:00.000Z' });
      expect(await claim(second, 'b', '2026-01-01T10:00:30Z')).toBeUndefined();
      expect(await first.jobQueue.complete(job!)).toBe(true);
      expect(await claim(second, 'b', '2026-01-02T00:00:00Z')).toBeUndefined();
    });

    test('a claim whose lease lapsed (its worker died) is taken over, and only the new claim can complete it', async () => {
      const { first, second } = connections;
      await schedule(first, 'story:2', '2026-01-01T10:00:00Z');
      const crashed = (await claim(first, 'a', '2026-01-01T10:00:00Z', 1000))!;
      expect(await claim(second, 'b', '2026-01-01T10:00:00.999Z')).toBeUndefined();
      const takeover = await claim(second, 'b', '2026-01-01T10:00:01Z');
      expect(takeover).toMatchObject({ key: 'story:2', claimedBy: 'b', attempts: 2 });
      expect(await first.jobQueue.complete(crashed)).toBe(false);
      expect(await second.jobQueue.complete(takeover!)).toBe(true);
    });

    test('scheduling the same key again moves its one job (ending a claim on it); cancelling removes it', async () => {
      const { first, second } = connections;
      await schedule(first, 'story:3', '2026-01-01T10:00:00Z');
      const claimed = (await claim(first, 'a', '2026-01-01T10:00:00Z'))!;
      await schedule(second, 'story:3', '2026-01-01T12:00:00Z');
      expect(await first.jobQueue.complete(claimed)).toBe(false);
      expect(await claim(second, 'b', '2026-01-01T11:00:00Z')).toBeUndefined();
      expect(await claim(second, 'b', '2026-01-01T12:00:00Z')).toMatchObject({ key: 'story:3', attempts: 1 });
      await first.db.transaction().execute((trx) => cancelJob(trx, KIND, 'story:3'));
      expect(await claim(first, 'c', '2026-01-02T00:00:00Z')).toBeUndefined();
    });

    test('a released job runs again at its retry time', async () => {
      const { first } = connections;
      await schedule(first, 'story:4', '2026-01-01T10:00:00Z');
      const failed = (await claim(first, 'a', '2026-01-01T10:00:00Z'))!;
      await first.jobQueue.release(failed, at('2026-01-01T10:05:00Z'), 'disk full');
      expect(await claim(first, 'b', '2026-01-01T10:04:59Z')).toBeUndefined();
      expect(await claim(first, 'b', '2026-01-01T10:05:00Z')).toMatchObject({ key: 'story:4', attempts: 2 });
    });

    test('a job given up is kept with its error, never claimed again nor counted as due, and counted as failed; scheduling its key anew revives it', async () => {
      const { first, second } = connections;
      await schedule(first, 'story:8', '2026-01-01T10:00:00Z');
      await schedule(first, 'story:9', '2026-01-01T10:00:00Z');
      const last = (await claim(first, 'a', '2026-01-01T10:00:00Z'))!;
      expect(await second.jobQueue.fail(last, at('2026-01-01T10:00:05Z'), 'the story has no section')).toBe(true);
      expect(await first.db.selectFrom('jobs').select(['key', 'failed_at', 'last_error', 'claimed_by', 'attempts']).where('key', '=', last.key).execute()).toEqual([
        { key: last.key, failed_at: '2026-01-01T10:00:05.000Z', last_error: 'the story has no section', claimed_by: null, attempts: 1 },
      ]);
      // Only the other job is claimed, however long after; only it is due.
      const other = (await claim(second, 'b', '2026-01-02T00:00:00Z'))!;
      expect(other.key).not.toBe(last.key);
      expect(await claim(second, 'c', '2026-01-02T00:00:30Z')).toBeUndefined();
      expect(await first.jobQueue.dueJobs(at('2026-01-02T00:00:30Z'))).toEqual([{ kind: KIND, due: 1, oldestRunAt: at('2026-01-01T10:00:00Z') }]);
      expect(await first.jobQueue.failedJobs()).toEqual([{ kind: KIND, failed: 1 }]);
      expect(await second.jobQueue.complete(other)).toBe(true);

      await schedule(second, last.key, '2026-01-04T00:00:00Z');
      expect(await first.jobQueue.failedJobs()).toEqual([]);
      expect(await claim(first, 'd', '2026-01-04T00:00:00Z')).toMatchObject({ key: last.key, attempts: 1 });
    });

    test('only the claim holding a job can give it up: one taken over after its lease lapsed stays with its new holder', async () => {
      const { first, second } = connections;
      await schedule(first, 'story:10', '2026-01-01T10:00:00Z');
      const lapsed = (await claim(first, 'a', '2026-01-01T10:00:00Z', 1000))!;
      const takeover = (await claim(second, 'b', '2026-01-01T10:00:01Z'))!;
      expect(await first.jobQueue.fail(lapsed, at('2026-01-01T10:00:02Z'), 'too late')).toBe(false);
      expect(await first.jobQueue.failedJobs()).toEqual([]);
      expect(await second.jobQueue.complete(takeover)).toBe(true);
    });

    test('a job given up without an error of its own keeps the last one noted', async () => {
      const { first } = connections;
      await schedule(first, 'story:11', '2026-01-01T10:00:00Z');
      await first.jobQueue.release((await claim(first, 'a', '2026-01-01T10:00:00Z'))!, at('2026-01-01T10:01:00Z'), 'timed out');
      expect(await first.jobQueue.fail((await claim(first, 'b', '2026-01-01T10:01:00Z'))!, at('2026-01-01T10:01:01Z'))).toBe(true);
      expect(await first.db.selectFrom('jobs').select(['last_error', 'failed_at']).execute()).toEqual([{ last_error: 'timed out', failed_at: '2026-01-01T10:01:01.000Z' }]);
    });

    test('dueJobs counts, per kind, the jobs due by now (claimed ones too) and dates the earliest', async () => {
      const { first, second } = connections;
      expect(await first.jobQueue.dueJobs(at('2026-01-01T12:00:00Z'))).toEqual([]);
      await schedule(first, 'story:5', '2026-01-01T10:00:00Z');
      await schedule(first, 'story:6', '2026-01-01T10:30:00Z');
      await schedule(first, 'story:7', '2026-01-01T13:00:00Z');
      await second.db.transaction().execute((trx) => enqueueJob(trx, { kind: 'other.kind', key: 'x', runAt: at('2026-01-01T11:00:00Z') }, at('2026-01-01T00:00:00Z')));
      await claim(second, 'a', '2026-01-01T10:00:00Z');
      expect(await first.jobQueue.dueJobs(at('2026-01-01T12:00:00Z'))).toEqual([
        { kind: 'other.kind', due: 1, oldestRunAt: at('2026-01-01T11:00:00Z') },
        { kind: KIND, due: 2, oldestRunAt: at('2026-01-01T10:00:00Z') },
      ]);
      expect(await second.jobQueue.dueJobs(at('2026-01-01T10:15:00Z'))).toEqual([{ kind: KIND, due: 1, oldestRunAt: at('2026-01-01T10:00:00Z') }]);
    });

    // Concurrent claimers on one connection (one SQLite process cannot hold two connections' write
    // transactions at once: the driver waits synchronously); across processes, see the scheduled
    // publishing test with real processes.
    test('four claimers at once get every due job exactly once, the earliest first', async () => {
      const { first, second } = connections;
      const keys = Array.from({ length: 30 }, (_, i) => `story:${100 + i}`);
      for (const [i, key] of keys.entries()) await schedule(i % 2 ? first : second, key, `2026-01-01T10:${String(i).padStart(2, '0')}:00Z`);
      const drain = async (database: Database, claimant: string) => {
        const jobs: ClaimedJob[] = [];
        for (;;) {
          const job = await claim(database, claimant, '2026-01-01T11:00:00Z');
          if (!job) return jobs;
          jobs.push(job);
        }
      };
      const drained = await Promise.all(['a', 'b', 'c', 'd'].map((claimant) => drain(first, claimant)));
      const claimedKeys = drained.flat().map((job) => job.key);
      expect(claimedKeys.sort()).toEqual([...keys].sort());
      expect(drained.map((jobs) => jobs[0]?.key)).toContain(keys[0]);
    });
  });
}
