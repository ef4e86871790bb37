/**
 * The story editor in Chromium (issue 14): live length advice and previews, Ctrl+S, the warning
 * before leaving with unsaved changes, and the message when someone else saved meanwhile (two
 * browsers, two editors). axe-core on the editor as it changes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { createTestClock, createUser } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** Records the beforeunload prompts the page raises (and stays on the page), so a test can ask whether one came. */
function watchLeavePrompts(page: Page): string[] {
  const prompts: string[] = [];
  page.on('dialog', (dialog) => {
    prompts.push(dialog.type());
    void dialog.dismiss();
  });
  return prompts;
}

describe.skipIf(!canRunBrowser)('the story editor in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browsers: Browser[] = [];
  const accounts = { editor: '', colleague: '' };

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'UTC' }, { clock: createTestClock('2026-11-29T10:00:00.000Z') });
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    accounts.editor = (await createUser(site, { role: 'editor', name: 'Erin Editor' })).email;
    accounts.colleague = (await createUser(site, { role: 'editor', name: 'Colin Colleague' })).email;
    // Two browsers: two people, two sessions. bypassCSP lets the test inject axe-core; the pages still send their CSP.
    browsers = [await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true }), await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true })];
  });
  /** A page of the browser's signed-in person (signing in first if its profile has no session yet). */
  async function openSignedIn(browser: Browser, email: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/newsroom/`);
    if (!page.url().includes('/sign-in/')) return page;
    await page.close();
    return signInInBrowser(browser.context, baseUrl, email);
  }

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await site?.close();
  });

  test('length advice and previews follow the typing; Ctrl+S saves; leaving warns only while something is unsaved', async () => {
    const page = await openSignedIn(browsers[0]!, accounts.editor);
    const prompts = watchLeavePrompts(page);
    await page.goto(`${baseUrl}/newsroom/stories/new/`);
    await page.getByRole('textbox', { name: 'Body' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    const headline = 'Copper climbs to a two-year high';
    await page.getByLabel('Title').fill(headline);
    const titleAdvice = page.locator('#field-title-count');
    await expect(titleAdvice.textContent()).resolves.toBe(`${headline.length} of 70 characters (search results show about 70)`);
    // The advice is read with the field; the previews show the headline as typed.
    await expect(page.getByLabel('Title').getAttribute('aria-describedby')).resolves.toContain('field-title-count');
    const previews = page.getByRole('region', { name: 'Previews' });
    await expect(previews.locator('.ed-serp-title').textContent()).resolves.toBe(headline);
    await expect(previews.locator('.ed-card-title').textContent()).resolves.toBe(headline);
    await expect(previews.locator('.ed-serp-address').textContent()).resolves.toBe('news.test › Markets › copper-climbs-to-a-two-year-high');

    // Past the limit: said once, politely, not on every keystroke.
    const longHeadline = `${headline} as Chilean mines strike and Chinese smelters restock ahead of winter`;
    await page.getByLabel('Title').fill(longHeadline);
    await expect(titleAdvice.textContent()).resolves.toBe(`${longHeadline.length} of 70 characters: ${longHeadline.length - 70} over (search results show about 70)`);
    await expect(titleAdvice.getAttribute('class')).resolves.toContain('ed-count-over');
    const announcer = page.locator('form.story-editor p[aria-live="polite"].nr-visually-hidden');
    await expect(announcer.textContent()).resolves.toBe(`Title: ${longHeadline.length} of 70 characters: ${longHeadline.length - 70} over (search results show about 70)`);
    await page.getByLabel('Title').press('End');
    await page.keyboard.type('!');
    await expect(announcer.textContent(), 'no new announcement while it stays over').resolves.toBe(`Title: ${longHeadline.length} of 70 characters: ${longHeadline.length - 70} over (search results show about 70)`);
    await page.getByLabel('Title').fill(headline);

    // The description follows the teaser, else the dek, else the body.
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.click();
    await page.keyboard.type('Copper rose for a fifth day on Friday as supply from the largest mines slowed.');
    await expect(previews.locator('.ed-serp-description').textContent()).resolves.toBe('Copper rose for a fifth day on Friday as supply from the largest mines slowed.');
    await page.getByLabel('Dek').fill('Supply worries lift the metal.');
    await expect(previews.locator('.ed-card-description').textContent()).resolves.toBe('Supply worries lift the metal.');
    await page.getByLabel('Teaser').fill('Copper hit its highest price in two years.');
    await expect(previews.locator('.ed-serp-description').textContent()).resolves.toBe('Copper hit its highest price in two years.');
    await expect(page.locator('#field-excerpt-count').textContent()).resolves.toBe('42 of 160 characters (search results show about 160)');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Leaving a new story with text in it asks first (and staying keeps it).
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => prompts).toEqual(['beforeunload']);
    expect(new URL(page.url()).pathname).toBe('/newsroom/stories/new/');

    // Ctrl+S on a new story saves it as a draft (no prompt: the form is what leaves).
    await page.keyboard.press('Control+s');
    await page.waitForURL(/\/newsroom\/stories\/\d+\/edit\?done=created/);
    expect(prompts).toEqual(['beforeunload']);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Story created as a draft.');
    const id = Number(/stories\/(\d+)\//.exec(page.url())![1]);

    // On a draft, Ctrl+S saves in place; afterwards leaving asks nothing.
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Traders expect more gains.');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('#autosave-status').textContent()).toMatch(/^Saved at /);
    const saved = await site.database.db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved.body_html).toContain('Traders expect more gains.');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/newsroom\/$/);
    expect(prompts).toEqual(['beforeunload']);
    await page.close();
  }, 120_000);

  test('on a phone the settings panel starts folded, below the story, and opens from its summary', async () => {
    const page = await openSignedIn(browsers[0]!, accounts.editor);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/newsroom/stories/new/`);
    await page.getByRole('textbox', { name: 'Body' }).waitFor();
    const settings = page.locator('details.ed-panel-details');
    await expect(settings.evaluate((details) => (details as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(page.getByLabel('Section').isVisible()).resolves.toBe(false);
    await page.getByText('Story settings', { exact: true }).click();
    await expect(page.getByLabel('Section').isVisible()).resolves.toBe(true);
    // The action bar stays in view at the bottom while the page scrolls.
    const bar = await page.getByRole('group', { name: 'Story actions' }).boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(844 + 1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  test('when someone else saved meanwhile, the editor says who and when, and keeps the text typed', async () => {
    const mine = await openSignedIn(browsers[0]!, accounts.editor);
    await mine.goto(`${baseUrl}/newsroom/stories/new/`);
    await mine.getByLabel('Title').fill('Refiners cut runs as margins shrink');
    await mine.getByRole('button', { name: 'Save draft' }).click();
    await mine.waitForURL(/\/edit\?done=created/);
    const editUrl = mine.url().replace(/\?.*$/, '');

    // A colleague, in another browser, opens the same draft and saves a change.
    const theirs = await openSignedIn(browsers[1]!, accounts.colleague);
    await theirs.goto(editUrl);
    await theirs.getByLabel('Title').fill('Refiners cut runs as margins shrink to a decade low');
    await theirs.getByRole('button', { name: 'Save draft' }).click();
    await theirs.waitForURL(/done=save/);

    // Meanwhile I keep typing, then save.
    await mine.getByLabel('Title').fill('Refiners trim runs as margins shrink');
    await mine.keyboard.press('Control+s');
    const alert = mine.getByRole('alert');
    await alert.waitFor();
    await expect(alert.getByRole('heading').textContent()).resolves.toBe('Someone else saved this story');
    await expect(alert.textContent()).resolves.toContain('Colin Colleague saved this story at 2026-11-29 10:00');
    await expect(alert.getByRole('link', { name: 'See the revisions and what changed' }).getAttribute('href')).resolves.toMatch(/\/newsroom\/stories\/\d+\/revisions\/$/);
    await expect(mine.getByLabel('Title').inputValue()).resolves.toBe('Refiners trim runs as margins shrink');
    await expect(mine.locator('#autosave-status').textContent()).resolves.toBe('Not saved: someone else saved this story meanwhile.');
    expect(await accessibilityViolations(mine)).toEqual([]);
    const stored = await site.database.db.selectFrom('articles').select('title').where('title', 'like', 'Refiners%').executeTakeFirstOrThrow();
    expect(stored.title).toBe('Refiners cut runs as margins shrink to a decade low');

    // Without JavaScript's help the form post says the same: the button posts the stale revision.
    await mine.getByRole('button', { name: 'Save draft' }).click();
    await mine.waitForLoadState();
    await expect(mine.getByRole('alert').first().textContent()).resolves.toContain('Colin Colleague saved this story');
    await expect(mine.getByLabel('Title').inputValue()).resolves.toBe('Refiners trim runs as margins shrink');
    expect(await accessibilityViolations(mine)).toEqual([]);
  }, 120_000);
});
