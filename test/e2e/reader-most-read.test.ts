import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { BROWSER_USER_AGENT, rankMostReadNow } from '../support/most-read.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { articlePathOf } from '../support/two-instances.js';

describe.skipIf(!canRunBrowser)('the "Most read" block in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  const path: Record<string, string> = {};

  beforeAll(async () => {
    site = await createTestApp();
    await createArticles(site, [
      articleInput({ uri: 'urn:e:1', title: 'Copper hits a record', section: 'Markets' }),
      articleInput({ uri: 'urn:e:2', title: 'Oil slides on supply news', section: 'Markets' }),
      articleInput({ uri: 'urn:e:3', title: 'Retailers brace for the holidays', section: 'Business' }),
    ]);
    for (const row of await site.database.db.selectFrom('articles').select(['id', 'uri']).execute()) path[row.uri] = await articlePathOf(site.database, Number(row.id));
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // Headless Chromium says HeadlessChrome, which is not counted: this reader presents a desktop browser's user agent.
    browser = await launchBrowser({ javaScriptEnabled: false, userAgent: BROWSER_USER_AGENT, viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('what readers read shows on the front page and its section front, most read first, and leads to the story', async () => {
    const readElsewhere = async (uri: string) => expect((await fetch(baseUrl + path[uri], { headers: { 'user-agent': BROWSER_USER_AGENT } })).status).toBe(200);
    expect(await (await fetch(baseUrl + '/')).text()).not.toContain('Most read');

    // This reader reads each story once (a browser keeps a page it has for a minute: going back is no new view).
    const page = await browser.context.newPage();
    for (const uri of ['urn:e:2', 'urn:e:3', 'urn:e:1']) await page.goto(baseUrl + path[uri]);
    // Others read Oil twice more and Retailers once more.
    for (const uri of ['urn:e:2', 'urn:e:2', 'urn:e:3']) await readElsewhere(uri);
    await rankMostReadNow(site);

    await page.goto(baseUrl + '/');
    const block = page.getByRole('region', { name: 'Most read' });
    await expect(block.getByRole('listitem').allInnerTexts()).resolves.toEqual(['Oil slides on supply news', 'Retailers brace for the holidays', 'Copper hits a record']);
    // Beside the latest stories on a wide screen, as part of the right-hand column.
    const [blockBox, latestBox] = await Promise.all([block.boundingBox(), page.getByRole('region', { name: 'Latest' }).boundingBox()]);
    expect(blockBox!.x).toBe(latestBox!.x);
    expect(blockBox!.y).toBeGreaterThan(latestBox!.y);

    await block.getByRole('link', { name: 'Oil slides on supply news' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Oil slides on supply news');

    await page.goto(baseUrl + '/markets/');
    await expect(page.getByRole('region', { name: 'Most read' }).getByRole('listitem').allInnerTexts()).resolves.toEqual(['Oil slides on supply news', 'Copper hits a record']);
    await page.goto(baseUrl + '/business/');
    await expect(page.getByRole('region', { name: 'Most read' }).getByRole('listitem').allInnerTexts()).resolves.toEqual(['Retailers brace for the holidays']);
    await page.close();
  });
});
