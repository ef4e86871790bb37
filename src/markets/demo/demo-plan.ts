// What the demo provider writes for one instrument at one run: pure, from what is stored and the
// time. Everything from where the stored prices end up to now, so a restart resumes and a run
// that came late catches up; nothing twice, and nothing of the future.
import { dayFromNumber, dayNumberOf, isTradingDay, scheduleOf, tradingDay, type MarketRef } from '../exchanges/index.js';
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
  /** The walk's daily bars for the trading days from `from` to `to` (inclusive), or undefined: none due. */
  bars: { from: string; to: string } | undefined;
  /** Tick ranges, oldest first. */
  ticks: DemoTickRange[];
  /** Ticks of this trading day or before are not stored: that day's bar is the walk's, written whole. */
  ticksAfterDay: string | undefined;
}

/** Where an instrument's stored prices end. */
export interface StoredEnd {
  lastTickAt: string | undefined;
  lastBarDay: string | undefined;
}

/**
 * Plans one run for an instrument. While the stored ticks reach into the last week, only ticks are
 * due: those after the last one, up to now (their daily bars are made from them by the write path,
 * so a bar never shows a close before it happened). Otherwise (the first run, or after standing
 * still for longer) the walk's daily bars are written up to the day the tick window starts in,
 * from the last stored bar (written again whole: its later ticks never came) or five years back,
 * and the ticks of the days after it.
 */
export function planDemoCatchUp(market: MarketRef, stored: StoredEnd, now: Date): DemoCatchUp {
  const windowStart = now.getTime() - DEMO_TICK_FILL_MS;
  const lastTick = stored.lastTickAt === undefined ? undefined : Date.parse(stored.lastTickAt);
  const hasGap = lastTick === undefined || lastTick < windowStart;
  let bars: DemoCatchUp['bars'];
  let ticksAfterDay: string | undefined;
  if (hasGap) {
    ticksAfterDay = tradingDay(market, new Date(windowStart));
    const oldest = Math.max(dayNumberOf(tradingDay(market, now)) - DEMO_HISTORY_DAYS, dayNumberOf(DEMO_EPOCH));
    const from = Math.max(oldest, stored.lastBarDay === undefined ? oldest : dayNumberOf(stored.lastBarDay));
    if (from <= dayNumberOf(ticksAfterDay)) bars = { from: dayFromNumber(from), to: ticksAfterDay };
  }
  const ticksFrom = hasGap ? windowStart : lastTick + 1;
  // Up to and including now.
  const ticksTo = now.getTime() + 1;
  const liveFrom = Math.max(ticksFrom, now.getTime() - DEMO_LIVE_TICKS_MS);
  const ticks: DemoTickRange[] = [];
  if (ticksFrom < liveFrom) ticks.push({ from: new Date(ticksFrom), to: new Date(liveFrom), stepMinutes: DEMO_FILL_STEP_MINUTES });
  if (liveFrom < ticksTo) ticks.push({ from: new Date(liveFrom), to: new Date(ticksTo), stepMinutes: 1 });
  return { bars, ticks, ticksAfterDay };
}

/**
 * Whether a tick the walk made is stored: not on a day whose bar is the walk's, and not on a day
 * without trading. The write path files a tick under `tradingDay`, where an instant at which one
 * day ends and the next begins (a currency's 17:00 in New York) is the next day's: the walk's
 * last tick of a week would otherwise make a bar for a Saturday.
 */
export function isDemoTickStored(market: MarketRef, plan: Pick<DemoCatchUp, 'ticksAfterDay'>, at: string): boolean {
  const day = tradingDay(market, new Date(at));
  const schedule = scheduleOf(market);
  return (plan.ticksAfterDay === undefined || day > plan.ticksAfterDay) && schedule !== null && isTradingDay(schedule, day);
}
