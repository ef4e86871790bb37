import { describe, expect, test } from 'vitest';
import { AppError } from '../../errors.js';
import { formatInterval, parseInterval, parseSourceSettings } from './source-settings.js';
import { isRetrainingDue } from './ingest-tools.js';

const SECTIONS = new Set(['markets', 'business']);

describe('poll intervals', () => {
  test('written with a unit or as seconds', () => {
    expect(parseInterval('90')).toBe(90);
    expect(parseInterval('5m')).toBe(300);
    expect(parseInterval(' 2H ')).toBe(7200);
    expect(parseInterval('1d')).toBe(86400);
    for (const bad of ['', '5 weeks', '-5m', '1.5h', '99999999']) expect(parseInterval(bad)).toBeUndefined();
    expect([60, 300, 3600, 86400, 90].map(formatInterval)).toEqual(['1m', '5m', '1h', '1d', '90s']);
  });
});

describe('source settings', () => {
  test('read with defaults: detect the format, every 5 minutes, to the desk, credited by name, off unless ticked', () => {
    expect(parseSourceSettings({ name: ' Meridian Wire ', url: 'https://wire.example.com/feed.xml' }, SECTIONS)).toEqual({
      name: 'Meridian Wire',
      url: 'https://wire.example.com/feed.xml',
      format: null,
      pollSeconds: 300,
      defaultSection: null,
      policy: 'draft',
      credit: 'Meridian Wire',
      isEnabled: false,
    });
  });

  test('every bad field is named at once', () => {
    let error: unknown;
    try {
      parseSourceSettings({ name: '', url: 'ftp://x.example/', format: 'xml', every: '10s', section: 'sport', policy: 'maybe' }, SECTIONS);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(Object.keys((error as AppError).details).sort()).toEqual(['every', 'format', 'name', 'policy', 'section', 'url']);
  });

  test('addresses with credentials are refused', () => {
    expect(() => parseSourceSettings({ name: 'x', url: 'https://user:pw@x.example/feed' }, SECTIONS)).toThrow(/user name and password/);
  });
});

describe('when the section model is trained again', () => {
  const day = 24 * 3_600_000;
  test('at first, when the archive grew by a tenth, or after a day with new stories', () => {
    expect(isRetrainingDue(null, 0, 0)).toBe(true);
    expect(isRetrainingDue({ count: 1000, at: 0 }, 1099, 1000)).toBe(false);
    expect(isRetrainingDue({ count: 1000, at: 0 }, 1100, 1000)).toBe(true);
    expect(isRetrainingDue({ count: 3, at: 0 }, 4, 1000)).toBe(true);
    expect(isRetrainingDue({ count: 1000, at: 0 }, 1001, day)).toBe(true);
    expect(isRetrainingDue({ count: 1000, at: 0 }, 1000, 2 * day)).toBe(false);
  });
});
