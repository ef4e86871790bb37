import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { createSignedInUser, createTestClock } from '../support/newsroom.js';
import { createStoryAs } from '../support/newsroom-stories.js';
import { checkHtml } from '../support/nu-html-checker.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Issue 14's proof for preview links: an editor makes a link from the story editor, a signed-out
// visitor (a browser of their own, with no newsroom cookie) reads the draft under its preview note,
// the editor revokes the link, and the visitor's next load finds nothing. axe on every page.

describe.skipIf(!canRunBrowser)('preview links in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let desk: { context: BrowserContext; close: () => Promise<void> };
  let visitor: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'UTC' }, { clock: createTestClock('2026-06-01T08:00:00.000Z') });
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // bypassCSP lets the test inject axe-core; the pages still send their CSP.
    desk = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    visitor = await launchBrowser({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  });
  afterAll(async () => {
    await visitor?.close();
    await desk?.close();
    await site?.close();
  });

  test('an editor shares a draft, a signed-out visitor reads it marked as a preview, and after the revoke finds nothing', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const storyId = await createStoryAs(site, editor, {
      title: 'Harbour Bank weighs a takeover of Northwind',
      body: '<p>Harbour Bank is weighing an offer for Northwind Savings, people familiar with the talks said.</p>',
      bylines: 'Ana Cruz',
    });

    const page = await signInInBrowser(desk.context, baseUrl, editor.email);
    await page.goto(`${baseUrl}/newsroom/stories/${storyId}/edit`);
    await page.getByRole('link', { name: 'Share a preview link' }).click();
    await page.waitForURL(/\/preview-links\/$/);
    await expect(page.locator('main').innerText()).resolves.toContain('No live links.');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Works for').selectOption({ label: '7 days' });
    await page.getByLabel('Note (optional)').fill('for legal');
    await page.getByRole('button', { name: 'Make a link' }).click();
    await expect(page.getByRole('heading', { name: 'New preview link' }).isVisible()).resolves.toBe(true);
    const link = await page.getByRole('textbox', { name: 'Link to copy' }).inputValue();
    expect(link).toMatch(/^http:\/\/news\.test\/preview\/[A-Za-z0-9_-]{43}\/$/);
    const issuedPage = await page.content();
    expect(await accessibilityViolations(page)).toEqual([]);

    // SITE_URL names the public site; this test's server listens on a port of its own.
    const address = link.replace('http://news.test', baseUrl);
    const reader = await visitor.context.newPage();
    const opened = await reader.goto(address);
    expect(opened?.status()).toBe(200);
    await expect(reader.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Harbour Bank weighs a takeover of Northwind');
    await expect(reader.getByRole('note').innerText()).resolves.toContain('Preview — not published.');
    await expect(reader.locator('main').innerText()).resolves.toContain('Harbour Bank is weighing an offer for Northwind Savings');
    await expect(reader.getByRole('button', { name: /save|publish|edit/i }).count()).resolves.toBe(0);
    expect(await visitor.context.cookies()).toEqual([]);
    const previewPage = await reader.content();
    expect(await accessibilityViolations(reader)).toEqual([]);
    await reader.emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityViolations(reader), 'dark').toEqual([]);

    // The desk sees it opened, and revokes it.
    await page.goto(`${baseUrl}/newsroom/stories/${storyId}/preview-links/`);
    const row = page.getByRole('row', { name: /for legal/ });
    await expect(row.innerText()).resolves.not.toContain('Not yet');
    await page.getByRole('button', { name: 'Revoke the link for for legal' }).click();
    await page.waitForURL(/done=revoked/);
    await expect(page.getByRole('status').innerText()).resolves.toContain('The link was revoked');
    await expect(page.locator('main').innerText()).resolves.toContain('No live links.');
    const listPage = await page.content();
    expect(await accessibilityViolations(page)).toEqual([]);

    const reloaded = await reader.reload();
    expect(reloaded?.status()).toBe(404);
    await expect(reader.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
    await expect(reader.locator('main').innerText()).resolves.toContain('This preview link opens nothing');
    await expect(reader.locator('main').innerText()).resolves.not.toContain('Harbour Bank');
    const notFoundPage = await reader.content();
    expect(await accessibilityViolations(reader)).toEqual([]);

    const { errors } = checkHtml({ issued: issuedPage, list: listPage, preview: previewPage, notFound: notFoundPage });
    expect(errors).toEqual([]);
  });
});
