import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { createTestClock, createUser } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.skipIf(!canRunBrowser)('self-service accounts in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    site = await createTestApp({}, { clock: createTestClock() });
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser({ viewport: { width: 1024, height: 800 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('a writer changes their password on their account page, then signs in with the new one', async () => {
    const { user, email, password } = await createUser(site, { role: 'author' });
    const page = await signInInBrowser(browser.context, baseUrl, email, password);
    await page.getByRole('link', { name: `Your account: ${user.name}` }).click();
    await page.waitForURL(/\/newsroom\/account\/$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Your account');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('my brand new password');
    await page.getByLabel('New password again').fill('my brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByLabel('Current password').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByText('That is not your current password.').first().isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password', { exact: true }).fill('my brand new password');
    await page.getByLabel('New password again').fill('my brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('Your password was changed.');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/sign-in/);
    await page.close();
    const again = await signInInBrowser(browser.context, baseUrl, email, 'my brand new password');
    await expect(again.locator('h1').innerText()).resolves.toBe('Dashboard');
    await again.getByRole('button', { name: 'Sign out', exact: true }).click();
    // Closed once the sign-in page has loaded: a page closed mid-navigation can keep Chromium waiting for a minute.
    await again.waitForURL(/sign-in/);
    await expect(again.getByRole('status').innerText()).resolves.toContain('You have signed out.');
    await again.close();
  });

  test('an admin issues a reset link; opened in a fresh browser it sets a new password', async () => {
    const admin = await createUser(site, { role: 'admin' });
    const { user, email } = await createUser(site, { role: 'editor', name: 'Rhea Reset' });
    const page = await signInInBrowser(browser.context, baseUrl, admin.email, admin.password);
    await page.goto(`${baseUrl}/newsroom/users/`);
    await page.getByRole('link', { name: 'Rhea Reset' }).click();
    await page.waitForURL(new RegExp(`/newsroom/users/${user.id}/$`));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Issue a reset link' }).click();
    const link = await page.locator('code.nr-secret').innerText();
    expect(link).toMatch(/^http:\/\/news\.test\/newsroom\/reset\/\?token=/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();

    // Someone else's browser: no session, no cookies.
    const fresh = await launchBrowser({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    try {
      const resetPage = await fresh.context.newPage();
      await resetPage.goto(`${baseUrl}${new URL(link).pathname}${new URL(link).search}`);
      await expect(resetPage.locator('h1').innerText()).resolves.toBe('Choose a new password');
      expect(await accessibilityViolations(resetPage)).toEqual([]);
      await resetPage.getByLabel('New password', { exact: true }).fill('rhea chose this one');
      await resetPage.getByLabel('New password again').fill('rhea chose this one');
      await resetPage.getByRole('button', { name: 'Set new password' }).click();
      await resetPage.waitForURL(/sign-in\/\?reset$/);
      await expect(resetPage.getByRole('status').innerText()).resolves.toContain('Sign in with the new password.');
      expect(await accessibilityViolations(resetPage)).toEqual([]);
      const signedIn = await signInInBrowser(fresh.context, baseUrl, email, 'rhea chose this one');
      await expect(signedIn.locator('h1').innerText()).resolves.toBe('Dashboard');
    } finally {
      await fresh.close();
    }
  });
});
