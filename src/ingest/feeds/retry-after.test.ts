import { describe, expect, test } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  test('seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  test('an HTTP date, from now; a date already past is no wait', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  test('absent or unreadable: no value', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5', '2026-03-02']) expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
