// The movers page and the Markets front in Chromium (the pages carry no script; axe-core needs
// JavaScript on to run) at a phone's and a
// desktop's size: axe-core finds nothing, the page never scrolls sideways (the tables scroll in
// their own box), and a reader follows a row to its quote page's address.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { loadDemoContent } from '../../src/demo/load-demo.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { storeDemoPrices } from '../support/demo-prices.js';
import { createTestClock } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];

describe.skipIf(!canRunBrowser)('market pages in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  // A Friday afternoon in New York: every market of the demo set has traded today.
  const clock = createTestClock('2026-11-27T19:00:00.000Z');

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'America/New_York' }, { clock });
    await loadDemoContent(site.writer, { now: clock.now(), timeZone: site.config.siteTimeZone, audit: recordAudit });
    await storeDemoPrices(site.writer, clock.now());
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // axe-core is added as a script: the context bypasses the page's CSP for it.
    browser = await launchBrowser({ bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const path of ['/markets/movers/', '/markets/']) {
    for (const viewport of VIEWPORTS) {
      test(`${path} at ${viewport.width}×${viewport.height}: no accessibility violations, no sideways scrolling`, async () => {
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(baseUrl + path);
          await expect(page.getByRole('table').count()).resolves.toBeGreaterThanOrEqual(path === '/markets/' ? 5 : 8);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, scheme).toBeLessThanOrEqual(0);
          expect(await accessibilityViolations(page), scheme).toEqual([]);
        }
        await page.close();
      });
    }
  }

  test('a reader sees the gainers with their labels and follows one to its quote page', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORTS[0]!);
    await page.goto(baseUrl + '/markets/');
    const data = page.getByRole('complementary', { name: 'Market data' });
    await expect(data.getByRole('table', { name: 'Indices' }).getByRole('rowheader').first().innerText()).resolves.toBe('Fortune Sky 100');
    await expect(data.getByText('Demo data · Real time').first().isVisible()).resolves.toBe(true);
    await data.getByRole('link', { name: 'All market movers' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Market movers');
    const gainers = page.getByRole('table', { name: 'Gainers' });
    const first = gainers.getByRole('rowheader').first().getByRole('link');
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/markets\/quote\/[A-Z0-9]+\/$/);
    // The change reads with its sign, its colour and, for screen readers, in words.
    const change = gainers.getByRole('row').nth(1).locator('.move');
    await expect(change.innerText()).resolves.toMatch(/^▲ \+[\d.,]+ \(\+[\d.]+%\)/);
    await expect(change.textContent()).resolves.toMatch(/\(up [\d.]+ per cent\)$/);
    await expect(change.evaluate((element) => getComputedStyle(element).color)).resolves.not.toBe(await page.locator('body').evaluate((element) => getComputedStyle(element).color));
    // The table box scrolls sideways on a phone, not the page.
    const box = page.locator('.table-scroll').first();
    expect(await box.evaluate((element) => element.scrollWidth >= element.clientWidth)).toBe(true);
    await page.close();
  });
});
