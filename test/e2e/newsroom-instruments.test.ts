import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findInstrument } from '../../src/markets/instruments/index.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { createUser } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe.skipIf(!canRunBrowser)('instruments in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    site = await createTestApp();
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('an editor adds an instrument, fixes a wrong field, edits it and puts it in the strip', async () => {
    const { email } = await createUser(site, { role: 'editor' });
    const page = await signInInBrowser(browser.context, baseUrl, email);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Instruments' }).click();
    await page.waitForURL(/\/newsroom\/markets\/instruments\/$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Add an instrument' }).click();
    await page.getByLabel('Symbol', { exact: true }).fill('hald');
    await page.getByLabel('Name', { exact: true }).fill('Halden Motors Inc');
    await page.getByLabel('Kind').selectOption('equity');
    await page.getByLabel('Exchange code (ISO 10383 MIC)').fill('XNYS');
    await page.getByLabel('Currency (ISO 4217)').fill('USD');
    await page.getByLabel('Other names in text').fill('Halden\nHalden Motors');
    await page.getByLabel('ISIN (optional)').fill('US0378331006');
    await page.getByRole('button', { name: 'Add instrument' }).click();
    // Refused with the reason beside the field, linked from the summary, what was typed kept.
    await expect(page.getByRole('alert').innerText()).resolves.toContain('check digit is wrong');
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Halden Motors Inc');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('ISIN (optional)').fill('');
    await page.getByRole('button', { name: 'Add instrument' }).click();
    await page.waitForURL(/\/newsroom\/markets\/instruments\/\d+\/\?done=added$/);
    await expect(page.getByRole('status').innerText()).resolves.toContain('The instrument was added.');
    await expect(page.getByLabel('Symbol', { exact: true }).inputValue()).resolves.toBe('HALD');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('Halden Motors Corp');
    await page.getByLabel('Place in the ticker strip (optional)').fill('1');
    await page.getByRole('button', { name: 'Save instrument' }).click();
    await page.waitForURL(/\?done=saved$/);
    expect(await findInstrument(site.database.db, 'HALD')).toMatchObject({ name: 'Halden Motors Corp', aliases: ['Halden', 'Halden Motors'], stripPosition: 1 });

    await page.getByRole('link', { name: 'All instruments' }).click();
    const row = page.getByRole('row', { name: /HALD/ });
    await expect(row.innerText()).resolves.toContain('1st');
    await expect(page.getByLabel('Symbols in the strip, in order').inputValue()).resolves.toBe('HALD');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'HALD' }).click();
    await page.getByRole('link', { name: 'Delete HALD…' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Delete HALD' }).click();
    await page.waitForURL(/\?done=deleted$/);
    await expect(page.locator('main').innerText()).resolves.toContain('No instruments yet.');
  });
});
