import { describe, expect, test } from 'vitest';
import { nextPollAt } from './poll-timing.js';

const now = new Date('2026-03-02T10:00:00Z');
const after = (date: Date) => (date.getTime() - now.getTime()) / 1000;

describe('nextPollAt', () => {
  test('a success waits the interval', () => {
    expect(after(nextPollAt(now, { pollSeconds: 300, isFailure: false, failures: 0 }))).toBe(300);
  });

  test('failures back off exponentially from the interval, capped at 6 hours', () => {
    const waits = [1, 2, 3, 10, 60].map((failures) => after(nextPollAt(now, { pollSeconds: 300, isFailure: true, failures })));
    expect(waits).toEqual([600, 1200, 2400, 6 * 3600, 6 * 3600]);
  });

  test('a source polled less often than the cap keeps its own interval after failures', () => {
    expect(after(nextPollAt(now, { pollSeconds: 86_400, isFailure: true, failures: 3 }))).toBe(86_400);
  });

  test('Retry-After is honoured, from a minute to a day', () => {
    expect(after(nextPollAt(now, { pollSeconds: 300, isFailure: true, failures: 5, retryAfterMs: 120_000 }))).toBe(120);
    expect(after(nextPollAt(now, { pollSeconds: 300, isFailure: true, failures: 1, retryAfterMs: 0 }))).toBe(60);
    expect(after(nextPollAt(now, { pollSeconds: 300, isFailure: true, failures: 1, retryAfterMs: 7 * 86_400_000 }))).toBe(86_400);
  });
});
