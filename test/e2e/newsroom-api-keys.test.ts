import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { createTestClock, createUser } from '../support/newsroom.js';
import { checkHtml } from '../support/nu-html-checker.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations } from '../support/accessibility.js';


describe.skipIf(!canRunBrowser)('Content API keys in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    site = await createTestApp({ API_KEY_RATE_LIMIT: '1234' }, { clock: createTestClock() });
    await createArticles(site, [articleInput({ title: 'A story for partners' })]);
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // Plain forms: the pages work with no script (axe is injected through the protocol).
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const readApi = (secret: string) => fetch(`${baseUrl}/api/v1/articles`, { headers: { authorization: `Bearer ${secret}` } });

  test('an admin issues a key, copies it once, the API honours it, and a revoke refuses it', async () => {
    const { email } = await createUser(site, { role: 'admin' });
    const page = await signInInBrowser(browser.context, baseUrl, email);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(/\/newsroom\/api-keys\/$/);
    await expect(page.locator('main').innerText()).resolves.toContain('No keys yet.');
    expect(await accessibilityViolations(page)).toEqual([]);

    // No name: the field says so, nothing is issued.
    await page.getByRole('button', { name: 'Issue key' }).click();
    await expect(page.getByLabel('For').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('main').innerText()).resolves.toContain('Say who or what the key is for.');

    await page.getByLabel('For').fill('Morning newsletter');
    await page.getByRole('button', { name: 'Issue key' }).click();
    await expect(page.getByRole('heading', { name: 'New key for Morning newsletter' }).isVisible()).resolves.toBe(true);
    const secret = await page.getByLabel('API key').inputValue();
    expect(secret).toMatch(/^fsk_[A-Za-z0-9_-]{43}$/);
    // The markup as served (read before axe's script is added to the page), for the Nu checker below.
    const issuedPage = await page.content();
    expect(await accessibilityViolations(page)).toEqual([]);

    const allowed = await readApi(secret);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('ratelimit-limit')).toBe('1234');
    expect((await allowed.json()).items[0].title).toBe('A story for partners');

    // Shown once: the list names the key by its prefix only.
    await page.goto(`${baseUrl}/newsroom/api-keys/`);
    const listed = await page.locator('main').innerText();
    expect(listed).toContain(`${secret.slice(0, 12)}…`);
    expect(listed).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Revoke the key for Morning newsletter' }).click();
    await page.waitForURL(/done=revoked/);
    await expect(page.getByRole('status').innerText()).resolves.toContain('The key was revoked');
    await expect(page.locator('main').innerText()).resolves.toContain('Revoked');
    const listPage = await page.content();
    expect(await accessibilityViolations(page)).toEqual([]);
    const refused = await readApi(secret);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('API_KEY_REVOKED');

    const { errors } = checkHtml({ issued: issuedPage, list: listPage });
    expect(errors).toEqual([]);
  });

  test('a key issued with "Push market quotes" ticked may push quotes, and the list says so', async () => {
    const { email } = await createUser(site, { role: 'admin' });
    // The test before left its admin signed in in this context.
    await browser.context.clearCookies();
    const page = await signInInBrowser(browser.context, baseUrl, email);
    await page.goto(`${baseUrl}/newsroom/api-keys/`);
    await page.getByLabel('For').fill('Quote vendor');
    await page.getByRole('checkbox', { name: 'Push market quotes' }).check();
    await page.getByRole('button', { name: 'Issue key' }).click();
    const secret = await page.getByLabel('API key').inputValue();
    const pushed = await fetch(`${baseUrl}/api/v1/markets/quotes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ quotes: [{ symbol: 'NOPE', time: '2026-01-05T09:00:00Z', price: 1 }] }),
    });
    expect(pushed.status).toBe(200);
    expect((await pushed.json()).refused[0].field).toBe('symbol');
    await page.goto(`${baseUrl}/newsroom/api-keys/`);
    const row = page.getByRole('row', { name: /Quote vendor/ });
    await expect(row.innerText()).resolves.toContain('Read the Content API, Push market quotes');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  test('the API reference reads without script and has no axe violations, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(`${baseUrl}/api/docs/`);
      await expect(page.locator('h1').innerText()).resolves.toBe('Fortune Sky Content API');
      await page.getByRole('link', { name: 'GET /api/v1/articles', exact: true }).click();
      await expect(page.locator('#listArticles h3').innerText()).resolves.toBe('GET /api/v1/articles');
      expect(await accessibilityViolations(page), colorScheme).toEqual([]);
      await page.close();
    }
  });
});
