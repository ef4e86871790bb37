import { expect, test } from 'vitest';
import { sharedNextRun } from './background-task.js';

/** A run that stays open until released, counting how many started. */
function controllableRun() {
  const releases: (() => void)[] = [];
  let started = 0;
  const run = () =>
    new Promise<void>((resolve) => {
      started += 1;
      releases.push(resolve);
    });
  return { run, started: () => started, releaseNext: () => releases.shift()!() };
}

test('sharedNextRun: callers during a run share the one run after it; each waits for a run that started after its call', async () => {
  const { run, started, releaseNext } = controllableRun();
  const shared = sharedNextRun(run);
  let firstDone = false;
  let laterDone = 0;
  void shared().then(() => (firstDone = true));
  expect(started()).toBe(1);
  const later = [shared(), shared(), shared()];
  for (const call of later) void call.then(() => (laterDone += 1));
  // Nobody else starts a run while one is in progress.
  expect(started()).toBe(1);
  releaseNext();
  await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(firstDone).toBe(true);
  // The three later callers wait for the second run, started after the first ended.
  expect(started()).toBe(2);
  expect(laterDone).toBe(0);
  releaseNext();
  await Promise.all(later);
  expect(laterDone).toBe(3);
  expect(started()).toBe(2);
});

test('sharedNextRun: a failed run fails its callers, and the next call runs again', async () => {
  let calls = 0;
  const shared = sharedNextRun(async () => {
    calls += 1;
    if (calls === 1) throw new Error('database busy');
  });
  await expect(shared()).rejects.toThrow('database busy');
  await expect(shared()).resolves.toBeUndefined();
  expect(calls).toBe(2);
});
