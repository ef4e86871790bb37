import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { articlePath } from '../../src/content/articles/index.js';
import { createStripInstruments } from '../../src/markets/strip/index.js';
import { createSitePages } from '../../src/site/site-pages.js';
import { loadStylesheet } from '../../src/site/stylesheet.js';
import type { Database } from '../../src/storage/index.js';
import { insertTestInstrument } from '../support/instruments.js';
import { articleInput, createArticles, createTestApp, stopBackgroundWriters, type TestApp } from '../support/test-app.js';

/** Counts the queries each page render runs, at two archive sizes: the counts must not grow with the data (no N+1). */
describe('queries per page render', () => {
  let site: TestApp;
  let counted: Database;
  let queries = 0;

  async function countsFor(pages: ReturnType<typeof createSitePages>, article: string) {
    const count = async (render: () => Promise<unknown>) => {
      queries = 0;
      await render();
      return queries;
    };
    const [urlDate, slug] = [article.split('/').slice(1, 4).join('-'), article.split('/')[4]!];
    return {
      front: await count(() => pages.front()),
      section: await count(() => pages.section('markets', 1)),
      topic: await count(() => pages.topic('shared-topic', 1)),
      author: await count(() => pages.author('writer-one', 1)),
      article: await count(() => pages.article(urlDate, slug)),
    };
  }

  const story = (i: number, tags: number) =>
    articleInput({
      uri: `urn:test:count-${i}`,
      title: `Counting story ${i}`,
      bylines: ['Writer One', `Writer ${i + 2}`],
      tags: [{ kind: 'topic', name: 'Shared topic' }, ...Array.from({ length: tags }, (_, t) => ({ kind: 'topic' as const, name: `Topic ${t}` }))],
      publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    });

  beforeAll(async () => {
    site = await createTestApp();
    // A second connection in this process: the app may not write in the background (see stopBackgroundWriters).
    await stopBackgroundWriters(site);
    // Every page shows the ticker strip.
    await insertTestInstrument(site.database.db, { symbol: 'CNT', stripPosition: 1 });
    counted = await openReadyDatabase({ databaseUrl: site.databaseUrl }, { onQuery: () => (queries += 1) });
  });
  afterAll(async () => {
    await counted?.close();
    await site.close();
  });

  const pagesWith = (strip = createStripInstruments(counted.db)) =>
    createSitePages({ db: counted.db, searchIndex: counted.searchIndex, siteUrl: 'http://news.test', timeZone: 'UTC', language: 'en', stylesheet: loadStylesheet(), strip });

  test('stay the same from 3 stories to 60 stories with many tags and bylines', async () => {
    // The strip is read once, as the app does on its first page; then kept (see below).
    const strip = createStripInstruments(counted.db);
    await strip.list();
    const pages = pagesWith(strip);
    await createArticles(site, [0, 1, 2].map((i) => story(i, 2)));
    const small = await countsFor(pages, articlePath({ urlDate: '2024-01-01', slug: 'counting-story-1' }));
    await createArticles(site, Array.from({ length: 57 }, (_, i) => story(i + 3, 8)));
    const large = await countsFor(pages, articlePath({ urlDate: '2024-01-01', slug: 'counting-story-30' }));
    expect(large).toEqual(small);
    // And they are small: a page is a handful of queries, not one per story (11: every page now
    // also reads the breaking-news banner; the article page is the largest).
    for (const [page, n] of Object.entries(large)) expect(n, page).toBeLessThanOrEqual(11);
  });

  test("the ticker strip's instruments cost one query after start and after a strip change, none per page", async () => {
    const strip = createStripInstruments(counted.db);
    const pages = pagesWith(strip);
    const count = async () => {
      queries = 0;
      const page = await pages.front();
      expect(page.body).toContain('/markets/quote/CNT/');
      return queries;
    };
    const first = await count();
    expect(await count()).toBe(first - 1);
    expect(await count()).toBe(first - 1);
    strip.forget();
    expect(await count()).toBe(first);
  });
});
