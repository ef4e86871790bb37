import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { makeImage } from '../support/media.js';
import { createUser } from '../support/newsroom.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';

describe.skipIf(!canRunBrowser)('the upload form in Chromium, without JavaScript', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let files: { dir: string; remove: () => void };

  beforeAll(async () => {
    files = createTempDir('fortune-sky-upload-files-');
    site = await createTestApp();
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // The form must work as a plain HTML form: no script runs on the page.
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    files?.remove();
  });

  test('a contributor uploads a photo; a file over 15 MB gets the page saying so', async () => {
    const { email } = await createUser(site, { role: 'contributor' });
    const page = await signInInBrowser(browser.context, baseUrl, email);

    const photo = join(files.dir, 'harbour.jpg');
    writeFileSync(photo, await makeImage('jpeg', 1200, 800));
    await page.goto(`${baseUrl}/newsroom/media/`);
    await page.getByLabel('Image file').setInputFiles(photo);
    await page.getByLabel('Alt text').fill('Cranes over the harbour at dusk');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/newsroom\/media\/\?uploaded=\d+$/);
    await expect.poll(() => page.locator('main').innerText()).toContain('uploaded.');
    expect(await page.getByRole('img', { name: 'Cranes over the harbour at dusk' }).count()).toBe(1);

    const huge = join(files.dir, 'huge.jpg');
    const bytes = Buffer.alloc(16 * 1024 * 1024, 7);
    bytes.set([0xff, 0xd8, 0xff]);
    writeFileSync(huge, bytes);
    await page.getByLabel('Image file').setInputFiles(huge);
    await page.getByLabel('Alt text').fill('Too big');
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('larger than 15 MB');
  });
});
