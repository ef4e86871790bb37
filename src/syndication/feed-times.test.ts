import { describe, expect, test } from 'vitest';
import { formatHttpDate, formatRfc822 } from './feed-times.js';

describe('formatRfc822', () => {
  test('shows the instant in the site zone with its offset', () => {
    expect(formatRfc822('2024-03-01T10:00:00.000Z', 'Asia/Shanghai')).toBe('Fri, 01 Mar 2024 18:00:00 +0800');
    expect(formatRfc822('2024-03-01T03:30:00.000Z', 'America/New_York')).toBe('Thu, 29 Feb 2024 22:30:00 -0500');
    expect(formatRfc822('2024-07-01T00:00:00.000Z', 'UTC')).toBe('Mon, 01 Jul 2024 00:00:00 +0000');
  });

  test('parses back to the same instant', () => {
    const iso = '2023-05-25T19:46:00.000Z';
    expect(new Date(formatRfc822(iso, 'Asia/Kolkata')).toISOString()).toBe(iso);
  });
});

describe('formatHttpDate', () => {
  test('is the IMF-fixdate in GMT', () => {
    expect(formatHttpDate('2024-03-01T10:00:00.000Z')).toBe('Fri, 01 Mar 2024 10:00:00 GMT');
  });
});
