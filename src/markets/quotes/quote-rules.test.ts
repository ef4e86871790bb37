import { describe, expect, it } from 'vitest';
import { checkDailyBar, checkQuote, parseQuoteTime, type DailyBarInput, type QuoteInput } from './quote-rules.js';

const now = new Date('2024-03-01T15:00:00Z');
const quote = (overrides: Partial<QuoteInput> = {}): QuoteInput => ({ symbol: 'HALD', time: '2024-03-01T14:30:00Z', price: 42.5, dayVolume: 1000, delayMinutes: 15, ...overrides });
const refusalOf = (result: ReturnType<typeof checkQuote>) => ('refusal' in result ? result.refusal : undefined);

describe('checkQuote', () => {
  it('takes a plausible quote and gives its time', () => {
    expect(checkQuote(quote(), { kind: 'equity', lastPrice: 41, now })).toEqual({ at: new Date('2024-03-01T14:30:00Z') });
  });

  it('refuses an unknown symbol', () => {
    expect(refusalOf(checkQuote(quote({ symbol: 'NOPE' }), { kind: undefined, lastPrice: undefined, now }))).toMatchObject({ field: 'symbol', reason: expect.stringContaining('"NOPE"') });
  });

  it.each([
    [0, 'above zero'],
    [-1, 'above zero'],
    [Number.NaN, 'finite'],
    [Number.POSITIVE_INFINITY, 'finite'],
  ])('refuses the price %s of a share', (price, words) => {
    expect(refusalOf(checkQuote(quote({ price }), { kind: 'equity', lastPrice: undefined, now }))).toMatchObject({ field: 'price', reason: expect.stringContaining(words) });
  });

  it('takes a negative yield (real yields went below zero)', () => {
    expect(refusalOf(checkQuote(quote({ symbol: 'DE10Y', price: -0.52 }), { kind: 'rate', lastPrice: -0.4, now }))).toBeUndefined();
  });

  it('refuses a yield moving 5 points or more at once', () => {
    expect(refusalOf(checkQuote(quote({ price: 9 }), { kind: 'rate', lastPrice: 1.6, now }))).toMatchObject({ field: 'price', reason: expect.stringContaining('1.6 to 9') });
  });

  it('refuses a jump of 90 % or more either way, saying from what to what', () => {
    expect(refusalOf(checkQuote(quote({ price: 190 }), { kind: 'equity', lastPrice: 100, now }))?.reason).toContain('+90 % from the last stored price (100 to 190)');
    expect(refusalOf(checkQuote(quote({ price: 10 }), { kind: 'equity', lastPrice: 100, now }))?.reason).toContain('-90 % from the last stored price (100 to 10)');
    expect(refusalOf(checkQuote(quote({ price: 189 }), { kind: 'equity', lastPrice: 100, now }))).toBeUndefined();
    expect(refusalOf(checkQuote(quote({ price: 11 }), { kind: 'equity', lastPrice: 100, now }))).toBeUndefined();
  });

  it('allows a minute of clock skew and refuses times further ahead', () => {
    expect(refusalOf(checkQuote(quote({ time: '2024-03-01T15:00:59Z' }), { kind: 'equity', lastPrice: undefined, now }))).toBeUndefined();
    expect(refusalOf(checkQuote(quote({ time: '2024-03-01T15:01:01Z' }), { kind: 'equity', lastPrice: undefined, now }))).toMatchObject({ field: 'time', reason: expect.stringContaining('future') });
  });

  it('refuses quotes older than a week', () => {
    expect(refusalOf(checkQuote(quote({ time: '2024-02-20T15:00:00Z' }), { kind: 'equity', lastPrice: undefined, now }))).toMatchObject({ field: 'time', reason: expect.stringContaining('daily history') });
  });

  it.each(['2024-03-01 14:30:00', '2024-03-01T14:30:00', '2024-02-30T10:00:00Z', '2024-03-01T24:00:00Z', 'yesterday', ''])('refuses the time %j', (time) => {
    expect(refusalOf(checkQuote(quote({ time }), { kind: 'equity', lastPrice: undefined, now }))).toMatchObject({ field: 'time' });
  });

  it('refuses a negative volume and a delay that is not whole minutes of a day', () => {
    expect(refusalOf(checkQuote(quote({ dayVolume: -5 }), { kind: 'equity', lastPrice: undefined, now }))).toMatchObject({ field: 'volume' });
    expect(refusalOf(checkQuote(quote({ delayMinutes: 1.5 }), { kind: 'equity', lastPrice: undefined, now }))).toMatchObject({ field: 'delayMinutes' });
    expect(refusalOf(checkQuote(quote({ delayMinutes: null }), { kind: 'equity', lastPrice: undefined, now }))).toBeUndefined();
  });

  it('reads times with offsets and fractions', () => {
    expect(parseQuoteTime('2024-03-01T09:30:00.123456-05:00')?.toISOString()).toBe('2024-03-01T14:30:00.123Z');
    expect(parseQuoteTime('2024-03-01T09:30+01:00')?.toISOString()).toBe('2024-03-01T08:30:00.000Z');
  });
});

describe('checkDailyBar', () => {
  const bar = (overrides: Partial<DailyBarInput> = {}): DailyBarInput => ({ day: '2024-02-29', open: 10, high: 12, low: 9, close: 11, adjClose: 10.8, volume: 5000, ...overrides });

  it('takes a consistent bar', () => {
    expect(checkDailyBar(bar(), 'equity', '2024-03-01')).toBeUndefined();
  });

  it.each([
    [{ day: '2023-02-29' }, 'date', 'calendar'],
    [{ day: '2024-03-02' }, 'date', 'future'],
    [{ low: 13 }, 'low', 'above high'],
    [{ open: 12.5 }, 'open', 'outside'],
    [{ close: 8 }, 'close', 'outside'],
    [{ volume: -1 }, 'volume', 'zero or more'],
    [{ high: Number.NaN }, 'high', 'finite'],
  ])('refuses %j on %s', (overrides, field, words) => {
    expect(checkDailyBar(bar(overrides), 'equity', '2024-03-01')).toMatchObject({ field, reason: expect.stringContaining(words) });
  });

  it('takes negative yields in a bar', () => {
    expect(checkDailyBar(bar({ open: -0.3, high: -0.1, low: -0.5, close: -0.2 }), 'rate', '2024-03-01')).toBeUndefined();
  });
});
