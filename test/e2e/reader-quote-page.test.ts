// A quote page in Chromium at a phone's and a desktop's size, in the light and the dark theme:
// axe-core finds nothing, nothing scrolls sideways, and the chart is on screen, filling its column
// up to its cap (about 36rem) so its labels stay readable. Screenshots go to .tmp/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoDailyBars, demoTicks } from '../../src/markets/demo/demo-walk.js';
import { storeDailyBars, storeQuotes } from '../../src/markets/quotes/index.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { insertTestInstrument } from '../support/instruments.js';
import { createTestClock } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

const SCREENSHOTS = join(process.cwd(), '.tmp', 'screenshots');
const PAGE = '/markets/quote/HALD/';

describe.skipIf(!canRunBrowser)('a quote page in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  // Friday 1 May 2026, 11:00 in New York: the market is open.
  const clock = createTestClock('2026-05-01T15:00:00.000Z');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    site = await createTestApp({}, { clock });
    await insertTestInstrument(site.database.db, { symbol: 'HALD', name: 'Halden Motors Inc', mic: 'XNYS' });
    const halden = { symbol: 'HALD', mic: 'XNYS', kind: 'equity', decimals: 2, startPrice: 42 } as const;
    await storeDailyBars(site.writer, 'HALD', demoDailyBars(halden, 1, '2021-05-03', '2026-04-30'), { source: 'demo', delayMinutes: null, now: clock.now() });
    const ticks = demoTicks(halden, 1, new Date('2026-05-01T13:30:00Z'), clock.now(), 5).map((tick) => ({ symbol: tick.symbol, time: tick.at, price: tick.price, dayVolume: tick.dayVolume, delayMinutes: tick.delayMinutes }));
    await storeQuotes(site.writer, ticks, { source: 'demo', now: clock.now() });
    await createArticles(site, [articleInput({ title: 'Halden Motors raises its outlook', tags: [{ kind: 'ticker', name: 'HALD' }] })]);
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => site?.close());

  for (const viewport of [{ name: 'mobile', width: 360, height: 740 }, { name: 'desktop', width: 1280, height: 800 }]) {
    test(`at ${viewport.name} size (${viewport.width} × ${viewport.height}): no axe violations in either theme, no sideways scroll, the chart on screen at a readable width`, async () => {
      const browser = await launchBrowser({ viewport: { width: viewport.width, height: viewport.height }, bypassCSP: true });
      try {
        const page = await browser.context.newPage();
        const violations: Record<string, string[]> = {};
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const path of [PAGE, `${PAGE}?range=5Y`]) {
            await page.goto(baseUrl + path);
            violations[`${scheme} ${path}`] = await accessibilityViolations(page);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${scheme} ${path} scrolls sideways`).toBeLessThanOrEqual(0);
            const chart = page.getByRole('img', { name: path.endsWith('5Y') ? 'Halden Motors Inc, 5 years' : 'Halden Motors Inc, 1 day' });
            await expect(chart.isVisible()).resolves.toBe(true);
            const box = (await chart.boundingBox())!;
            expect(box.x).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
            // Fills the phone's column; capped near 36rem (576 px) on a desktop.
            expect(box.width).toBeGreaterThanOrEqual(Math.min(viewport.width - 40, 560));
            expect(box.width).toBeLessThanOrEqual(580);
            await page.screenshot({ path: join(SCREENSHOTS, `quote-page-${viewport.name}-${scheme}${path.endsWith('5Y') ? '-5y' : ''}.png`), fullPage: true });
          }
        }
        expect(Object.values(violations).flat(), JSON.stringify(violations, null, 1)).toEqual([]);
        // The range links move the chart; the table opens from its summary.
        await page.goto(baseUrl + PAGE);
        await page.getByRole('navigation', { name: 'Chart range' }).getByRole('link', { name: '1M' }).click();
        await expect(page.getByRole('img', { name: 'Halden Motors Inc, 1 month' }).isVisible()).resolves.toBe(true);
        await page.getByText('Chart data as a table').click();
        await expect(page.getByRole('table', { name: 'Halden Motors Inc, 1 month' }).isVisible()).resolves.toBe(true);
        await page.close();
      } finally {
        await browser.close();
      }
    });
  }
});
