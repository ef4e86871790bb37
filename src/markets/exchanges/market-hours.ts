// When an instrument trades: its schedule (an exchange's hours, or the round-the-clock weeks of
// currencies, commodities, rates and coins), the sessions of a day, the market state at an
// instant and the trading day an instant belongs to.
import type { InstrumentKind } from '../types.js';
import { findExchange, venueTimeZone, type ClockSpan } from './exchanges.js';
import { dayFromNumber, dayNumberOf, weekdayOf, zonedParts, zonedTimeToInstant } from './zoned-time.js';

/** What the hours depend on: an instrument's kind and exchange. */
export interface MarketRef {
  kind: InstrumentKind;
  mic: string | null;
}

/** When a market trades, in one time zone. */
export interface TradingSchedule {
  timeZone: string;
  /** Weekdays with a session (0 Sunday … 6 Saturday). */
  tradingWeekdays: readonly number[];
  /** Days of those weekdays without one ('YYYY-MM-DD'), where known. */
  holidays?: ReadonlySet<string>;
  /**
   * A trading day's regular sessions, in minutes from its local midnight: a start below 0 begins
   * the evening before (currencies' day runs 17:00 to 17:00 New York).
   */
  sessions: readonly ClockSpan[];
  preMarket?: ClockSpan;
  afterHours?: ClockSpan;
}

/** 'open' in a regular session; 'pre-market' / 'after-hours' in the extended hours around it. */
export type MarketStateName = 'open' | 'closed' | 'pre-market' | 'after-hours';

/** A market's state at an instant, with the next regular open and close after it (null: never, as for coins). */
export interface MarketState {
  state: MarketStateName;
  nextOpen: Date | null;
  nextClose: Date | null;
}

/** One regular session of one trading day. */
export interface Session {
  open: Date;
  close: Date;
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

// Currencies trade from Sunday 17:00 to Friday 17:00 New York, a trading day running 17:00 to
// 17:00 (Monday's begins on Sunday evening). Commodities and rates follow the same week: their
// futures and Treasuries trade nearly round the clock on electronic venues (CME Globex's daily
// hour's pause is not modelled).
const ROUND_THE_WEEK: TradingSchedule = { timeZone: 'America/New_York', tradingWeekdays: WEEKDAYS, sessions: [{ start: -7 * 60, end: 17 * 60 }] };
// Coins never close; their day is the UTC day.
const ALWAYS: TradingSchedule = { timeZone: 'UTC', tradingWeekdays: EVERY_DAY, sessions: [{ start: 0, end: 24 * 60 }] };

/** The schedule of a market, or null when the hours are not known (an exchange not listed, or none given). */
export function scheduleOf(market: MarketRef): TradingSchedule | null {
  if (market.kind === 'crypto') return ALWAYS;
  const exchange = findExchange(market.mic);
  if (exchange) return { ...exchange, tradingWeekdays: WEEKDAYS };
  if (market.kind === 'fx' || market.kind === 'commodity' || market.kind === 'rate') return ROUND_THE_WEEK;
  return null;
}

/** Minutes of regular trading in one trading day (the same every day: DST changes fall outside the sessions). */
export function sessionMinutes(schedule: TradingSchedule): number {
  return schedule.sessions.reduce((sum, session) => sum + session.end - session.start, 0);
}

/** Whether a day ('YYYY-MM-DD') is a trading day of the schedule: a trading weekday, not a known holiday. */
export function isTradingDay(schedule: TradingSchedule, day: string): boolean {
  return schedule.tradingWeekdays.includes(weekdayOf(dayNumberOf(day))) && !schedule.holidays?.has(day);
}

/** The regular sessions of a day, in order; none on a day without trading. */
export function sessionsOn(schedule: TradingSchedule, day: string): Session[] {
  if (!isTradingDay(schedule, day)) return [];
  return schedule.sessions.map((session) => ({
    open: zonedTimeToInstant(schedule.timeZone, day, session.start),
    close: zonedTimeToInstant(schedule.timeZone, day, session.end),
  }));
}

/**
 * The trading day an instant belongs to: the exchange's local date, or for currencies the New
 * York date of the day that began at 17:00 the evening before. Unknown hours: the venue's local
 * date where its zone is known, else the UTC date.
 */
export function tradingDay(market: MarketRef, at: Date): string {
  const schedule = scheduleOf(market);
  if (!schedule) {
    const zone = venueTimeZone(market.mic);
    return zone ? zonedParts(zone, at).day : at.toISOString().slice(0, 10);
  }
  const local = zonedParts(schedule.timeZone, at);
  const firstStart = schedule.sessions[0]!.start;
  return firstStart < 0 && local.minuteOfDay >= 24 * 60 + firstStart ? dayFromNumber(dayNumberOf(local.day) + 1) : local.day;
}

// Far enough ahead to reach the end of a round-the-week market's week from any instant.
const DAYS_AHEAD = 8;

/** The market state at an instant, or null when the market's hours are not known. */
export function marketState(market: MarketRef, at: Date): MarketState | null {
  const schedule = scheduleOf(market);
  if (!schedule) return null;
  if (schedule === ALWAYS) return { state: 'open', nextOpen: null, nextClose: null };
  const time = at.getTime();
  const today = dayNumberOf(zonedParts(schedule.timeZone, at).day);
  const days: string[] = [];
  for (let offset = -1; offset <= DAYS_AHEAD; offset++) days.push(dayFromNumber(today + offset));
  const regular = mergeTouching(days.flatMap((day) => sessionsOn(schedule, day)));
  const current = regular.find((session) => session.open.getTime() <= time && time < session.close.getTime());
  const nextOpen = regular.find((session) => session.open.getTime() > time)?.open ?? null;
  const nextClose = regular.find((session) => session.close.getTime() > time)?.close ?? null;
  if (current) return { state: 'open', nextOpen, nextClose };
  const extended = (span: ClockSpan | undefined) =>
    span !== undefined &&
    days.some((day) => {
      if (!isTradingDay(schedule, day)) return false;
      const start = zonedTimeToInstant(schedule.timeZone, day, span.start).getTime();
      return start <= time && time < zonedTimeToInstant(schedule.timeZone, day, span.end).getTime();
    });
  const state = extended(schedule.preMarket) ? 'pre-market' : extended(schedule.afterHours) ? 'after-hours' : 'closed';
  return { state, nextOpen, nextClose };
}

/** Sessions that end where the next begins (a currency's Monday and Tuesday) read as one. */
function mergeTouching(sessions: Session[]): Session[] {
  const merged: Session[] = [];
  for (const session of sessions) {
    const last = merged.at(-1);
    if (last && last.close.getTime() === session.open.getTime()) merged[merged.length - 1] = { open: last.open, close: session.close };
    else merged.push(session);
  }
  return merged;
}
