import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTwoSqliteConnections, type TwoConnections } from '../../storage/port-contract-fixture.js';
import { createLoginAttempts, LOGIN_ACCOUNT_WINDOW_MS, MAX_ACCOUNT_ATTEMPTS, MAX_LOGIN_FAILURES, type LoginAttempts } from './login-rate-limit.js';

function fixedClock() {
  let now = Date.parse('2026-01-05T09:00:00Z');
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

// The sign-in limits over the database port (SQLite here; the same tests take a PostgreSQL fixture).
describe('login attempts (counted in the database)', () => {
  let connections: TwoConnections;
  let clock: ReturnType<typeof fixedClock>;
  let limiter: LoginAttempts;
  beforeEach(async () => {
    connections = await openTwoSqliteConnections();
    clock = fixedClock();
    limiter = createLoginAttempts(connections.first.attemptLimits, clock);
  });
  afterEach(async () => connections.close());

  it('counts an attempt when it begins, so the 11th concurrent one from an address is refused', async () => {
    const begun = await Promise.all(Array.from({ length: 30 }, () => limiter.begin('a@x.test', '10.0.0.1')));
    expect(begun.filter(Boolean)).toHaveLength(MAX_LOGIN_FAILURES);
  });

  it('limits an account from one address after 10 attempts in a sliding minute, not from another address', async () => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) {
      expect(await limiter.begin('a@x.test', '10.0.0.1')).toBeDefined();
      clock.advance(5_000);
    }
    expect(await limiter.begin('a@x.test', '10.0.0.1')).toBeUndefined();
    expect(await limiter.begin('a@x.test', '10.0.0.2')).toBeDefined();
    // The first attempt was 50 s ago: it leaves the window 10 s later, and one slot opens.
    clock.advance(10_001);
    expect(await limiter.begin('a@x.test', '10.0.0.1')).toBeDefined();
  });

  it('limits an address across accounts', async () => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) await limiter.begin(`u${i}@x.test`, '10.0.0.1');
    expect(await limiter.begin('new@x.test', '10.0.0.1')).toBeUndefined();
    expect(await limiter.begin('new@x.test', '10.0.0.2')).toBeDefined();
  });

  it('lets a successful attempt stop counting, and forgets the account’s failures from that address', async () => {
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i += 1) await limiter.begin('c@x.test', '10.0.0.1');
    await (await limiter.begin('c@x.test', '10.0.0.1'))!.succeeded();
    // The address still has its 9 failures; one more fits, the account+address key starts afresh.
    expect(await limiter.begin('c@x.test', '10.0.0.1')).toBeDefined();
    expect(await limiter.begin('c@x.test', '10.0.0.1')).toBeUndefined();
  });

  it('holds an account to a slower ceiling across many addresses, for an hour', async () => {
    for (let i = 0; i < MAX_ACCOUNT_ATTEMPTS; i += 1) expect(await limiter.begin('d@x.test', `10.${i >> 8}.${i & 255}.1`)).toBeDefined();
    expect(await limiter.begin('d@x.test', '192.0.2.1')).toBeUndefined();
    expect(await limiter.begin('e@x.test', '192.0.2.1')).toBeDefined();
    clock.advance(LOGIN_ACCOUNT_WINDOW_MS);
    expect(await limiter.begin('d@x.test', '192.0.2.1')).toBeDefined();
  });

  it('shares the counts between processes: attempts through one connection count against the other', async () => {
    const elsewhere = createLoginAttempts(connections.second.attemptLimits, clock);
    for (let i = 0; i < MAX_LOGIN_FAILURES / 2; i += 1) {
      expect(await limiter.begin('f@x.test', '10.0.0.9')).toBeDefined();
      expect(await elsewhere.begin('f@x.test', '10.0.0.9')).toBeDefined();
    }
    expect(await limiter.begin('f@x.test', '10.0.0.9')).toBeUndefined();
    expect(await elsewhere.begin('f@x.test', '10.0.0.9')).toBeUndefined();
  });

  it('stores short keys whatever was typed as the account, and still limits it', async () => {
    const typed = `${'x'.repeat(500_000)}@x.test`;
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) expect(await limiter.begin(typed, '10.0.0.3')).toBeDefined();
    expect(await limiter.begin(typed, '10.0.0.4')).toBeDefined();
    expect(await limiter.begin(typed, '10.0.0.3')).toBeUndefined();
    const keys = await connections.first.db.selectFrom('attempts').select('key').execute();
    expect(Math.max(...keys.map(({ key }) => key.length))).toBeLessThan(120);
  });
});
