/**
 * Request `Cache-Control: no-cache` (which the shipped VCL sends on every fetch it will keep):
 * the server reads the change log before answering from its page cache. Without it, a page purged
 * at the edge right after a commit on one instance could be fetched again from another instance
 * that had not yet followed the change, and the edge would keep the old page for its s-maxage.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildApp, type App } from '../../src/server.js';
import { openDatabase, type Database } from '../../src/storage/index.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let writing: TestApp;
let other: App;
let otherDatabase: Database;
let otherUrl: string;

beforeAll(async () => {
  writing = await createTestApp();
  // A second instance on the same database whose follower has not woken up yet (its watch is
  // stopped: it reads the change log only when asked to).
  otherDatabase = openDatabase(writing.databaseUrl);
  other = await buildApp({ config: writing.config, database: otherDatabase });
  other.changes.stop();
  otherUrl = await other.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await other.app.close();
  await otherDatabase.close();
  await writing.close();
});

const frontPage = async (headers: Record<string, string> = {}) => {
  const response = await fetch(`${otherUrl}/`, { headers });
  return { cache: response.headers.get('x-cache'), body: await response.text() };
};

test('a change committed by another instance is never served from the page cache to a request that asks for validation', async () => {
  await createArticles(writing, [articleInput({ title: 'Markets open flat' })]);
  await frontPage();
  expect(await frontPage()).toEqual({ cache: 'HIT', body: expect.stringContaining('Markets open flat') });

  await createArticles(writing, [articleInput({ title: 'Central bank cuts rates' })]);
  // The hazard: this instance has not followed the change, and its cache still has the old front page.
  expect((await frontPage()).body).not.toContain('Central bank cuts rates');

  const validated = await frontPage({ 'cache-control': 'no-cache' });
  expect(validated.cache).toBe('MISS');
  expect(validated.body).toContain('Central bank cuts rates');
  expect(await frontPage()).toEqual({ cache: 'HIT', body: expect.stringContaining('Central bank cuts rates') });
  // A request that asks for validation when nothing changed is still a hit.
  expect((await frontPage({ 'cache-control': 'max-age=0, no-cache' })).cache).toBe('HIT');
});
