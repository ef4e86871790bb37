/**
 * The ticker strip and quote chips in Chromium (issue 13): the island fills the strip's and an
 * article's chips' prices from the site's price data (under the page's own CSP), the strip scrolls
 * within itself on a 360 px phone without widening the page, focus shows on its links, and axe-core
 * finds nothing on an article page with the strip filled, in light and dark.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeQuotes } from '../../src/markets/quotes/index.js';
import { loadMarketIsland } from '../../src/site/market-island.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { insertTestInstrument } from '../support/instruments.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { articlePathOf } from '../support/two-instances.js';

const STRIP = [
  { symbol: 'FSX100', kind: 'index', name: 'Fortune Sky 100', prices: [4200, 4213.55] },
  { symbol: 'FSTECH', kind: 'index', name: 'Fortune Sky Tech 50', prices: [11500, 11420.2] },
  { symbol: 'EURUSD', kind: 'fx', name: 'Euro / US dollar', prices: [1.12, 1.12] },
  { symbol: 'BRENT', kind: 'commodity', name: 'Brent crude oil', prices: [68, 69.1] },
  { symbol: 'GOLD', kind: 'commodity', name: 'Gold', prices: [1800, 1790.5] },
  { symbol: 'US10Y', kind: 'rate', name: 'US 10-year Treasury yield', prices: [4.2, 4.159] },
] as const;

describe.skipIf(!canRunBrowser)('the market strip and quote chips in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let storyPath: string;

  beforeAll(async () => {
    expect(loadMarketIsland(), 'npm run build:client builds the island').toBeDefined();
    site = await createTestApp();
    const db = site.database.db;
    for (const [index, { symbol, kind, name }] of STRIP.entries()) {
      await insertTestInstrument(db, { symbol, kind, name, mic: kind === 'index' ? 'XNYS' : null, decimals: kind === 'rate' ? 3 : 2, stripPosition: index + 1 });
    }
    await insertTestInstrument(db, { symbol: 'HALD', name: 'Halden Motors Inc' });
    // Two days apart (each its own trading day): the later price has a change against the earlier close.
    const now = Date.now();
    for (const [day, at] of [[0, now - 2 * 24 * 60 * 60_000], [1, now - 60_000]] as const) {
      const quotes = [...STRIP.map(({ symbol, prices }) => ({ symbol, price: prices[day] })), { symbol: 'HALD', price: [42, 42.3][day]! }];
      const report = await storeQuotes(site.writer, quotes.map((quote) => ({ ...quote, time: new Date(at).toISOString(), dayVolume: null, delayMinutes: 0 })), { source: 'demo', now: new Date() });
      expect(report.refused).toEqual([]);
    }
    await createArticles(site, [articleInput({ uri: 'urn:test:e2e:strip', title: 'Halden Motors beats forecasts', tags: [{ kind: 'ticker', name: 'HALD' }] })]);
    const story = await db.selectFrom('articles').select('id').where('uri', '=', 'urn:test:e2e:strip').executeTakeFirstOrThrow();
    storyPath = await articlePathOf(site.database, Number(story.id));
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => site?.close());

  const slot = (page: Page, root: string, symbol: string) => page.locator(`${root} [data-symbol="${symbol}"]`);

  test('at 360 × 740 the island fills the strip and the chips under the page CSP; the strip scrolls within itself, the page never sideways', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      const blocked: string[] = [];
      // Anything the page's CSP refused, and any request of the page's that failed (a browser's own favicon probe aside).
      page.on('console', (message) => message.text().includes('Content Security Policy') && blocked.push(message.text()));
      page.on('response', (response) => response.status() >= 400 && !response.url().endsWith('/favicon.ico') && blocked.push(`${response.status()} ${response.url()}`));
      await page.goto(baseUrl + '/');
      const strip = page.getByRole('navigation', { name: 'Market data' });
      await expect(strip.getByRole('link').allInnerTexts()).resolves.toEqual(['Fortune Sky 100', 'Fortune Sky Tech 50', 'EUR/USD', 'Brent crude oil', 'Gold', 'US 10-year Treasury yield']);
      await slot(page, '[data-strip]', 'FSX100').locator('[data-price]').filter({ hasText: '4,213.55' }).waitFor();
      // An arrow, a sign and words: never colour alone.
      const move = (root: string, symbol: string) => slot(page, root, symbol).locator('[data-move] [aria-hidden="true"]').innerText();
      await expect(move('[data-strip]', 'FSX100')).resolves.toBe('▲ +0.32%');
      await expect(slot(page, '[data-strip]', 'FSX100').locator('[data-move] .visually-hidden').textContent()).resolves.toBe('up 0.32 per cent');
      await expect(slot(page, '[data-strip]', 'GOLD').locator('[data-move]').getAttribute('class')).resolves.toBe('move down');
      await expect(move('[data-strip]', 'US10Y')).resolves.toBe('▼ \u22124.1 bp');
      await expect(move('[data-strip]', 'EURUSD')).resolves.toBe('0.00%');
      const colours = await page.evaluate(() => ['FSX100', 'GOLD'].map((symbol) => getComputedStyle(document.querySelector(`[data-strip] [data-symbol="${symbol}"] [data-move]`)!).color));
      expect(colours[0]).not.toBe(colours[1]);
      // The source and delay beside the prices.
      await expect(strip.locator('[data-source]').innerText()).resolves.toBe('Demo data · Real time');

      const widths = await page.evaluate(() => {
        const list = document.querySelector('[data-strip] ul')!;
        return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, list: list.scrollWidth, listBox: list.clientWidth };
      });
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      expect(widths.list).toBeGreaterThan(widths.listBox);

      // Keyboard focus reaches the strip's links, visibly, and brings a link out of the scrolled part into view.
      let focused = '';
      for (let presses = 0; presses < 40 && focused !== 'US 10-year Treasury yield'; presses += 1) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => (document.activeElement?.closest('[data-strip]') ? (document.activeElement as HTMLElement).innerText : ''));
      }
      expect(focused).toBe('US 10-year Treasury yield');
      const focus = await page.evaluate(() => {
        const link = document.activeElement as HTMLElement;
        const box = link.getBoundingClientRect();
        return { outline: getComputedStyle(link).outlineStyle, isInView: box.left >= 0 && box.right <= window.innerWidth };
      });
      expect(focus).toEqual({ outline: 'solid', isInView: true });

      await page.goto(baseUrl + storyPath);
      const chips = page.getByRole('region', { name: 'Quotes' });
      await expect(chips.getByRole('link').innerText()).resolves.toBe('HALD Halden Motors Inc');
      await slot(page, '[data-quotes]', 'HALD').locator('[data-price]').filter({ hasText: '$42.30' }).waitFor();
      await expect(move('[data-quotes]', 'HALD')).resolves.toBe('▲ +0.71%');
      await expect(chips.locator('[data-source]').innerText()).resolves.toBe('Demo data · Real time');
      await slot(page, '[data-strip]', 'FSX100').locator('[data-price]').filter({ hasText: '4,213.55' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('without JavaScript the strip and the chips are links to quote pages', async () => {
    const browser = await launchBrowser({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(baseUrl + storyPath);
      await expect(page.getByRole('navigation', { name: 'Market data' }).getByRole('link', { name: 'Gold' }).getAttribute('href')).resolves.toBe('/markets/quote/GOLD/');
      await expect(page.getByRole('region', { name: 'Quotes' }).getByRole('link').getAttribute('href')).resolves.toBe('/markets/quote/HALD/');
      await expect(page.locator('[data-price]').allInnerTexts()).resolves.toEqual(Array(STRIP.length + 1).fill(''));
    } finally {
      await browser.close();
    }
  });

  test('axe-core finds nothing on an article page with the strip and chips filled, light and dark, phone and desktop', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 }, bypassCSP: true });
    try {
      const page = await browser.context.newPage();
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
          await page.emulateMedia({ colorScheme });
          await page.setViewportSize(viewport);
          await page.goto(baseUrl + storyPath);
          await slot(page, '[data-strip]', 'GOLD').locator('[data-price]').filter({ hasText: '$1,790.50' }).waitFor();
          await slot(page, '[data-quotes]', 'HALD').locator('[data-price]').filter({ hasText: '$42.30' }).waitFor();
          expect(await accessibilityViolations(page), `${colorScheme} ${viewport.width}`).toEqual([]);
        }
      }
    } finally {
      await browser.close();
    }
  });
});
