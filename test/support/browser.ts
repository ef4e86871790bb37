import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './newsroom.js';

/** Debian's Chromium; the project never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether end-to-end tests can run here. CI must have Chromium: there a missing browser fails instead of skipping. */
export const canRunBrowser = existsSync(CHROMIUM_PATH) || process.env.CI === 'true';

/** A fresh headless Chromium profile; close() also deletes it. */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'fortune-sky-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page signed in to the newsroom through its sign-in form, landed on the dashboard. */
export async function signInInBrowser(context: BrowserContext, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/newsroom/sign-in/`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/newsroom\/$/);
  return page;
}
