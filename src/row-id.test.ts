import { describe, expect, test } from 'vitest';
import { MAX_ROW_ID, parseRowId } from './row-id.js';

describe('parseRowId', () => {
  test('reads whole numbers from 1 to the 32-bit limit', () => {
    expect(parseRowId('1')).toBe(1);
    expect(parseRowId('2147483647')).toBe(MAX_ROW_ID);
    expect(parseRowId(42)).toBe(42);
  });

  test('refuses what names no row: zero, signs, leading zeros, fractions, numbers past the limit, other types', () => {
    for (const value of ['0', '-1', '+1', '01', '1.5', '1e3', ' 1', '', '2147483648', '9999999999', '99999999999', 0, 1.5, MAX_ROW_ID + 1, undefined, null, {}]) {
      expect(parseRowId(value), String(value)).toBeUndefined();
    }
  });
});
