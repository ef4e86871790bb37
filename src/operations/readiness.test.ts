import { describe, expect, test } from 'vitest';
import { changeFeedStatus, checkReadiness, judgeChangeFeed } from './readiness.js';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-01-05T09:00:00Z');

describe('changeFeedStatus', () => {
  test('at the end of the log: no lag, caught up now, however long ago its last read was', () => {
    const status = changeFeedStatus({ position: 7, caughtUpAt: at('2026-01-05T08:00:00Z') }, { latestPosition: 7, firstUnreadAt: undefined }, NOW);
    expect(status).toEqual({ position: 7, lagEvents: 0, lastCaughtUpSecondsAgo: 0 });
  });

  test('behind an idle log’s new event: counted from when that event was written, not from the last read an hour ago', () => {
    const status = changeFeedStatus({ position: 7, caughtUpAt: at('2026-01-05T08:00:00Z') }, { latestPosition: 9, firstUnreadAt: at('2026-01-05T08:59:58Z') }, NOW);
    expect(status).toEqual({ position: 7, lagEvents: 2, lastCaughtUpSecondsAgo: 2 });
  });

  test('an event written (by a slow transaction) before the last read reached the end counts from that read', () => {
    const status = changeFeedStatus({ position: 7, caughtUpAt: at('2026-01-05T08:59:50Z') }, { latestPosition: 8, firstUnreadAt: at('2026-01-05T08:59:00Z') }, NOW);
    expect(status.lastCaughtUpSecondsAgo).toBe(10);
  });
});

describe('judgeChangeFeed', () => {
  test('ready while caught up, and while behind for no longer than the bound', () => {
    expect(judgeChangeFeed({ position: 3, lagEvents: 0, lastCaughtUpSecondsAgo: 0 })).toEqual({
      isReady: true,
      body: { status: 'ready', database: 'ok', changeFeed: { position: 3, lagEvents: 0, lastCaughtUpSecondsAgo: 0 } },
    });
    expect(judgeChangeFeed({ position: 3, lagEvents: 4, lastCaughtUpSecondsAgo: 29.96 }).isReady).toBe(true);
  });

  test('not ready when behind for longer than the bound, with a reason an operator can read', () => {
    const judged = judgeChangeFeed({ position: 3, lagEvents: 1, lastCaughtUpSecondsAgo: 31.25 });
    expect(judged).toEqual({
      isReady: false,
      body: {
        status: 'unavailable',
        reason: 'The change feed is stuck: this instance is 1 event behind and has not caught up for 31 s (more than 30 s), so it may serve pages a change has dirtied.',
        database: 'ok',
        changeFeed: { position: 3, lagEvents: 1, lastCaughtUpSecondsAgo: 31.3 },
      },
    });
  });
});

describe('checkReadiness', () => {
  const follower = { progress: () => ({ position: 1, caughtUpAt: NOW }) };

  test('a database that does not answer in time makes the instance unavailable', async () => {
    const feed = { backlogAfter: () => new Promise<never>(() => undefined) };
    const judged = await checkReadiness({ feed, follower, now: () => NOW, timeoutMs: 20 });
    expect(judged).toMatchObject({ isReady: false, body: { status: 'unavailable', database: 'unreachable', reason: 'The database did not answer within 0.02 s.' } });
  });

  test('a database that fails says so, and keeps the error for the log', async () => {
    const failure = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const judged = await checkReadiness({ feed: { backlogAfter: () => Promise.reject(failure) }, follower, now: () => NOW });
    expect(judged).toEqual({
      isReady: false,
      body: { status: 'unavailable', database: 'unreachable', reason: 'The database cannot be reached (the error is in the log).' },
      error: failure,
    });
  });
});
