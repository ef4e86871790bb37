import { describe, expect, test } from 'vitest';
import { isUnmodifiedSince } from './send-cached.js';

describe('isUnmodifiedSince', () => {
  const page = { headers: { 'last-modified': 'Fri, 01 Mar 2024 10:00:00 GMT' } };

  test('a date at or after Last-Modified means unmodified', () => {
    expect(isUnmodifiedSince(page, 'Fri, 01 Mar 2024 10:00:00 GMT')).toBe(true);
    expect(isUnmodifiedSince(page, 'Sat, 02 Mar 2024 00:00:00 GMT')).toBe(true);
  });

  test('an earlier date, a bad date or no header means modified', () => {
    expect(isUnmodifiedSince(page, 'Fri, 01 Mar 2024 09:59:59 GMT')).toBe(false);
    expect(isUnmodifiedSince(page, 'yesterday')).toBe(false);
    expect(isUnmodifiedSince(page, undefined)).toBe(false);
    expect(isUnmodifiedSince({ headers: {} }, 'Sat, 02 Mar 2024 00:00:00 GMT')).toBe(false);
  });
});
