import { describe, expect, it } from 'vitest';
import { LOGIN_ACCOUNT_WINDOW_MS, LoginRateLimiter, MAX_ACCOUNT_ATTEMPTS, MAX_LOGIN_FAILURES } from './login-rate-limit.js';

function fixedClock() {
  let now = Date.parse('2026-01-05T09:00:00Z');
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('LoginRateLimiter', () => {
  it('counts an attempt when it begins, so the 11th concurrent one from an address is refused', () => {
    const limiter = new LoginRateLimiter(fixedClock());
    const begun = Array.from({ length: 30 }, () => limiter.begin('a@x.test', '10.0.0.1'));
    expect(begun.filter(Boolean)).toHaveLength(MAX_LOGIN_FAILURES);
  });

  it('limits an account from one address after 10 attempts in a sliding minute, not from another address', () => {
    const clock = fixedClock();
    const limiter = new LoginRateLimiter(clock);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) {
      expect(limiter.begin('a@x.test', '10.0.0.1')).toBeDefined();
      clock.advance(5_000);
    }
    expect(limiter.begin('a@x.test', '10.0.0.1')).toBeUndefined();
    expect(limiter.begin('a@x.test', '10.0.0.2')).toBeDefined();
    // The first attempt was 50 s ago: it leaves the window 10 s later, and one slot opens.
    clock.advance(10_001);
    expect(limiter.begin('a@x.test', '10.0.0.1')).toBeDefined();
  });

  it('limits an address across accounts', () => {
    const limiter = new LoginRateLimiter(fixedClock());
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) limiter.begin(`u${i}@x.test`, '10.0.0.1');
    expect(limiter.begin('new@x.test', '10.0.0.1')).toBeUndefined();
    expect(limiter.begin('new@x.test', '10.0.0.2')).toBeDefined();
  });

  it('lets a successful attempt stop counting, and forgets the account’s failures from that address', () => {
    const limiter = new LoginRateLimiter(fixedClock());
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i += 1) limiter.begin('c@x.test', '10.0.0.1');
    limiter.begin('c@x.test', '10.0.0.1')!.succeeded();
    // The address still has its 9 failures; one more fits, the account+address key starts afresh.
    expect(limiter.begin('c@x.test', '10.0.0.1')).toBeDefined();
    expect(limiter.begin('c@x.test', '10.0.0.1')).toBeUndefined();
  });

  it('holds an account to a slower ceiling across many addresses, for an hour', () => {
    const clock = fixedClock();
    const limiter = new LoginRateLimiter(clock);
    for (let i = 0; i < MAX_ACCOUNT_ATTEMPTS; i += 1) expect(limiter.begin('d@x.test', `10.${i >> 8}.${i & 255}.1`)).toBeDefined();
    expect(limiter.begin('d@x.test', '192.0.2.1')).toBeUndefined();
    expect(limiter.begin('e@x.test', '192.0.2.1')).toBeDefined();
    clock.advance(LOGIN_ACCOUNT_WINDOW_MS);
    expect(limiter.begin('d@x.test', '192.0.2.1')).toBeDefined();
  });
});
