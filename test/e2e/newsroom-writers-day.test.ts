/**
 * A writer's day through the desk (issue 14, Proof), in Chromium: an author signs in, writes a
 * story from the dashboard, saves it and submits it for review; an editor reviews it and schedules
 * or publishes it; a reader finds it on the site. Once with the pointer, once with the keyboard
 * alone (Tab, Enter, typing; never a click). Elements are found by role and accessible name, not
 * by class, so the desk's markup may change around them. axe-core on every page visited.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { createTestClock, createUser, TEST_PASSWORD } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** How many Tab presses may separate one control from the next one wanted. */
const MAX_TABS = 120;

describe.skipIf(!canRunBrowser)("a writer's day in Chromium", () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const clock = createTestClock('2026-11-29T10:00:00.000Z');
  const people = { author: '', editor: '' };
  async function check(page: Page) {
    expect(await accessibilityViolations(page), new URL(page.url()).pathname).toEqual([]);
  }

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'UTC' }, { clock });
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    people.author = (await createUser(site, { role: 'author', name: 'Ava Author' })).email;
    people.editor = (await createUser(site, { role: 'editor', name: 'Ed Editor' })).email;
    // bypassCSP lets the test inject axe-core; the pages still send their CSP.
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function signOut(page: Page) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/sign-in/);
  }

  test('with the pointer: write, save, submit; review and schedule; the reader finds it', async () => {
    const page = await signInInBrowser(browser.context, baseUrl, people.author);
    await check(page);
    await page.getByRole('link', { name: /new story/i }).first().click();
    await page.waitForURL(/\/newsroom\/stories\/new\/$/);
    await page.getByLabel('Title').fill('Port volumes rebound as shipping lines add calls');
    await page.getByLabel('Dek').fill('Container traffic rose for a second month.');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('Container volumes at the main port rose 6% in November as three shipping lines added calls.');
    await page.getByLabel('Topics').fill('Shipping, Trade');
    await check(page);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/done=created/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Story created as a draft.');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL(/done=submit/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Submitted for review.');
    await check(page);
    await signOut(page);

    // The editor finds it waiting for review on the dashboard and schedules it a minute ahead.
    await page.close();
    const desk = await signInInBrowser(browser.context, baseUrl, people.editor);
    await expect(desk.getByRole('heading', { name: /in review/i }).first().isVisible()).resolves.toBe(true);
    await desk.getByRole('link', { name: 'Port volumes rebound as shipping lines add calls' }).first().click();
    await desk.waitForURL(/\/edit$/);
    await check(desk);
    await desk.getByLabel('Publish at').fill('2026-11-29T10:01');
    await desk.getByRole('button', { name: 'Schedule' }).click();
    await desk.waitForURL(/done=schedule/);
    await expect(desk.getByText('Status: scheduled for 2026-11-29 10:01').isVisible()).resolves.toBe(true);
    expect((await site.app.inject({ url: '/' })).body).not.toContain('Port volumes rebound');

    // A minute later the scheduler publishes it; the reader finds it on the front page.
    clock.advance(61_000);
    await site.scheduledPublisher.runDue();
    const reader = await browser.context.newPage();
    await reader.goto(`${baseUrl}/`);
    await reader.getByRole('link', { name: 'Port volumes rebound as shipping lines add calls' }).first().click();
    await expect(reader.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Port volumes rebound as shipping lines add calls');
    await expect(reader.getByText('Container volumes at the main port rose 6% in November').isVisible()).resolves.toBe(true);
    await check(reader);
    await signOut(desk);
    await Promise.all([desk.close(), reader.close()]);
  }, 180_000);

  test('with the keyboard alone: the same day without a single click', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/newsroom/sign-in/`);
    await signInByKeyboard(page, people.author);
    await tabTo(page, /new story/i);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/newsroom\/stories\/new\/$/);
    await tabTo(page, /^Title$/);
    await page.keyboard.type('Freight rates slip as new ships arrive');
    await tabTo(page, /^Body$/);
    await page.keyboard.type('Spot rates for containers fell for a third week as newly built ships joined the main routes.');
    // Ctrl+S saves the new story as a draft.
    await page.keyboard.press('Control+s');
    await page.waitForURL(/done=created/);
    await tabTo(page, /^Submit for review$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=submit/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Submitted for review.');
    await tabTo(page, /^Sign out$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/sign-in/);

    // The editor opens it from the dashboard and publishes it.
    await signInByKeyboard(page, people.editor);
    await tabTo(page, /^Freight rates slip as new ships arrive$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/edit$/);
    await tabTo(page, /^Publish$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=publish/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Published: the story is live.');
    await check(page);

    // The reader, on its section's front (this browser keeps its own copy of the home page from
    // the first pass for the page's max-age), reaches the story by keyboard.
    const reader = await browser.context.newPage();
    await reader.goto(`${baseUrl}/markets/`);
    await tabTo(reader, /^Freight rates slip as new ships arrive$/);
    await reader.keyboard.press('Enter');
    await reader.waitForURL(/\/2026\/11\/29\/freight-rates-slip-as-new-ships-arrive\/$/);
    await expect(reader.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Freight rates slip as new ships arrive');
    await expect(reader.getByText('Spot rates for containers fell for a third week').first().isVisible()).resolves.toBe(true);
    await check(reader);
    await Promise.all([page.close(), reader.close()]);
  }, 180_000);
});

/** Signs in on the sign-in page by typing only. */
async function signInByKeyboard(page: Page, email: string): Promise<void> {
  await tabTo(page, /^Email address$/);
  await page.keyboard.type(email);
  await tabTo(page, /^Password$/);
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/newsroom\/$/);
}

/** Presses Tab until the focused element's accessible name matches (as a keyboard user moves through a page). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return '';
      const byIds = element.getAttribute('aria-labelledby');
      if (byIds) return byIds.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      const label = (element as HTMLInputElement).labels?.[0]?.textContent;
      return (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`No element named ${name} was reached with ${MAX_TABS} presses of Tab on ${page.url()}.`);
}
