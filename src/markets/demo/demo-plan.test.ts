import { describe, expect, test } from 'vitest';
import { DEMO_FILL_STEP_MINUTES, DEMO_HISTORY_DAYS, DEMO_LIVE_TICKS_MS, DEMO_TICK_FILL_MS, planDemoCatchUp } from './demo-plan.js';

const NYSE = { kind: 'equity' as const, mic: 'XNYS' };
// A Tuesday, New York open.
const now = new Date('2026-05-05T15:00:00.000Z');
const ms = (time: string) => new Date(time).getTime();

describe('planDemoCatchUp', () => {
  test('on an empty table: five years of completed days, a week of ticks at the walk step, the last hour every minute', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: undefined, lastBarDay: undefined }, now);
    expect(plan.bars).toEqual({ from: new Date(ms('2026-05-05') - DEMO_HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10), to: '2026-05-04' });
    expect(plan.ticks).toEqual([
      { from: new Date(now.getTime() - DEMO_TICK_FILL_MS), to: new Date(now.getTime() - DEMO_LIVE_TICKS_MS), stepMinutes: DEMO_FILL_STEP_MINUTES },
      { from: new Date(now.getTime() - DEMO_LIVE_TICKS_MS), to: new Date(now.getTime() + 1), stepMinutes: 1 },
    ]);
  });

  test('a minute after the last run: no bars, the ticks after the last one up to and including now', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: '2026-05-05T14:59:00.000Z', lastBarDay: '2026-05-05' }, now);
    expect(plan).toEqual({ bars: undefined, ticks: [{ from: new Date('2026-05-05T14:59:00.001Z'), to: new Date(now.getTime() + 1), stepMinutes: 1 }] });
  });

  test('the morning after: yesterday is already whole from its ticks, so no bar is written again', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: '2026-05-04T20:00:00.000Z', lastBarDay: '2026-05-04' }, now);
    expect(plan.bars).toBeUndefined();
    expect(plan.ticks.map((range) => range.stepMinutes)).toEqual([DEMO_FILL_STEP_MINUTES, 1]);
    expect(plan.ticks[0]!.from).toEqual(new Date('2026-05-04T20:00:00.001Z'));
  });

  test('after standing still longer than the tick window: the last stored day is written again whole, then the days since', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: '2026-04-20T15:00:00.000Z', lastBarDay: '2026-04-20' }, now);
    expect(plan.bars).toEqual({ from: '2026-04-20', to: '2026-05-04' });
    expect(plan.ticks[0]!.from).toEqual(new Date(now.getTime() - DEMO_TICK_FILL_MS));
  });

  test('a fill cut short between its bars and its ticks writes the last bar again and all the ticks', () => {
    const plan = planDemoCatchUp(NYSE, { lastTickAt: undefined, lastBarDay: '2024-02-01' }, now);
    expect(plan.bars).toEqual({ from: '2024-02-01', to: '2026-05-04' });
    expect(plan.ticks[0]!.from).toEqual(new Date(now.getTime() - DEMO_TICK_FILL_MS));
  });

  test('nothing of the future: a stored tick ahead of the clock leaves no range', () => {
    expect(planDemoCatchUp(NYSE, { lastTickAt: '2026-05-05T15:30:00.000Z', lastBarDay: '2026-05-05' }, now)).toEqual({ bars: undefined, ticks: [] });
  });

  test('a currency trading day starts at 17:00 New York: the bars stop at the one before', () => {
    const evening = new Date('2026-05-05T22:00:00.000Z');
    expect(planDemoCatchUp({ kind: 'fx', mic: null }, { lastTickAt: undefined, lastBarDay: '2026-05-01' }, evening).bars).toEqual({ from: '2026-05-01', to: '2026-05-05' });
  });
});
