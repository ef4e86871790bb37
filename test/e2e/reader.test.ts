import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { loadDemoContent } from '../../src/demo/load-demo.js';
import { importNinjsFile } from '../../src/ingest/index.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { readSeedExpectation, SEED_NINJS_PATH } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { recordAudit } from '../../src/newsroom/index.js';

const expected = readSeedExpectation();
const seedPath = '/2023/05/26/china-still-hasnt-answered-us-request-for-meeting-with-defense-secretary/';

describe.skipIf(!canRunBrowser)('reading the site in Chromium, with JavaScript off', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: expected.display_time_zone });
    const now = new Date('2026-11-29T08:00:00Z');
    await loadDemoContent(site.writer, { now, timeZone: site.config.siteTimeZone, audit: recordAudit });
    await importNinjsFile(site.writer, SEED_NINJS_PATH, {
      defaults: { language: 'en', source: 'import' },
      context: { now, timeZone: site.config.siteTimeZone, actor: 'test' },
      audit: recordAudit,
    });
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('the seed article reads as the original page: tagline, brand, title, time, teaser, paragraphs', async () => {
    const page = await browser.context.newPage();
    await page.goto(baseUrl + seedPath);
    const text = await page.locator('body').innerText();
    let from = 0;
    for (const entry of [expected.site_tagline, expected.site_brand, expected.title, expected.displayed_time, expected.teaser, ...expected.paragraphs]) {
      const at = text.indexOf(entry, from);
      expect(at, `"${entry.slice(0, 40)}…" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + entry.length;
    }
    await expect(page.title()).resolves.toContain(expected.title);
    await page.close();
  });

  test('a reader goes from the front page to a section, a story and one of its topics', async () => {
    const page = await browser.context.newPage();
    await page.goto(baseUrl + '/');
    expect(await page.locator('main a[href^="/20"]').count()).toBeGreaterThanOrEqual(20);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Internet' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Internet');
    const firstStory = page.locator('main h2 a').first();
    const headline = await firstStory.innerText();
    await firstStory.click();
    await expect(page.locator('h1').innerText()).resolves.toBe(headline);
    await expect(page.getByText('Sample story').isVisible()).resolves.toBe(true);
    const topic = page.getByRole('navigation', { name: 'Topics' }).getByRole('link').first();
    const topicName = await topic.innerText();
    await topic.click();
    await expect(page.locator('h1').innerText()).resolves.toBe(topicName);
    await expect(page.getByRole('link', { name: headline }).count()).resolves.toBeGreaterThanOrEqual(1);
    await page.close();
  });

  test('fits a phone screen without sideways scrolling, and the skip link shows on focus', async () => {
    const page = await browser.context.newPage();
    await page.goto(baseUrl + seedPath);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.x >= 0).toBe(true);
    await page.close();
  });

  test('follows the reader’s dark-mode preference', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(baseUrl + '/');
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).not.toBe(light);
    await page.close();
  });

  test('an unknown address shows the 404 page with a way back', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(baseUrl + '/no/such/page/here/');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    await page.getByRole('link', { name: 'Go to the front page' }).click();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });
});
