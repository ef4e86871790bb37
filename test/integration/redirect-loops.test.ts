/**
 * A story's former address redirects (301) to where it lives now, and no reader is ever sent in a
 * circle, even by an instance that has not yet read a change another instance committed (its
 * follower wakes within a second). Two ways a circle could form, each checked here:
 *
 * - A stored redirect outliving the change that ends it: a story moves from `a` to `b`, the second
 *   instance keeps `a → b`, then the story takes `a` back; until that instance reads the change,
 *   `b` (rendered fresh) answers `→ a` and `a` (stored) `→ b`. Redirects are therefore never kept.
 * - A render racing a publish: the story is not at its address when the page looks for it, and is
 *   there when the redirect lookup runs a moment later, which then names the asked address itself.
 *   A path never redirects to itself.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findCurrentArticlePath } from '../../src/content/articles/index.js';
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

/** Follows redirects on the second instance by hand, at most `limit` hops; returns each status and path. */
async function follow(path: string, limit = 5): Promise<string[]> {
  const hops: string[] = [];
  for (let next: string | null = path; next !== null && hops.length < limit; ) {
    const response: Response = await fetch(`${otherUrl}${next}`, { redirect: 'manual' });
    await response.arrayBuffer();
    hops.push(`${response.status} ${next}`);
    next = response.status === 301 ? response.headers.get('location') : null;
  }
  return hops;
}

test('a story given its former slug back is reached from the other slug on an instance that has not read the change', async () => {
  const input = articleInput({ slug: 'rates-hold', publishedAt: '2024-05-06T10:00:00Z' });
  await createArticles(writing, [input]);
  await createArticles(writing, [{ ...input, slug: 'rates-hold-steady' }]);
  const moved = await fetch(`${otherUrl}/2024/05/06/rates-hold/`, { redirect: 'manual' });
  expect([moved.status, moved.headers.get('location')]).toEqual([301, '/2024/05/06/rates-hold-steady/']);

  // The newsroom takes the first slug back; the second instance has not read that change yet.
  await createArticles(writing, [{ ...input, slug: 'rates-hold' }]);
  expect(await follow('/2024/05/06/rates-hold-steady/')).toEqual(['301 /2024/05/06/rates-hold-steady/', '200 /2024/05/06/rates-hold/']);
});

test('a redirect is answered afresh each time, by this server and by any cache in front of it', async () => {
  const input = articleInput({ slug: 'oil-slides', publishedAt: '2024-05-07T10:00:00Z' });
  await createArticles(writing, [input]);
  await createArticles(writing, [{ ...input, slug: 'oil-slides-again' }]);
  const answers = [await fetch(`${otherUrl}/2024/05/07/oil-slides/`, { redirect: 'manual' }), await fetch(`${otherUrl}/2024/05/07/oil-slides/`, { redirect: 'manual' })];
  expect(answers.map((answer) => [answer.status, answer.headers.get('x-cache'), answer.headers.get('cache-control')])).toEqual([
    [301, 'MISS', 'no-cache'],
    [301, 'MISS', 'no-cache'],
  ]);
});

test('the lookup of where a story moved never names the address it was asked about (a render that raced its publish)', async () => {
  const input = articleInput({ slug: 'gold-climbs', publishedAt: '2024-05-08T10:00:00Z' });
  await createArticles(writing, [input]);
  // Not found at its address a moment ago (it was being published): the lookup now sees it there.
  expect(await findCurrentArticlePath(writing.database.db, '2024-05-08', 'gold-climbs')).toBeUndefined();
  // A story given a former slug back still has that slug in its history: not a move either.
  await createArticles(writing, [{ ...input, slug: 'gold-climbs-higher' }]);
  await createArticles(writing, [{ ...input, slug: 'gold-climbs' }]);
  expect(await findCurrentArticlePath(writing.database.db, '2024-05-08', 'gold-climbs')).toBeUndefined();
  // An address at another date, or a former slug, still names the story's current path.
  expect(await findCurrentArticlePath(writing.database.db, '2024-05-09', 'gold-climbs')).toBe('/2024/05/08/gold-climbs/');
  expect(await findCurrentArticlePath(writing.database.db, '2024-05-08', 'gold-climbs-higher')).toBe('/2024/05/08/gold-climbs/');
});
