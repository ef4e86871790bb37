import { describe, expect, test } from 'vitest';
import { DEMO_FILL_STEP_MINUTES, DEMO_HISTORY_DAYS, DEMO_LIVE_TICKS_MS, DEMO_TICK_FILL_MS, isDemoTickStored, planDemoCatchUp } from './demo-plan.js';

const NYSE = { kind: 'equity' as const, mic: 'XNYS' };
const FX = { kind: 'fx' as const, mic: null };
// A Tuesday, New York open; the tick window starts a week before, less an hour: 2026-04-28 16:00 UTC.
const now = new Date('2026-05-05T15:00:00.000Z');
const windowStart = new Date(now.getTime() - DEMO_TICK_FILL_MS);
const liveFrom = new Date(now.getTime() - DEMO_LIVE_TICKS_MS);
const justAfterNow = new Date(now.getTime() + 1);

describe('planDemoCatchUp', () => {
  test('on an empty table: five years of the walk\'s bars up to the day the tick window starts in, then a week of ticks at the walk step, the last hour every minute', () => {
    expect(planDemoCatchUp(NYSE, { lastTickAt: undefined, lastBarDay: undefined }, now)).toEqual({
      bars: { from: new Date(Date.parse('2026-05-05') - DEMO_HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10), to: '2026-04-28' },
      ticks: [
        { from: windowStart, to: liveFrom, stepMinutes: DEMO_FILL_STEP_MINUTES },
        { from: liveFrom, to: justAfterNow, stepMinutes: 1 },
      ],
      ticksAfterDay: '2026-04-28',
    });
  });

  test('a minute after the last run: the ticks after the last one up to and including now, and no bar', () => {
    expect(planDemoCatchUp(NYSE, { lastTickAt: '2026-05-05T14:59:00.000Z', lastBarDay: '2026-05-05' }, now)).toEqual({
      bars: undefined,
      ticks: [{ from: new Date('2026-05-05T14:59:00.001Z'), to: justAfterNow, stepMinutes: 1 }],
      ticksAfterDay: undefined,
    });
  });

  test('the morning after a night away: the ticks since, older than an hour at the walk step', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: '2026-05-04T20:00:00.000Z', lastBarDay: '2026-05-04' }, now);
    expect(plan.bars).toBeUndefined();
    expect(plan.ticks).toEqual([
      { from: new Date('2026-05-04T20:00:00.001Z'), to: liveFrom, stepMinutes: DEMO_FILL_STEP_MINUTES },
      { from: liveFrom, to: justAfterNow, stepMinutes: 1 },
    ]);
  });

  test('after standing still longer than the tick window: the last stored day is written again whole, and the days since', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: '2026-04-20T15:00:00.000Z', lastBarDay: '2026-04-20' }, now);
    expect(plan.bars).toEqual({ from: '2026-04-20', to: '2026-04-28' });
    expect(plan.ticks[0]!.from).toEqual(windowStart);
  });

  test('a first run cut short before its ticks: its last bar again, and on', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: undefined, lastBarDay: '2024-02-01' }, now);
    expect(plan.bars).toEqual({ from: '2024-02-01', to: '2026-04-28' });
    expect(plan.ticks[0]!.from).toEqual(windowStart);
  });

  test('nothing of the future: a stored tick ahead of the clock leaves nothing to do', () => {
    expect(planDemoCatchUp(NYSE, { lastTickAt: '2026-05-05T15:30:00.000Z', lastBarDay: '2026-05-05' }, now)).toEqual({ bars: undefined, ticks: [], ticksAfterDay: undefined });
  });
});

describe('isDemoTickStored', () => {
  test("a currency's 17:00 in New York opens the next day; the week's last one would open a Saturday and is not stored", () => {
    expect(isDemoTickStored(FX, { ticksAfterDay: undefined }, '2026-04-30T21:00:00.000Z')).toBe(true);
    expect(isDemoTickStored(FX, { ticksAfterDay: undefined }, '2026-05-01T20:55:00.000Z')).toBe(true);
    expect(isDemoTickStored(FX, { ticksAfterDay: undefined }, '2026-05-01T21:00:00.000Z')).toBe(false);
  });

  test('no tick of a day whose bar is the walk\'s', () => {
    expect(isDemoTickStored(NYSE, { ticksAfterDay: '2026-04-28' }, '2026-04-28T19:55:00.000Z')).toBe(false);
    expect(isDemoTickStored(NYSE, { ticksAfterDay: '2026-04-28' }, '2026-04-29T13:30:00.000Z')).toBe(true);
  });
});
