import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { issueSetupToken, setupPath } from '../../src/newsroom/accounts/setup-link.js';
import { canRunBrowser, launchBrowser } from '../support/browser.js';
import { createTestClock } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations } from '../support/accessibility.js';

const PASSWORD = 'a long newsroom passphrase';

describe.skipIf(!canRunBrowser)('a newsroom day in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  const clock = createTestClock('2026-11-29T10:00:00.000Z');
  const visited = new Map<string, string[]>();

  async function check(page: Page) {
    visited.set(new URL(page.url()).pathname, await accessibilityViolations(page));
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${baseUrl}/newsroom/sign-in/`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/newsroom\/$/);
  }

  async function signOut(page: Page) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/sign-in/);
  }

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'UTC' }, { clock });
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // bypassCSP lets the test inject axe-core; the pages still send their CSP.
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('owner setup, a contributor files, an editor schedules, publishes and corrects', async () => {
    const page = await browser.context.newPage();

    // The owner opens the one-time setup link the console printed.
    const token = (await issueSetupToken(site.database.db, clock.now()))!;
    await page.goto(baseUrl + setupPath(token));
    await check(page);
    await page.getByLabel('Your name').fill('Olivia Owner');
    await page.getByLabel('Email address').fill('owner@news.test');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await page.waitForURL(/\/newsroom\//);
    await check(page);

    // The owner adds a contributor and an editor.
    for (const [name, email, role] of [
      ['Carla Contributor', 'carla@news.test', 'contributor'],
      ['Eddie Editor', 'eddie@news.test', 'editor'],
    ] as const) {
      await page.goto(`${baseUrl}/newsroom/users/`);
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Role', { exact: true }).selectOption(role);
      await page.getByLabel('First password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Add user' }).click();
      await expect(page.getByText(email).first().isVisible()).resolves.toBe(true);
    }
    await check(page);
    await page.goto(`${baseUrl}/newsroom/sections/`);
    await check(page);
    await signOut(page);

    // The contributor writes a story and submits it for review.
    await signIn(page, 'carla@news.test');
    await check(page);
    await page.goto(`${baseUrl}/newsroom/stories/new/`);
    await page.getByLabel('Title').fill('Harbour cranes idle as dockworkers vote');
    await page.getByLabel('Dek').fill('A two-day stoppage at the container terminal slows exports.');
    const body = page.getByLabel('Body');
    await body.click();
    await body.fill('Dockworkers at the city’s main container terminal voted on Monday to stop work for two days, leaving cranes idle.');
    await page.getByLabel('Section').selectOption({ label: 'Industries' });
    await page.getByLabel('Topics').fill('Shipping, Labor Market');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/newsroom\/stories\/\d+\/edit/);
    await check(page);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.getByText(/in review/i).first().isVisible()).resolves.toBe(true);
    await signOut(page);

    // The editor edits it and schedules it a minute ahead.
    await signIn(page, 'eddie@news.test');
    await page.goto(`${baseUrl}/newsroom/stories/?status=in_review`);
    await check(page);
    await page.getByRole('link', { name: 'Harbour cranes idle as dockworkers vote' }).click();
    await page.getByLabel('Title').fill('Harbour cranes stand idle as dockworkers strike');
    await page.getByLabel('Publish at').fill('2026-11-29T10:01');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await expect(page.getByText(/scheduled/i).first().isVisible()).resolves.toBe(true);

    // Not public yet; a minute later it is, on the front page and its section, without a restart.
    // (Checked on the server: a browser would keep its copy of the front page for max-age.)
    expect((await site.app.inject({ url: '/' })).body).not.toContain('Harbour cranes stand idle as dockworkers strike');
    clock.advance(61_000);
    await site.scheduledPublisher.runDue();
    const reader = await browser.context.newPage();
    for (const path of ['/', '/industries/']) {
      await reader.goto(baseUrl + path);
      await expect(reader.getByRole('link', { name: 'Harbour cranes stand idle as dockworkers strike' }).first().isVisible(), path).resolves.toBe(true);
    }
    await reader.getByRole('link', { name: 'Harbour cranes stand idle as dockworkers strike' }).first().click();
    const articleUrl = reader.url();
    await expect(reader.getByText('Dockworkers at the city’s main container terminal voted on Monday').isVisible()).resolves.toBe(true);

    // The editor issues a correction; the article shows it.
    await page.reload();
    await page.getByRole('textbox', { name: 'Correction' }).fill('An earlier version misstated the length of the stoppage.');
    await page.getByRole('button', { name: 'Add correction' }).click();
    await check(page);
    await reader.goto(articleUrl);
    await reader.reload();
    await expect(reader.getByText('An earlier version misstated the length of the stoppage.').isVisible()).resolves.toBe(true);

    for (const [path, violations] of visited) expect(violations, path).toEqual([]);
    expect(visited.size).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
