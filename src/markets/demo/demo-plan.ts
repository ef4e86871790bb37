// What the demo provider writes for one instrument at one run: pure, from what is stored and the
// time. Everything from where the stored prices end up to now, so a restart resumes and a run
// that came late catches up; nothing twice, and nothing of the future.
import { dayFromNumber, dayNumberOf, tradingDay, type MarketRef } from '../exchanges/index.js';
import { TICK_MAX_AGE_MS } from '../quotes/index.js';
import { DEMO_EPOCH } from './demo-walk.js';

/** How far back the daily history goes. */
export const DEMO_HISTORY_DAYS = 5 * 365;
/** How far back intraday ticks go: a week (the 5-day chart), less an hour, so a slow fill is not refused as too old (ticks older than 7 days are). */
export const DEMO_TICK_FILL_MS = TICK_MAX_AGE_MS - 60 * 60_000;
/** The walk's step (its path has a point every 5 minutes): the step of ticks made after the fact. */
export const DEMO_FILL_STEP_MINUTES = 5;
/** Ticks of the last hour are made every minute, as a live feed's would be; older ones at the walk's step. */
export const DEMO_LIVE_TICKS_MS = 60 * 60_000;

/** One range of ticks to make: [from, to), every stepMinutes. */
export interface DemoTickRange {
  from: Date;
  to: Date;
  stepMinutes: number;
}

/** What one run writes for an instrument. */
export interface DemoCatchUp {
  /** Daily bars for the trading days from `from` to `to` (inclusive), or undefined: none due. */
  bars: { from: string; to: string } | undefined;
  /** Tick ranges, oldest first. */
  ticks: DemoTickRange[];
}

/** Where an instrument's stored prices end. */
export interface StoredEnd {
  lastTickAt: string | undefined;
  lastBarDay: string | undefined;
}

/**
 * Plans one run for an instrument. Bars: the completed trading days after the last stored bar, at
 * most five years back (today's bar is made by its ticks: a bar made ahead would show the day's
 * close before it happened). Ticks: after the last stored one up to now, at most a week back.
 * When the ticks left a gap (the provider stood still longer than the tick window), the last
 * stored day is written again as a whole: its later ticks will never come.
 */
export function planDemoCatchUp(market: MarketRef, stored: StoredEnd, now: Date): DemoCatchUp {
  const today = dayNumberOf(tradingDay(market, now));
  const oldest = Math.max(today - DEMO_HISTORY_DAYS, dayNumberOf(DEMO_EPOCH));
  const windowStart = now.getTime() - DEMO_TICK_FILL_MS;
  const lastTick = stored.lastTickAt === undefined ? undefined : Date.parse(stored.lastTickAt);
  const hasGap = lastTick === undefined || lastTick < windowStart;
  const lastBar = stored.lastBarDay === undefined ? undefined : dayNumberOf(stored.lastBarDay);
  const barsFrom = Math.max(oldest, lastBar === undefined ? oldest : hasGap ? lastBar : lastBar + 1);
  const bars = barsFrom <= today - 1 ? { from: dayFromNumber(barsFrom), to: dayFromNumber(today - 1) } : undefined;

  const ticksFrom = hasGap ? windowStart : lastTick + 1;
  // Up to and including now.
  const ticksTo = now.getTime() + 1;
  const liveFrom = Math.max(ticksFrom, now.getTime() - DEMO_LIVE_TICKS_MS);
  const ticks: DemoTickRange[] = [];
  if (ticksFrom < liveFrom) ticks.push({ from: new Date(ticksFrom), to: new Date(liveFrom), stepMinutes: DEMO_FILL_STEP_MINUTES });
  if (liveFrom < ticksTo) ticks.push({ from: new Date(liveFrom), to: new Date(ticksTo), stepMinutes: 1 });
  return { bars, ticks };
}
