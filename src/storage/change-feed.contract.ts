import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { findChangeEvent } from './change-feed.js';
import type { OpenTwoConnections, TwoConnections } from './port-contract-fixture.js';

const at = (iso: string) => new Date(iso);

/**
 * The ChangeFeed contract, run unchanged against every dialect's implementation: pass a function
 * that opens two connections to one fresh, migrated database.
 */
export function describeChangeFeedContract(dialectName: string, open: OpenTwoConnections): void {
  describe(`ChangeFeed contract (${dialectName})`, () => {
    let connections: TwoConnections;
    beforeEach(async () => {
      connections = await open();
    });
    afterEach(async () => connections.close());

    test('appends inside the writer’s transaction: committed events are read in order, rolled-back ones never', async () => {
      const { first, second } = connections;
      const feed = first.changeFeed;
      const start = await second.changeFeed.latestPosition();
      const appended = await first.db.transaction().execute((trx) => feed.append(trx, ['home', 'article:1', 'home'], at('2026-01-01T00:00:00Z')));
      await first.db
        .transaction()
        .execute(async (trx) => {
          await feed.append(trx, ['article:2'], at('2026-01-01T00:00:01Z'));
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await first.db.transaction().execute((trx) => feed.append(trx, [], at('2026-01-01T00:00:02Z')))).toBeUndefined();
      await first.db.transaction().execute((trx) => feed.append(trx, ['feeds'], at('2026-01-01T00:00:03Z')));

      const { events, hasGap } = await second.changeFeed.readAfter(start);
      expect(hasGap).toBe(false);
      expect(events.map((event) => event.keys)).toEqual([['article:1', 'home'], ['feeds']]);
      // append names the event it wrote (a job enqueued in the same transaction refers to it), and it can be read back by that id.
      expect(events[0]!.id).toBe(appended);
      expect(await findChangeEvent(second.db, appended!)).toEqual(events[0]);
      expect(await second.changeFeed.latestPosition()).toBe(events[1]!.id);
      expect((await second.changeFeed.readAfter(events[0]!.id)).events.map((event) => event.keys)).toEqual([['feeds']]);
      expect(await second.changeFeed.readAfter(events[1]!.id)).toEqual({ events: [], hasGap: false });
    });

    test('backlogAfter gives the end of the log and when the first event after a position was written', async () => {
      const { first, second } = connections;
      const start = await second.changeFeed.latestPosition();
      expect(await second.changeFeed.backlogAfter(start)).toEqual({ latestPosition: start, firstUnreadAt: undefined });
      const one = await first.db.transaction().execute((trx) => first.changeFeed.append(trx, ['home'], at('2026-01-01T00:00:00Z')));
      const two = await first.db.transaction().execute((trx) => first.changeFeed.append(trx, ['feeds'], at('2026-01-01T00:00:05Z')));
      expect(await second.changeFeed.backlogAfter(start)).toEqual({ latestPosition: two, firstUnreadAt: at('2026-01-01T00:00:00Z') });
      expect(await second.changeFeed.backlogAfter(one!)).toEqual({ latestPosition: two, firstUnreadAt: at('2026-01-01T00:00:05Z') });
      expect(await second.changeFeed.backlogAfter(two!)).toEqual({ latestPosition: two, firstUnreadAt: undefined });
    });

    test('reads in pages of the given limit', async () => {
      const { first } = connections;
      for (let i = 0; i < 5; i += 1) await first.db.transaction().execute((trx) => first.changeFeed.append(trx, [`article:${i}`], at('2026-01-01T00:00:00Z')));
      const page = await first.changeFeed.readAfter(0, 2);
      expect(page.events.map((event) => event.keys)).toEqual([['article:0'], ['article:1']]);
      const next = await first.changeFeed.readAfter(page.events[1]!.id, 2);
      expect(next.events.map((event) => event.keys)).toEqual([['article:2'], ['article:3']]);
    });

    test('wakes a watcher when another connection commits, and calls a failed watcher again', async () => {
      const { first, second } = connections;
      let calls = 0;
      const stop = second.changeFeed.watch(async () => {
        calls += 1;
        if (calls === 1) throw new Error('database busy');
      }, 10);
      try {
        await first.db.transaction().execute((trx) => first.changeFeed.append(trx, ['home'], at('2026-01-01T00:00:00Z')));
        // The bound: another process sees a change within a second; the failed call is repeated.
        await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(2), { timeout: 1000 });
        const before = calls;
        await first.db.transaction().execute((trx) => first.changeFeed.append(trx, ['feeds'], at('2026-01-01T00:00:01Z')));
        await vi.waitFor(() => expect(calls).toBeGreaterThan(before), { timeout: 1000 });
      } finally {
        stop();
      }
    });

    test('prunes events older than a time but always keeps the newest; a reader whose position was pruned is told of the gap', async () => {
      const { first, second } = connections;
      const feed = first.changeFeed;
      const ids: number[] = [];
      for (const [i, time] of ['2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z'].entries()) {
        await first.db.transaction().execute((trx) => feed.append(trx, [`article:${i}`], at(time)));
        ids.push(await feed.latestPosition());
      }
      const [oldest, middle, newest] = ids as [number, number, number];

      // Everything is older than the cutoff, yet the newest stays, so followers have a place to resume.
      expect(await feed.prune(at('2026-02-01T00:00:00Z'))).toBe(2);
      expect(await second.changeFeed.latestPosition()).toBe(newest);
      expect(await second.changeFeed.readAfter(middle)).toEqual({ events: [{ id: newest, keys: ['article:2'] }], hasGap: false });
      expect(await second.changeFeed.readAfter(oldest)).toEqual({ events: [{ id: newest, keys: ['article:2'] }], hasGap: true });
      expect(await second.changeFeed.readAfter(newest)).toEqual({ events: [], hasGap: false });
      expect(await findChangeEvent(second.db, oldest)).toBeUndefined();
      expect(await feed.prune(at('2026-02-01T00:00:00Z'))).toBe(0);
    });
  });
}
