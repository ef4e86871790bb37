import { afterEach, beforeEach, expect, test } from 'vitest';
import { createChangeEventPruner } from '../../src/changes/index.js';
import { openDatabase, type Database } from '../../src/storage/index.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let otherProcess: Database;
beforeEach(async () => {
  site = await createTestApp();
  otherProcess = openDatabase(site.databaseUrl);
});
afterEach(async () => {
  await otherProcess.close();
  await site.close();
});

const front = async () => (await site.app.inject({ method: 'GET', url: '/' })).headers['x-cache'];
const append = (keys: string[], iso: string) => otherProcess.db.transaction().execute((trx) => otherProcess.changeFeed.append(trx, keys, new Date(iso)));

test('a server whose last-read change was pruned away purges every page once, then follows changes as before', async () => {
  await createArticles(site, [articleInput({ title: 'Rates on hold' })]);
  // This server sleeps (stopped follower) while another process writes and prunes.
  site.changes.stop();
  await front();
  expect(await front()).toBe('HIT');

  await append(['topic:gold'], '2026-03-01T08:00:00.000Z');
  await append(['home'], '2026-03-01T09:00:00.000Z');
  await append(['topic:oil'], '2026-03-03T10:00:00.000Z');
  const pruner = createChangeEventPruner({ feed: otherProcess.changeFeed, clock: { now: () => new Date('2026-03-03T12:00:00.000Z') } });
  expect(await pruner.pruneNow()).toBeGreaterThanOrEqual(2);

  // The "home" event is gone: the server cannot know the front page changed, so it drops everything.
  await site.changes.catchUp();
  expect(await front()).toBe('MISS');
  expect(await front()).toBe('HIT');

  // Once: later events purge only their own keys again.
  await append(['topic:copper'], '2026-03-03T11:00:00.000Z');
  await site.changes.catchUp();
  expect(await front()).toBe('HIT');
  await append(['home'], '2026-03-03T11:30:00.000Z');
  await site.changes.catchUp();
  expect(await front()).toBe('MISS');
});
