/**
 * Quotes never purge article pages (issue 13: "quote changes never purge article pages"): pushed
 * quotes, imported history and the tick prune leave every cached reader page in place. A quote
 * change records only its instruments' `quote:SYMBOL` keys, which no article page carries.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { storeDailyBars } from '../../src/markets/quotes/index.js';
import { issueApiKey } from '../../src/newsroom/api-keys/index.js';
import { insertTestInstrument } from '../support/instruments.js';
import { createTestClock } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { articlePathOf } from '../support/two-instances.js';

let site: TestApp;
const clock = createTestClock('2026-05-01T20:00:00.000Z');

beforeAll(async () => {
  site = await createTestApp({}, { clock });
  await createArticles(site, [articleInput({ uri: 'urn:test:halden', title: 'Halden Motors beats forecasts', section: 'Markets', tags: [{ kind: 'ticker', name: 'HALD' }] })]);
  await insertTestInstrument(site.database.db, { symbol: 'HALD' });
});
afterAll(() => site.close());

test('pushing quotes and importing history purge no article page, nor any other reader page', async () => {
  const story = await site.database.db.selectFrom('articles').select('id').where('uri', '=', 'urn:test:halden').executeTakeFirstOrThrow();
  const pages = [await articlePathOf(site.database, Number(story.id)), '/', '/markets/', '/topic/hald/', '/feed.xml'];
  for (const url of pages) expect((await site.app.inject({ url })).statusCode, url).toBe(200);
  const cachedBefore = pages.filter((url) => site.cache.get(url) !== undefined);
  expect(cachedBefore).toContain(pages[0]);
  const purged: string[] = [];
  site.cache.addPurgeListener((keys) => purged.push(...keys));

  const { secret } = await issueApiKey(site.database.db, { name: 'Vendor', pushQuotes: 'on' }, { actorUserId: null, now: clock.now() });
  for (let minute = 0; minute < 5; minute += 1) {
    const response = await site.app.inject({
      method: 'POST',
      url: '/api/v1/markets/quotes',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      payload: { quotes: [{ symbol: 'HALD', time: `2026-05-01T19:0${minute}:00Z`, price: 42 + minute / 10 }] },
    });
    expect(JSON.parse(response.body).stored).toBe(1);
  }
  await storeDailyBars(site.writer, 'HALD', [{ day: '2026-04-30', open: 41, high: 42, low: 40, close: 41.5, adjClose: null, volume: 100 }], { source: 'csv', delayMinutes: null, now: clock.now() });

  // The change log was followed (the writer's own commits are read before it answers): only quote keys came through.
  expect(new Set(purged)).toEqual(new Set(['quote:HALD']));
  expect(pages.filter((url) => site.cache.get(url) !== undefined)).toEqual(cachedBefore);
});
