import { describe, expect, test } from 'vitest';
import type { QuoteSnapshot } from '../quotes/index.js';
import { parseQuoteSymbols } from './quote-symbols.js';
import { toQuoteView } from './quote-view.js';
import { stripLabel } from './strip-instruments.js';

describe('stripLabel', () => {
  test('a currency pair reads as BASE/QUOTE, anything else by its shortest name', () => {
    expect(stripLabel({ symbol: 'EURUSD', kind: 'fx', name: 'Euro / US dollar', aliases: [] })).toBe('EUR/USD');
    expect(stripLabel({ symbol: 'BRENT', kind: 'commodity', name: 'Brent crude oil', aliases: ['Brent'] })).toBe('Brent');
    expect(stripLabel({ symbol: 'GOLD', kind: 'commodity', name: 'Gold', aliases: ['Gold bullion'] })).toBe('Gold');
    // A pair named otherwise than six letters keeps its name.
    expect(stripLabel({ symbol: 'EUR-USD', kind: 'fx', name: 'Euro', aliases: [] })).toBe('Euro');
  });
});

function snapshot(overrides: Partial<QuoteSnapshot>): QuoteSnapshot {
  return {
    symbol: 'HALD',
    name: 'Halden Motors Inc',
    kind: 'equity',
    mic: 'XNYS',
    currency: 'USD',
    decimals: 2,
    stripPosition: null,
    last: { price: 42.3, at: '2026-05-01T19:00:00.000Z', source: 'demo', delayMinutes: 0 },
    previousClose: 42,
    change: 0.3,
    changePercent: 0.714,
    day: null,
    week52: null,
    ...overrides,
  };
}

describe('toQuoteView', () => {
  test('a share up: price with its currency, the change signed, an arrow, words, source and delay', () => {
    expect(toQuoteView(snapshot({}))).toEqual({
      symbol: 'HALD',
      price: '$42.30',
      change: '+0.30 (+0.71%)',
      move: '▲ +0.71%',
      percent: 0.71,
      direction: 'up',
      words: 'up 0.71 per cent',
      source: 'Demo data',
      delay: 'Real time',
      at: '2026-05-01T19:00:00.000Z',
    });
  });

  test('a yield down reads in basis points with a true minus; an end-of-day close from another source', () => {
    const view = toQuoteView(snapshot({ symbol: 'US10Y', kind: 'rate', decimals: 3, previousClose: 4.2, last: { price: 4.159, at: '2026-04-30', source: 'Vendor', delayMinutes: null } }));
    expect(view).toMatchObject({ price: '4.159%', move: '▼ \u22124.1 bp', direction: 'down', words: 'down 4.1 basis points', source: 'Vendor', delay: 'End of day' });
  });

  test('no previous close: a price without a change; nothing stored: no view', () => {
    expect(toQuoteView(snapshot({ previousClose: null }))).toMatchObject({ price: '$42.30', change: null, move: null, percent: null, direction: null, words: null });
    expect(toQuoteView(snapshot({ last: null }))).toBeUndefined();
  });

  test('a change that rounds to zero is unchanged, with no arrow and no colour', () => {
    expect(toQuoteView(snapshot({ last: { price: 42.001, at: '2026-05-01T19:00:00.000Z', source: 'demo', delayMinutes: 15 } }))).toMatchObject({ move: '0.00%', direction: 'unchanged', words: 'unchanged', delay: 'Delayed 15 min' });
  });
});

describe('parseQuoteSymbols', () => {
  test('takes 1 to 10 symbols, sorted and each once', () => {
    expect(parseQuoteSymbols(['HALD'])).toEqual(['HALD']);
    expect(parseQuoteSymbols(['BRK.B,HALD,LUMA'])).toEqual(['BRK.B', 'HALD', 'LUMA']);
  });

  test.each([
    [[], /symbols=HALD,LUMA/],
    [[''], /symbols=HALD,LUMA/],
    [['HALD', 'LUMA'], /symbols=HALD,LUMA/],
    [['LUMA,HALD'], /sorted and each once: \?symbols=HALD,LUMA/],
    [['HALD,HALD'], /\?symbols=HALD\.$/],
    [['hald'], /not a symbol/],
    [['HALD,'], /not a symbol/],
    [[Array.from({ length: 11 }, (_, n) => `S${String(n).padStart(2, '0')}`).join(',')], /At most 10/],
  ])('refuses %j', (values, message) => {
    expect(() => parseQuoteSymbols(values)).toThrow(message);
  });
});
