import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { loadDemoContent } from '../../src/demo/load-demo.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations } from '../support/accessibility.js';


describe.skipIf(!canRunBrowser)('searching the site in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    site = await createTestApp();
    const now = new Date('2026-11-29T08:00:00Z');
    await loadDemoContent(site.writer, { now, timeZone: site.config.siteTimeZone, audit: recordAudit });
    await createArticles(
      site,
      [articleInput({ title: 'Quillmark Freight expands its Rotterdam hub', bodyHtml: '<p>The logistics group said the new warehouse opens in spring.</p>', publishedAt: '2026-11-28T10:00:00Z' })],
      now,
    );
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => site?.close());

  test('with JavaScript off, a reader types in the header’s search box and sees the story, its words marked; then narrows by section and sorts by date', async () => {
    const browser = await launchBrowser({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${baseUrl}/markets/`);
      const box = page.getByRole('search', { name: 'Site search' }).getByRole('searchbox', { name: 'Search stories' });
      await box.fill('Quillmark warehouse');
      await box.press('Enter');
      await page.waitForURL(/\/search\/\?q=Quillmark\+warehouse$/);
      await expect(page.locator('h1').innerText()).resolves.toBe('Search');
      const results = page.locator('ol.search-results > li');
      await expect(results.count()).resolves.toBe(1);
      await expect(results.getByRole('link', { name: 'Quillmark Freight expands its Rotterdam hub' }).isVisible()).resolves.toBe(true);
      await expect(results.locator('mark').allInnerTexts()).resolves.toEqual(['warehouse']);

      // The page's own form keeps the words; a section and the date sort narrow the search.
      const form = page.getByRole('search', { name: 'Search stories' });
      await expect(form.getByRole('searchbox', { name: 'Search stories' }).inputValue()).resolves.toBe('Quillmark warehouse');
      await form.getByRole('searchbox', { name: 'Search stories' }).fill('bank');
      await form.getByLabel('Section').selectOption('markets');
      await form.getByLabel('Sort by').selectOption('date');
      await form.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/section=markets/);
      const sections = await page.locator('ol.search-results .kicker').allTextContents();
      expect(sections.length).toBeGreaterThan(0);
      expect(new Set(sections)).toEqual(new Set(['Markets']));
      const times = await page.locator('ol.search-results time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')!));
      expect(times).toEqual([...times].sort().reverse());

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    } finally {
      await browser.close();
    }
  });

  test('search pages have no axe-core violations, in light and dark', async () => {
    // The reader site's CSP allows no script at all: the checker is injected past it.
    const browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const page = await browser.context.newPage();
      const violations: Record<string, string[]> = {};
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const path of ['/search/', '/search/?q=bank+rates', '/search/?q=the', '/search/?q=zanzibar']) {
          await page.goto(baseUrl + path);
          violations[`${scheme} ${path}`] = await accessibilityViolations(page);
        }
      }
      expect(Object.values(violations).flat().length, JSON.stringify(violations, null, 1)).toBe(0);
      // The results page really had marked words to check.
      await page.goto(`${baseUrl}/search/?q=bank+rates`);
      await expect(page.locator('mark').count()).resolves.toBeGreaterThan(0);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
