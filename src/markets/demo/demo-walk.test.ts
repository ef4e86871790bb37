import { describe, expect, test } from 'vitest';
import { marketState, scheduleOf, sessionsOn } from '../exchanges/index.js';
import type { DailyBar, Quote } from '../types.js';
import { DEMO_INSTRUMENTS, type DemoInstrument } from './demo-instruments.js';
import { demoDailyBars, demoTicks, MAX_DEMO_BAR_DAYS } from './demo-walk.js';

const SEED = 20_261_203;
const bySymbol = (symbol: string) => DEMO_INSTRUMENTS.find((instrument) => instrument.symbol === symbol)!;
const [halden, eurusd, bitcoin, asia, us10y, de10y, brightwater] = ['HALD', 'EURUSD', 'BTCUSD', 'FSASIA', 'US10Y', 'DE10Y', 'BRW'].map(bySymbol) as DemoInstrument[];
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const std = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
};

describe('demoDailyBars', () => {
  test('the same seed gives the same bars, another seed others; a sub-range is the same days of a longer one', () => {
    const bars = demoDailyBars(halden!, SEED, '2025-01-01', '2025-12-31');
    expect(demoDailyBars(halden!, SEED, '2025-01-01', '2025-12-31')).toEqual(bars);
    expect(demoDailyBars(halden!, SEED + 1, '2025-01-01', '2025-12-31')).not.toEqual(bars);
    expect(demoDailyBars(halden!, SEED, '2025-06-01', '2025-06-30')).toEqual(bars.filter((bar) => bar.day >= '2025-06-01' && bar.day <= '2025-06-30'));
  });

  test("only the trading days of the instrument's market: weekdays on exchanges and for currencies, every day for coins", () => {
    const days = (bars: DailyBar[]) => new Set(bars.map((bar) => weekday(bar.day)));
    expect(days(demoDailyBars(halden!, SEED, '2026-11-01', '2026-11-30'))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(days(demoDailyBars(eurusd!, SEED, '2026-11-01', '2026-11-30'))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(demoDailyBars(bitcoin!, SEED, '2026-11-01', '2026-11-30')).toHaveLength(30);
    // November 2026 has 21 weekdays; New York is shut on Thanksgiving, London is not.
    expect(demoDailyBars(halden!, SEED, '2026-11-01', '2026-11-30').map((bar) => bar.day)).not.toContain('2026-11-26');
    expect(demoDailyBars(halden!, SEED, '2026-11-01', '2026-11-30')).toHaveLength(20);
    expect(demoDailyBars(brightwater!, SEED, '2026-11-01', '2026-11-30')).toHaveLength(21);
  });

  test('five years of every demo instrument: OHLC consistent, above zero, plausible, labelled as demo data', () => {
    for (const instrument of DEMO_INSTRUMENTS) {
      const bars = demoDailyBars(instrument, SEED, '2021-12-01', '2026-11-30');
      const wrong = bars.filter(
        (bar) =>
          bar.low > Math.min(bar.open, bar.close) ||
          bar.high < Math.max(bar.open, bar.close) ||
          bar.low <= 0 ||
          bar.close !== Number(bar.close.toFixed(instrument.decimals)) ||
          bar.source !== 'demo' ||
          bar.delayMinutes !== 0 ||
          bar.adjClose !== bar.close ||
          (bar.volume === null) !== ['index', 'fx', 'rate'].includes(instrument.kind),
      );
      expect(wrong, instrument.symbol).toEqual([]);
      const closes = bars.map((bar) => bar.close);
      expect(Math.min(...closes), instrument.symbol).toBeGreaterThan(instrument.kind === 'rate' ? 0.04 : instrument.startPrice / 5);
      expect(Math.max(...closes), instrument.symbol).toBeLessThan(instrument.kind === 'rate' ? instrument.startPrice + 5 : instrument.startPrice * 5);
    }
  });

  test('daily volatility is that of the kind: share ~2 %, currency ~0.5 %, coin ~4 %, yield ~4 bp', () => {
    const logReturns = (instrument: DemoInstrument) => {
      const closes = demoDailyBars(instrument, SEED, '2021-12-01', '2026-11-30').map((bar) => bar.close);
      return closes.slice(1).map((close, i) => Math.log(close / closes[i]!));
    };
    expect(std(logReturns(halden!))).toBeGreaterThan(0.017);
    expect(std(logReturns(halden!))).toBeLessThan(0.025);
    expect(std(logReturns(eurusd!))).toBeGreaterThan(0.004);
    expect(std(logReturns(eurusd!))).toBeLessThan(0.006);
    expect(std(logReturns(bitcoin!))).toBeGreaterThan(0.034);
    expect(std(logReturns(bitcoin!))).toBeLessThan(0.046);
    const yields = demoDailyBars(us10y!, SEED, '2021-12-01', '2026-11-30').map((bar) => bar.close);
    const moves = std(yields.slice(1).map((y, i) => y - yields[i]!));
    expect(moves).toBeGreaterThan(0.03);
    expect(moves).toBeLessThan(0.05);
  });

  test('a yield starting near zero approaches it without reaching it', () => {
    const bars = demoDailyBars(de10y!, SEED, '2020-01-01', '2024-12-31');
    expect(Math.min(...bars.map((bar) => bar.low))).toBeGreaterThanOrEqual(0.05);
  });

  test('bounded: five years of days at most, nothing before the walk begins, real days only', () => {
    expect(() => demoDailyBars(halden!, SEED, '2020-01-01', '2025-01-05')).toThrow(`At most ${MAX_DEMO_BAR_DAYS} days`);
    expect(() => demoDailyBars(halden!, SEED, '2019-12-01', '2020-01-31')).toThrow('Demo data begins on 2020-01-01');
    expect(() => demoDailyBars(halden!, SEED, '2026-02-30', '2026-03-31')).toThrow(RangeError);
    expect(() => demoDailyBars(halden!, 1.5, '2026-01-01', '2026-01-31')).toThrow('integer');
    expect(() => demoDailyBars({ ...halden!, mic: 'XXXX' }, SEED, '2026-01-01', '2026-01-31')).toThrow('no trading hours');
    expect(demoDailyBars(halden!, SEED, '2026-01-31', '2026-01-01')).toEqual([]);
  });
});

describe('demoTicks', () => {
  const from = new Date('2026-11-30T00:00:00Z'); // a Monday
  const to = new Date('2026-12-05T00:00:00Z');

  test('ticks for [a, c) are the ticks for [a, b) followed by those for [b, c), whatever b', () => {
    for (const instrument of [halden!, eurusd!, bitcoin!, asia!, us10y!]) {
      const whole = demoTicks(instrument, SEED, from, to, 5);
      expect(whole.length, instrument.symbol).toBeGreaterThan(100);
      for (const b of ['2026-12-01T15:02:30Z', '2026-12-02T03:00:00Z', '2026-12-03T21:00:00Z', '2026-12-03T22:00:00Z']) {
        const split = new Date(b);
        expect([...demoTicks(instrument, SEED, from, split, 5), ...demoTicks(instrument, SEED, split, to, 5)], `${instrument.symbol} at ${b}`).toEqual(whole);
      }
      // Another step gives the same price at the instants both have.
      const hourly = new Map(demoTicks(instrument, SEED, from, to, 60).map((quote) => [quote.at, quote.price]));
      for (const quote of whole) if (hourly.has(quote.at)) expect(hourly.get(quote.at)).toBe(quote.price);
    }
  });

  test("a day's ticks start at its open and end at its close, at the bar's prices, inside its range and its sessions", () => {
    for (const instrument of [halden!, asia!, eurusd!, brightwater!]) {
      const ticks = demoTicks(instrument, SEED, from, to, 5);
      const bars = new Map(demoDailyBars(instrument, SEED, '2026-11-29', '2026-12-05').map((bar) => [bar.day, bar]));
      const schedule = scheduleOf(instrument)!;
      for (const [day, bar] of bars) {
        const sessions = sessionsOn(schedule, day);
        const first = sessions[0]!.open.toISOString();
        const last = sessions.at(-1)!.close.toISOString();
        const ofDay = ticks.filter((quote) => quote.at >= first && quote.at <= last);
        if (first < from.toISOString() || last >= to.toISOString()) continue;
        expect(ofDay[0], `${instrument.symbol} ${day}`).toMatchObject({ at: first, price: bar.open });
        expect(ofDay.at(-1)).toMatchObject({ at: last, price: bar.close });
        for (const quote of ofDay) {
          expect(quote.price).toBeGreaterThanOrEqual(bar.low);
          expect(quote.price).toBeLessThanOrEqual(bar.high);
        }
      }
      // Every tick inside a session (its close included); the market state agrees.
      const sessions = [...bars.keys()].flatMap((day) => sessionsOn(schedule, day));
      const outside = ticks.filter((quote) => !sessions.some((session) => session.open.toISOString() <= quote.at && quote.at <= session.close.toISOString()));
      expect(outside, instrument.symbol).toEqual([]);
      for (const quote of ticks.filter((_, i) => i % 25 === 0)) {
        if (!sessions.some((session) => session.close.toISOString() === quote.at)) expect(marketState(instrument, new Date(quote.at))?.state).toBe('open');
      }
      expect(ticks.every((quote) => quote.at >= from.toISOString() && quote.at < to.toISOString())).toBe(true);
    }
  });

  test("Tokyo's lunch break has no ticks between the morning's close and the afternoon's open", () => {
    const ticks = demoTicks(asia!, SEED, new Date('2026-12-03T00:00:00Z'), new Date('2026-12-03T08:00:00Z'), 5).map((quote) => quote.at.slice(11, 16));
    expect(ticks[0]).toBe('00:00'); // 09:00 Tokyo
    expect(ticks).toContain('02:30'); // 11:30, the morning close
    expect(ticks.filter((time) => time > '02:30' && time < '03:30')).toEqual([]);
    expect(ticks).toContain('03:30'); // 12:30, the afternoon open
    expect(ticks.at(-1)).toBe('06:30'); // 15:30
  });

  test('the day volume grows through the day; currencies and yields have none', () => {
    const ticks = demoTicks(halden!, SEED, new Date('2026-12-03T14:30:00Z'), new Date('2026-12-03T21:00:01Z'), 30);
    const volumes = ticks.map((quote) => quote.dayVolume!);
    expect(volumes[0]).toBe(0);
    expect(volumes).toEqual([...volumes].sort((a, b) => a - b));
    expect(volumes.at(-1)).toBe(demoDailyBars(halden!, SEED, '2026-12-03', '2026-12-03')[0]!.volume);
    expect(demoTicks(eurusd!, SEED, from, to, 60).every((quote: Quote) => quote.dayVolume === null && quote.source === 'demo')).toBe(true);
  });

  test('bounded: ten days at most, a whole step of 1 to 1440 minutes', () => {
    expect(() => demoTicks(halden!, SEED, from, new Date(from.getTime() + 10 * 86_400_000 + 1), 5)).toThrow('At most ten days');
    for (const step of [0, 1.5, 1441, Number.NaN]) expect(() => demoTicks(halden!, SEED, from, to, step)).toThrow('whole number of minutes');
    expect(() => demoTicks(halden!, SEED, new Date('nope'), to, 5)).toThrow('valid times');
    expect(demoTicks(halden!, SEED, to, from, 5)).toEqual([]);
    expect(demoTicks(halden!, SEED, new Date('2026-12-05T00:00:00Z'), new Date('2026-12-07T00:00:00Z'), 5)).toEqual([]); // a weekend
  });
});
