import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { createUser } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// The desk in Chromium: the dashboard and the story list at desktop and phone widths, and one
// pass by keyboard alone (to New story, filtering the list, selecting stories for a bulk action).
// CSP is bypassed only so axe-core can be injected.
describe.skipIf(!canRunBrowser)('the editorial desk in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let email: string;

  beforeAll(async () => {
    site = await createTestApp();
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    ({ email } = await createUser(site, { role: 'editor' }));
    await createArticles(site, [
      articleInput({ uri: 'urn:test:e2e:1', title: 'Copper climbs on supply worries', section: 'markets' }),
      articleInput({ uri: 'urn:test:e2e:2', title: 'Chip makers report record orders', section: 'industries' }),
      articleInput({ uri: 'urn:test:e2e:3', title: 'A draft on bank capital', status: 'in_review', publishedAt: null }),
    ]);
  });
  afterAll(async () => site?.close());

  for (const width of [1280, 360]) {
    test(`the dashboard and the story list at ${width} px`, async () => {
      const browser: { context: BrowserContext; close: () => Promise<void> } = await launchBrowser({ viewport: { width, height: 900 }, bypassCSP: true });
      try {
        const page = await signInInBrowser(browser.context, baseUrl, email);
        await page.goto(`${baseUrl}/newsroom/`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
        expect(await page.getByRole('heading', { name: /In review/ }).isVisible()).toBe(true);
        expect(await accessibilityViolations(page)).toEqual([]);
        // Nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        if (width === 360) {
          await page.getByText('Menu', { exact: true }).click();
        }
        await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Stories' }).click();
        await page.waitForURL(/\/newsroom\/stories\/$/);
        expect(await page.getByRole('link', { name: 'Copper climbs on supply worries' }).isVisible()).toBe(true);
        expect(await accessibilityViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      } finally {
        await browser.close();
      }
    });
  }

  test('by keyboard alone: New story from the dashboard, a filtered list, a bulk move', async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const page = await signInInBrowser(browser.context, baseUrl, email);
      await page.goto(`${baseUrl}/newsroom/`);
      const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      let presses = 0;
      while ((await focusedText()) !== 'New story' && presses < 40) {
        await page.keyboard.press('Tab');
        presses += 1;
      }
      expect(await focusedText()).toBe('New story');

      await page.goto(`${baseUrl}/newsroom/stories/`);
      await page.getByLabel('Search headlines, deks and teasers').focus();
      await page.keyboard.type('copper');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?q=copper/);
      expect(await page.getByRole('link', { name: 'Chip makers report record orders' }).count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByLabel('Select “Copper climbs on supply worries”').focus();
      await page.keyboard.press('Space');
      await page.getByLabel('Action').focus();
      await page.getByLabel('Action').selectOption('move');
      await page.getByLabel('Section (for Move)').selectOption('business');
      await page.getByRole('button', { name: 'Apply to selected' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/newsroom\/stories\/bulk$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Move to section: 1 done, 0 refused');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Back to the story list' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?q=copper/);
    } finally {
      await browser.close();
    }
  });
});
