import { describe, expect, test } from 'vitest';
import { UploadRateLimiter } from './upload-rate-limit.js';

function clockAt(ms: number) {
  const clock = { time: ms, now: () => new Date(clock.time) };
  return clock;
}

describe('upload rate limit', () => {
  test('the attempt after the limit waits until the oldest one leaves the minute; other users are not affected', () => {
    const clock = clockAt(Date.parse('2026-01-05T09:00:00Z'));
    const limiter = new UploadRateLimiter(clock, 3);
    expect([limiter.take(1), limiter.take(1)]).toEqual([0, 0]);
    clock.time += 20_000;
    expect(limiter.take(1)).toBe(0);
    expect(limiter.take(1)).toBe(40);
    expect(limiter.take(2)).toBe(0);
    clock.time += 40_001;
    // The first two left the window; a refused attempt was not counted.
    expect([limiter.take(1), limiter.take(1), limiter.take(1)]).toEqual([0, 0, 20]);
  });
});
