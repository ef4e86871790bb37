import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { createSignedInUser, createUser } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { checkHtml } from '../support/nu-html-checker.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '../support/webhook-receiver.js';
import { accessibilityViolations } from '../support/accessibility.js';


describe.skipIf(!canRunBrowser)('webhooks in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let receiver: WebhookReceiver;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    // The real clock: the receiver checks each delivery's timestamp against its own.
    site = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    receiver = await startWebhookReceiver();
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // Plain forms: the pages work with no script (axe is injected through the protocol).
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await site?.close();
  });

  test('an admin registers an endpoint, a publish is delivered and listed, and "Send again" sends it once more', async () => {
    const { email } = await createUser(site, { role: 'admin' });
    const page = await signInInBrowser(browser.context, baseUrl, email);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(/\/newsroom\/webhooks\/$/);
    await expect(page.locator('main').innerText()).resolves.toContain('No endpoints yet.');
    expect(await accessibilityViolations(page)).toEqual([]);

    // No address: the field says so.
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    await expect(page.getByLabel('Address').getAttribute('aria-invalid')).resolves.toBe('true');
    const refusedPage = await page.content();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Address').fill(`${receiver.baseUrl}/fortune-sky`);
    await page.getByLabel(/^article\.corrected/).uncheck();
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    await expect(page.getByRole('heading', { name: /^Signing secret for/ }).isVisible()).resolves.toBe(true);
    const secret = await page.getByLabel('Signing secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    const registeredPage = await page.content();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expect(page.locator('main table').innerText()).resolves.toContain('article.published, article.updated, article.unpublished');

    const editor = await createSignedInUser(site, 'editor');
    const storyId = await createStoryAs(site, editor, { title: 'Lithium miners rally' });
    expect((await pressEditorButton(site, editor, storyId, 'publish', { title: 'Lithium miners rally' })).statusCode).toBe(303);
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(verifyWebhook(secret, receiver.received[0]!)).toMatchObject({ type: 'article.published', data: { id: storyId, title: 'Lithium miners rally' } });

    await page.getByRole('link', { name: `${receiver.baseUrl}/fortune-sky` }).click();
    await page.waitForURL(/\/newsroom\/webhooks\/\d+\/$/);
    const deliveries = page.getByRole('region', { name: 'Deliveries' });
    await expect(deliveries.innerText()).resolves.toContain('Delivered (204)');
    await expect(deliveries.innerText()).resolves.toContain(String(receiver.received[0]!.headers['webhook-id']));
    expect(await accessibilityViolations(page)).toEqual([]);

    await deliveries.getByRole('button', { name: 'Send again' }).click();
    await page.waitForURL(/done=resent/);
    await expect(page.getByRole('status').innerText()).resolves.toContain('queued to be sent again');
    await expect.poll(() => receiver.received.length).toBe(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Deliveries' }).locator('tbody tr').count()).resolves.toBe(2);
    const endpointPage = await page.content();
    expect(await accessibilityViolations(page)).toEqual([]);

    const { errors } = checkHtml({ refused: refusedPage, registered: registeredPage, endpoint: endpointPage });
    expect(errors).toEqual([]);
  });
});
