import { describe, expect, test } from 'vitest';
import { calendarDate, formatDisplayTime, formatIsoWithOffset, toStoredTime, zonedParts } from './publication-time.js';

const SEED_INSTANT = '2023-05-25T19:46:00.000Z';

describe('the seed article time in Asia/Shanghai', () => {
  test('displays as "2023-05-26 03:46"', () => {
    expect(formatDisplayTime(SEED_INSTANT, 'Asia/Shanghai')).toBe('2023-05-26 03:46');
  });

  test('formats as ISO 8601 with a +08:00 offset', () => {
    expect(formatIsoWithOffset(SEED_INSTANT, 'Asia/Shanghai')).toBe('2023-05-26T03:46:00+08:00');
  });

  test('has the local calendar date of the next day', () => {
    expect(calendarDate(SEED_INSTANT, 'Asia/Shanghai')).toBe('2023-05-26');
    expect(calendarDate(SEED_INSTANT, 'UTC')).toBe('2023-05-25');
  });
});

describe('formatIsoWithOffset in other zones', () => {
  test('America/New_York in summer is EDT, -04:00', () => {
    expect(formatIsoWithOffset(SEED_INSTANT, 'America/New_York')).toBe('2023-05-25T15:46:00-04:00');
    expect(formatDisplayTime(SEED_INSTANT, 'America/New_York')).toBe('2023-05-25 15:46');
  });

  test('America/New_York in winter is EST, -05:00', () => {
    expect(formatIsoWithOffset('2023-01-15T12:00:00Z', 'America/New_York')).toBe('2023-01-15T07:00:00-05:00');
  });

  test('UTC gives +00:00 (not -00:00 or Z)', () => {
    expect(formatIsoWithOffset(SEED_INSTANT, 'UTC')).toBe('2023-05-25T19:46:00+00:00');
  });

  test('Asia/Kolkata has a half-hour offset, +05:30', () => {
    expect(formatIsoWithOffset(SEED_INSTANT, 'Asia/Kolkata')).toBe('2023-05-26T01:16:00+05:30');
  });

  test('a negative half-hour offset keeps its sign on the minutes (America/St_Johns, -02:30 in summer)', () => {
    expect(formatIsoWithOffset(SEED_INSTANT, 'America/St_Johns')).toBe('2023-05-25T17:16:00-02:30');
  });

  test('milliseconds do not shift the offset or the seconds', () => {
    expect(formatIsoWithOffset('2023-05-25T19:46:59.999Z', 'Asia/Shanghai')).toBe('2023-05-26T03:46:59+08:00');
    expect(formatIsoWithOffset('1960-01-01T00:00:00.500Z', 'America/New_York')).toBe('1959-12-31T19:00:00-05:00');
  });

  test('the offset printed matches the instant: parsing the output gives the same time back', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Pacific/Honolulu', 'Asia/Tokyo']) {
      const out = formatIsoWithOffset(SEED_INSTANT, zone);
      expect(new Date(out).toISOString(), zone).toBe(SEED_INSTANT);
    }
  });
});

describe('calendarDate across midnight', () => {
  test('just before and after local midnight in Shanghai', () => {
    expect(calendarDate('2023-05-25T15:59:00Z', 'Asia/Shanghai')).toBe('2023-05-25');
    expect(calendarDate('2023-05-25T16:00:00Z', 'Asia/Shanghai')).toBe('2023-05-26');
  });

  test('the previous day in a zone behind UTC, across a year boundary', () => {
    expect(calendarDate('2024-01-01T03:00:00Z', 'America/New_York')).toBe('2023-12-31');
    expect(calendarDate('2024-01-01T03:00:00Z', 'UTC')).toBe('2024-01-01');
  });
});

describe('zonedParts', () => {
  test('gives the offset in minutes', () => {
    expect(zonedParts(new Date(SEED_INSTANT), 'Asia/Shanghai').offsetMinutes).toBe(480);
    expect(zonedParts(new Date(SEED_INSTANT), 'America/New_York').offsetMinutes).toBe(-240);
    expect(zonedParts(new Date(SEED_INSTANT), 'UTC').offsetMinutes).toBe(0);
  });

  test('uses 00, not 24, for midnight', () => {
    expect(zonedParts(new Date('2023-05-25T16:00:00Z'), 'Asia/Shanghai').hour).toBe('00');
  });
});

describe('toStoredTime', () => {
  test('normalises an offset time to UTC with milliseconds and Z', () => {
    expect(toStoredTime('2023-05-26T03:46:00+08:00')).toBe('2023-05-25T19:46:00.000Z');
    expect(toStoredTime('2023-05-25T15:46:00-04:00')).toBe('2023-05-25T19:46:00.000Z');
  });

  test('accepts a Date', () => {
    expect(toStoredTime(new Date(Date.UTC(2023, 4, 25, 19, 46)))).toBe('2023-05-25T19:46:00.000Z');
  });

  test('round-trips with formatIsoWithOffset', () => {
    expect(toStoredTime(formatIsoWithOffset(SEED_INSTANT, 'Asia/Kolkata'))).toBe(SEED_INSTANT);
  });
});

describe('zoned times agree with Intl everywhere, transitions included', () => {
  const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Shanghai'];

  function intlDisplay(iso: string, timeZone: string): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(new Date(iso))
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  }

  test('around the New York spring-forward and fall-back transitions', () => {
    expect(formatIsoWithOffset('2024-03-10T06:59:00Z', 'America/New_York')).toBe('2024-03-10T01:59:00-05:00');
    expect(formatIsoWithOffset('2024-03-10T07:00:00Z', 'America/New_York')).toBe('2024-03-10T03:00:00-04:00');
    expect(formatIsoWithOffset('2024-11-03T05:59:00Z', 'America/New_York')).toBe('2024-11-03T01:59:00-04:00');
    expect(formatIsoWithOffset('2024-11-03T06:00:00Z', 'America/New_York')).toBe('2024-11-03T01:00:00-05:00');
  });

  test('every 7 minutes through two years, in zones with odd offsets and half-hour DST', () => {
    for (const zone of zones) {
      for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2025, 0, 1); t += 7 * 60_000 * 97) {
        const iso = new Date(t).toISOString();
        expect(formatDisplayTime(iso, zone), `${zone} ${iso}`).toBe(intlDisplay(iso, zone));
      }
    }
  });
});
