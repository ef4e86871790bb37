import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { issueSetupToken, setupPath } from '../../src/newsroom/index.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { createTestClock } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations } from '../support/accessibility.js';


describe.skipIf(!canRunBrowser)('newsroom accounts in Chromium', () => {
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

  test('setup, users and sign-in pages: errors shown by the fields, what was typed kept, no axe violations', async () => {
    const page = await browser.context.newPage();
    const token = (await issueSetupToken(site.database.db, new Date()))!;
    await page.goto(baseUrl + setupPath(token));
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Your name').fill('Olive Owner');
    await page.getByLabel('Email address').fill('olive@');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Olive Owner');
    await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByText('There is a problem').isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Email address').fill('olive@news.test');
    await page.getByLabel('Password', { exact: true }).fill('a long owner password');
    await page.getByLabel('Password again').fill('a long owner password');
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.waitForURL(/\/newsroom\/$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Dashboard');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(/\/newsroom\/users\/$/);
    await page.getByLabel('Name', { exact: true }).fill('Cora Contributor');
    await page.getByLabel('Email address').fill('olive@news.test');
    await page.getByLabel('First password').fill('a long first password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByText('An account with this email address already exists.').first().isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Cora Contributor');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Email address').fill('cora@news.test');
    await page.getByLabel('First password').fill('a long first password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('The user was added.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('user.created');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/newsroom/users/`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/sign-in/);
    await expect(page.getByRole('status').innerText()).resolves.toContain('You have signed out.');
    await page.getByLabel('Email address').fill('cora@news.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('do not match');
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('cora@news.test');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Password').fill('a long first password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/newsroom\/$/);
    await expect(page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
    await page.close();
  });
});
