import { describe, expect, it } from 'vitest';
import { LoginRateLimiter, MAX_LOGIN_FAILURES } from './login-rate-limit.js';

function fixedClock() {
  let now = Date.parse('2026-01-05T09:00:00Z');
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('LoginRateLimiter', () => {
  it('limits an account after 10 failures in a sliding minute', () => {
    const clock = fixedClock();
    const limiter = new LoginRateLimiter(clock);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) {
      expect(limiter.isLimited('a@x.test', `10.0.0.${i}`)).toBe(false);
      limiter.recordFailure('a@x.test', `10.0.0.${i}`);
      clock.advance(5_000);
    }
    expect(limiter.isLimited('a@x.test', '10.0.0.99')).toBe(true);
    expect(limiter.isLimited('b@x.test', '10.0.0.99')).toBe(false);
    // The first failure was 50 s ago: it leaves the window 10 s later, and one slot opens.
    clock.advance(10_001);
    expect(limiter.isLimited('a@x.test', '10.0.0.99')).toBe(false);
  });

  it('limits an address across accounts, and forgets an account that signs in', () => {
    const clock = fixedClock();
    const limiter = new LoginRateLimiter(clock);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) limiter.recordFailure(`u${i}@x.test`, '10.0.0.1');
    expect(limiter.isLimited('new@x.test', '10.0.0.1')).toBe(true);
    expect(limiter.isLimited('new@x.test', '10.0.0.2')).toBe(false);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) limiter.recordFailure('c@x.test', `10.1.0.${i}`);
    limiter.recordSuccess('c@x.test');
    expect(limiter.isLimited('c@x.test', '10.2.0.1')).toBe(false);
  });
});
