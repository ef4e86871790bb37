import { describe, expect, test } from 'vitest';
import { EXCHANGES, findExchange, isTradingDay, marketState, scheduleOf, sessionMinutes, sessionsOn, tradingDay, zonedTimeToInstant } from './index.js';
import { DEMO_INSTRUMENTS } from '../demo/demo-instruments.js';

const nyse = { kind: 'equity', mic: 'XNYS' } as const;
const lse = { kind: 'equity', mic: 'XLON' } as const;
const tokyo = { kind: 'index', mic: 'XTKS' } as const;
const fx = { kind: 'fx', mic: null } as const;
const iso = (date: Date | null | undefined) => date?.toISOString();

describe('exchanges', () => {
  test('every MIC of the demo set has known hours, in a time zone Intl knows', () => {
    for (const instrument of DEMO_INSTRUMENTS) expect(scheduleOf(instrument), instrument.symbol).not.toBeNull();
    for (const exchange of EXCHANGES.values()) expect(() => new Intl.DateTimeFormat('en', { timeZone: exchange.timeZone })).not.toThrow();
    expect(EXCHANGES.size).toBeGreaterThanOrEqual(20);
    expect(findExchange('xnys')?.name).toBe('New York Stock Exchange');
    expect(findExchange('XXXX')).toBeUndefined();
  });

  test('sessions sit inside a day and in order', () => {
    for (const exchange of EXCHANGES.values()) {
      let previousEnd = 0;
      for (const session of exchange.sessions) {
        expect(session.start).toBeGreaterThanOrEqual(previousEnd);
        expect(session.end).toBeGreaterThan(session.start);
        previousEnd = session.end;
      }
      expect(previousEnd).toBeLessThanOrEqual(24 * 60);
    }
  });
});

describe('sessions across DST changes', () => {
  // 2026: the US moves its clocks on 8 March, the UK on 29 March.
  test('New York opens at 14:30 UTC in winter and 13:30 UTC in summer', () => {
    const schedule = scheduleOf(nyse)!;
    expect(sessionsOn(schedule, '2026-03-06').map((s) => [iso(s.open), iso(s.close)])).toEqual([['2026-03-06T14:30:00.000Z', '2026-03-06T21:00:00.000Z']]);
    expect(sessionsOn(schedule, '2026-03-09').map((s) => [iso(s.open), iso(s.close)])).toEqual([['2026-03-09T13:30:00.000Z', '2026-03-09T20:00:00.000Z']]);
  });

  test('between the two changes New York is four hours behind London, not five', () => {
    const london = scheduleOf(lse)!;
    expect(iso(sessionsOn(london, '2026-03-16')[0]!.open)).toBe('2026-03-16T08:00:00.000Z');
    expect(iso(sessionsOn(london, '2026-03-30')[0]!.open)).toBe('2026-03-30T07:00:00.000Z');
    const at = new Date('2026-03-16T13:45:00Z'); // 09:45 in New York, 13:45 in London
    expect(marketState(nyse, at)?.state).toBe('open');
    expect(marketState(lse, at)?.state).toBe('open');
    expect(marketState(nyse, new Date('2026-03-16T13:15:00Z'))?.state).toBe('pre-market');
  });

  test('a wall-clock time skipped by a change reads as the instant after it', () => {
    expect(iso(zonedTimeToInstant('America/New_York', '2026-03-08', 2 * 60 + 30))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(zonedTimeToInstant('Europe/London', '2026-10-25', 1 * 60 + 30))).toMatch(/^2026-10-25T0[01]:30:00.000Z$/);
  });
});

describe('marketState', () => {
  test('New York: pre-market, open, after-hours, closed, with the next open and close', () => {
    const on = (time: string) => marketState(nyse, new Date(`2026-12-03T${time}Z`)); // a Thursday, UTC−5
    expect(on('08:59:59')?.state).toBe('closed');
    expect(on('09:00:00')?.state).toBe('pre-market');
    expect(on('14:29:59')).toEqual({ state: 'pre-market', nextOpen: new Date('2026-12-03T14:30:00Z'), nextClose: new Date('2026-12-03T21:00:00Z') });
    expect(on('14:30:00')).toEqual({ state: 'open', nextOpen: new Date('2026-12-04T14:30:00Z'), nextClose: new Date('2026-12-03T21:00:00Z') });
    expect(on('21:00:00')?.state).toBe('after-hours');
    expect(on('23:30:00')?.state).toBe('after-hours');
    expect(on('01:00:00')?.state).toBe('closed');
  });

  test('weekends are closed, with no pre-market, and the next open is Monday', () => {
    const saturday = marketState(nyse, new Date('2026-12-05T15:00:00Z'));
    expect(saturday).toEqual({ state: 'closed', nextOpen: new Date('2026-12-07T14:30:00Z'), nextClose: new Date('2026-12-07T21:00:00Z') });
    expect(marketState(lse, new Date('2026-12-06T12:00:00Z'))?.state).toBe('closed');
  });

  test("Tokyo's lunch break is closed, and the afternoon is the next open", () => {
    // 11:45 in Tokyo (UTC+9) on a Thursday.
    const lunch = marketState(tokyo, new Date('2026-12-03T02:45:00Z'));
    expect(lunch).toEqual({ state: 'closed', nextOpen: new Date('2026-12-03T03:30:00Z'), nextClose: new Date('2026-12-03T06:30:00Z') });
    expect(marketState(tokyo, new Date('2026-12-03T01:00:00Z'))?.state).toBe('open');
    expect(marketState({ kind: 'equity', mic: 'XHKG' }, new Date('2026-12-03T04:30:00Z'))?.state).toBe('closed'); // 12:30 Hong Kong
    expect(marketState({ kind: 'equity', mic: 'XSHG' }, new Date('2026-12-03T05:30:00Z'))?.state).toBe('open'); // 13:30 Shanghai
  });

  test('currencies trade from Sunday 17:00 to Friday 17:00 New York without a daily close', () => {
    const fridayClose = new Date('2026-12-04T22:00:00Z');
    const sundayOpen = new Date('2026-12-06T22:00:00Z');
    expect(marketState(fx, new Date('2026-12-04T21:59:00Z'))).toEqual({ state: 'open', nextOpen: sundayOpen, nextClose: fridayClose });
    expect(marketState(fx, new Date('2026-12-05T12:00:00Z'))).toEqual({ state: 'closed', nextOpen: sundayOpen, nextClose: new Date('2026-12-11T22:00:00Z') });
    expect(marketState(fx, new Date('2026-12-06T21:59:00Z'))?.state).toBe('closed');
    expect(marketState(fx, sundayOpen)?.state).toBe('open');
    // Tuesday 17:00 is a new trading day, not a close.
    expect(marketState(fx, new Date('2026-12-08T22:00:00Z'))).toEqual({ state: 'open', nextOpen: new Date('2026-12-13T22:00:00Z'), nextClose: new Date('2026-12-11T22:00:00Z') });
    expect(marketState({ kind: 'commodity', mic: null }, new Date('2026-12-05T12:00:00Z'))?.state).toBe('closed');
  });

  test('a 2026 holiday is closed, without pre-market, and the next open is the day after', () => {
    const thanksgiving = marketState(nyse, new Date('2026-11-26T15:00:00Z'));
    expect(thanksgiving).toEqual({ state: 'closed', nextOpen: new Date('2026-11-27T14:30:00Z'), nextClose: new Date('2026-11-27T21:00:00Z') });
    expect(marketState(nyse, new Date('2026-11-26T10:00:00Z'))?.state).toBe('closed');
    expect(marketState(lse, new Date('2026-11-26T10:00:00Z'))?.state).toBe('open');
    // Golden Week: Tokyo is shut from Saturday 2 May to Wednesday 6 May.
    expect(marketState(tokyo, new Date('2026-05-01T07:00:00Z'))?.nextOpen).toEqual(new Date('2026-05-07T00:00:00Z'));
  });

  test('coins are always open; unknown hours give no state', () => {
    expect(marketState({ kind: 'crypto', mic: null }, new Date('2026-12-05T12:00:00Z'))).toEqual({ state: 'open', nextOpen: null, nextClose: null });
    expect(marketState({ kind: 'equity', mic: 'XXXX' }, new Date())).toBeNull();
    expect(marketState({ kind: 'equity', mic: null }, new Date())).toBeNull();
  });
});

describe('tradingDay', () => {
  test("is the exchange's local date", () => {
    const at = new Date('2026-12-03T23:30:00Z');
    expect(tradingDay(nyse, at)).toBe('2026-12-03');
    expect(tradingDay(tokyo, at)).toBe('2026-12-04');
    expect(tradingDay({ kind: 'equity', mic: 'XASX' }, new Date('2026-12-03T13:30:00Z'))).toBe('2026-12-04');
  });

  test("a currency's day begins at 17:00 New York the evening before", () => {
    expect(tradingDay(fx, new Date('2026-12-03T21:59:00Z'))).toBe('2026-12-03');
    expect(tradingDay(fx, new Date('2026-12-03T22:00:00Z'))).toBe('2026-12-04');
    expect(tradingDay(fx, new Date('2026-12-06T22:30:00Z'))).toBe('2026-12-07'); // Sunday evening: Monday
  });

  test('coins and unknown hours use the UTC date', () => {
    expect(tradingDay({ kind: 'crypto', mic: null }, new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-03');
    expect(tradingDay({ kind: 'equity', mic: null }, new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-03');
  });
});

describe('trading days', () => {
  test('weekdays for exchanges and currencies, every day for coins', () => {
    expect(isTradingDay(scheduleOf(nyse)!, '2026-12-04')).toBe(true);
    expect(isTradingDay(scheduleOf(nyse)!, '2026-12-05')).toBe(false);
    expect(isTradingDay(scheduleOf(fx)!, '2026-12-06')).toBe(false);
    expect(isTradingDay(scheduleOf({ kind: 'crypto', mic: null })!, '2026-12-06')).toBe(true);
    expect(isTradingDay(scheduleOf(nyse)!, '2026-12-25')).toBe(false);
    expect(isTradingDay(scheduleOf(lse)!, '2026-12-28')).toBe(false);
    expect(isTradingDay(scheduleOf(fx)!, '2026-12-25')).toBe(true);
    expect(() => isTradingDay(scheduleOf(nyse)!, '2026-02-30')).toThrow(RangeError);
  });

  test('session minutes: 390 in New York, 330 in Tokyo, a whole day for currencies', () => {
    expect(sessionMinutes(scheduleOf(nyse)!)).toBe(390);
    expect(sessionMinutes(scheduleOf(tokyo)!)).toBe(330);
    expect(sessionMinutes(scheduleOf(fx)!)).toBe(1440);
  });
});
