import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OpenTwoConnections, TwoConnections } from './port-contract-fixture.js';

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

/**
 * The RequestCounters contract, run unchanged against every dialect: pass a function that opens
 * two connections to one fresh, migrated database (two processes).
 */
export function describeRequestCountersContract(dialectName: string, open: OpenTwoConnections): void {
  describe(`RequestCounters contract (${dialectName})`, () => {
    let connections: TwoConnections;
    beforeEach(async () => {
      connections = await open();
    });
    afterEach(async () => connections.close());

    test('two connections count into one window per key; the window ends on a multiple of its length', async () => {
      const { first, second } = connections;
      expect(await first.requestCounters.count('key:a', MINUTE, at('2026-01-01T10:00:05Z'))).toEqual({ hits: 1, resetAt: at('2026-01-01T10:01:00Z') });
      expect((await second.requestCounters.count('key:a', MINUTE, at('2026-01-01T10:00:59.999Z'))).hits).toBe(2);
      expect((await second.requestCounters.count('key:b', MINUTE, at('2026-01-01T10:00:30Z'))).hits).toBe(1);
      expect(await first.requestCounters.count('key:a', MINUTE, at('2026-01-01T10:01:00Z'))).toEqual({ hits: 1, resetAt: at('2026-01-01T10:02:00Z') });
    });

    test('concurrent requests from two connections each get their own count', async () => {
      const { first, second } = connections;
      const now = at('2026-01-01T10:00:00Z');
      const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second).requestCounters.count('burst', MINUTE, now)));
      expect(counts.map((c) => c.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    test('windows that ended before the previous one are deleted as a new one begins', async () => {
      const { first } = connections;
      for (const minute of ['10:00', '10:01', '10:02', '10:03']) await first.requestCounters.count('old', MINUTE, at(`2026-01-01T${minute}:30Z`));
      const windows = await first.db.selectFrom('request_counts').select('window_start').orderBy('window_start').execute();
      expect(windows.map((row) => row.window_start)).toEqual(['2026-01-01T10:02:00.000Z', '2026-01-01T10:03:00.000Z']);
    });
  });
}
