import { describe, expect, test } from 'vitest';
import type { QuoteSnapshot } from '../markets/quotes/index.js';
import { orderForFront, rankByMove } from './market-data.js';

/** A snapshot whose price moved from `previousClose` to `price` (no price: null). */
function snapshot(symbol: string, fields: { kind?: QuoteSnapshot['kind']; previousClose?: number | null; price?: number | null; stripPosition?: number | null }): QuoteSnapshot {
  const { kind = 'index', previousClose = 100, price = 100, stripPosition = null } = fields;
  const change = price !== null && previousClose !== null ? price - previousClose : null;
  return {
    symbol,
    name: symbol,
    kind,
    mic: null,
    currency: 'USD',
    decimals: 2,
    stripPosition,
    last: price === null ? null : { price, at: '2026-05-01T19:00:00.000Z', source: 'demo', delayMinutes: 0 },
    previousClose,
    change,
    changePercent: change !== null && previousClose ? (change / previousClose) * 100 : null,
    day: null,
    week52: null,
  };
}

describe('rankByMove', () => {
  test('the biggest moves either way first, ties by symbol, bounded; no change known is left out', () => {
    const ranked = rankByMove(
      [
        snapshot('UP1', { price: 101 }),
        snapshot('DOWN3', { price: 97 }),
        snapshot('UP3', { price: 103 }),
        snapshot('FLAT', { price: 100 }),
        snapshot('NEW', { previousClose: null, price: 50 }),
        snapshot('NONE', { price: null }),
      ],
      3,
    );
    expect(ranked.map((row) => row.symbol)).toEqual(['DOWN3', 'UP3', 'UP1']);
  });

  test('yields rank by the change in points, not in per cent', () => {
    // 0.20 → 0.21 is 5 % but one basis point; 4.00 → 4.05 is 1.25 % and five basis points.
    const ranked = rankByMove([snapshot('DE10Y', { kind: 'rate', previousClose: 0.2, price: 0.21 }), snapshot('US10Y', { kind: 'rate', previousClose: 4, price: 4.05 })], 10);
    expect(ranked.map((row) => row.symbol)).toEqual(['US10Y', 'DE10Y']);
  });
});

describe('orderForFront', () => {
  test('the strip’s instruments first in its order, then the rest by symbol; only those with a price; bounded', () => {
    const ordered = orderForFront(
      [snapshot('AAA', {}), snapshot('ZZZ', { stripPosition: 2 }), snapshot('MMM', { stripPosition: 1 }), snapshot('BBB', {}), snapshot('NOPRICE', { price: null, stripPosition: 3 })],
      4,
    );
    expect(ordered.map((row) => row.symbol)).toEqual(['MMM', 'ZZZ', 'AAA', 'BBB']);
    expect(orderForFront([snapshot('AAA', {}), snapshot('BBB', {})], 1).map((row) => row.symbol)).toEqual(['AAA']);
  });
});
