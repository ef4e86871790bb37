import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OpenTwoConnections, TwoConnections } from './port-contract-fixture.js';

const at = (iso: string) => new Date(iso);

/**
 * The AttemptLimits contract, run unchanged against every dialect's implementation: pass a
 * function that opens two connections to one fresh, migrated database (two processes).
 */
export function describeAttemptLimitsContract(dialectName: string, open: OpenTwoConnections): void {
  describe(`AttemptLimits contract (${dialectName})`, () => {
    let connections: TwoConnections;
    beforeEach(async () => {
      connections = await open();
    });
    afterEach(async () => connections.close());

    const pair = [
      { key: 'narrow', max: 2, windowMs: 60_000 },
      { key: 'wide', max: 3, windowMs: 3_600_000 },
    ];

    test('counts under every key or none: a full key refuses the attempt and counts nothing', async () => {
      const { first, second } = connections;
      expect(await first.attemptLimits.reserve(pair, at('2026-01-01T10:00:00Z'))).toBeDefined();
      expect(await second.attemptLimits.reserve(pair, at('2026-01-01T10:00:01Z'))).toBeDefined();
      expect(await first.attemptLimits.reserve(pair, at('2026-01-01T10:00:02Z'))).toBeUndefined();
      // The refused attempt left "wide" at 2 of 3: one more fits once "narrow" has room again.
      expect(await second.attemptLimits.reserve(pair, at('2026-01-01T10:01:00.001Z'))).toBeDefined();
      expect(await first.attemptLimits.reserve([{ key: 'wide', max: 3, windowMs: 3_600_000 }], at('2026-01-01T10:02:00Z'))).toBeUndefined();
      expect(await first.attemptLimits.reserve([{ key: 'wide', max: 3, windowMs: 3_600_000 }], at('2026-01-01T11:00:00.001Z'))).toBeDefined();
    });

    test('a cancelled reservation stops counting under the forgotten keys; cleared keys start afresh', async () => {
      const { first, second } = connections;
      const now = at('2026-01-01T10:00:00Z');
      await first.attemptLimits.reserve(pair, now);
      const reservation = await first.attemptLimits.reserve(pair, now);
      await reservation!.cancel({ forget: ['wide'], clear: ['narrow'] });
      expect(await second.attemptLimits.reserve(pair, now)).toBeDefined();
      expect(await second.attemptLimits.reserve(pair, now)).toBeDefined();
      expect(await second.attemptLimits.reserve([{ key: 'wide', max: 3, windowMs: 3_600_000 }], now)).toBeUndefined();
    });

    test('concurrent reservations never pass a limit', async () => {
      const { first } = connections;
      const results = await Promise.all(Array.from({ length: 20 }, () => first.attemptLimits.reserve([{ key: 'burst', max: 5, windowMs: 60_000 }], at('2026-01-01T10:00:00Z'))));
      expect(results.filter(Boolean)).toHaveLength(5);
    });
  });
}
