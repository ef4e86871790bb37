import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createIngestTools, findSourceByName, ingestItems } from '../../src/ingest/pipeline/index.js';
import { accessibilityViolations } from '../support/accessibility.js';
import { canRunBrowser, launchBrowser, signInInBrowser } from '../support/browser.js';
import { incomingItem } from '../support/ingest.js';
import { createUser } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const { events } = JSON.parse(readFileSync(new URL('../fixtures/ingest/dedupe-events.json', import.meta.url), 'utf8')) as {
  events: { event: string; publishedAt: string; versions: { source: string; headline: string; lead: string }[] }[];
};

describe.skipIf(!canRunBrowser)('the ingest desk in Chromium', () => {
  let site: TestApp;
  let baseUrl: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    site = await createTestApp();
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
    // Plain forms: the pages work with no script (axe is injected through the protocol).
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('an editor adds a source, finds its items on the desk with a rival’s version grouped, takes one and lands in its editor', async () => {
    const { email } = await createUser(site, { role: 'editor' });
    const page = await signInInBrowser(browser.context, baseUrl, email);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Sources' }).click();
    await page.waitForURL(/\/newsroom\/sources\/$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Name').fill('Meridian Wire');
    await page.getByLabel('Feed address').fill('https://meridian.example.com/feed.xml');
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.waitForURL(/\/newsroom\/sources\/\d+\/\?done=added$/);
    await expect(page.getByRole('status').innerText()).resolves.toContain('The source was added.');
    expect(await accessibilityViolations(page)).toEqual([]);

    // What a poll of the feed would bring: an event told by the wire, then by a rival desk.
    const event = events[0]!;
    const rivalSource = await site.database.db
      .insertInto('ingest_sources')
      .values({ name: 'Capital Desk', url: 'https://capital.example.com/feed.xml', format: null, poll_seconds: 300, default_section: null, policy: 'draft', credit: 'Capital Desk', enabled: 1, created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = (n: number) =>
      incomingItem({ guid: `urn:e2e:${n}`, title: event.versions[n]!.headline, dek: event.versions[n]!.lead, body: `<p>${event.versions[n]!.lead}</p><p>Chief executive Ingrid Vass said the company would keep its targets.</p>`, publishedAt: event.publishedAt, url: `https://${n}.example.com/halden` });
    const context = { now: new Date(Date.parse(event.publishedAt) + 3_600_000), timeZone: 'UTC' };
    const tools = createIngestTools({ sectionSlugs: ['markets', 'business', 'industries', 'internet'] });
    const background = Array.from({ length: 10 }, () => incomingItem({ publishedAt: event.publishedAt }));
    await ingestItems(site.writer, (await findSourceByName(site.database.db, 'Meridian Wire'))!, [...background, version(0)], tools, context);
    await ingestItems(site.writer, { ...(await findSourceByName(site.database.db, 'Capital Desk'))!, id: Number(rivalSource.id) }, [version(1)], tools, context);

    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Ingest desk' }).click();
    await page.waitForURL(/\/newsroom\/ingest\/$/);
    const first = page.getByRole('list', { name: 'Items' }).getByRole('listitem').first();
    await expect(first.getByRole('heading').innerText()).resolves.toBe(event.versions[0]!.headline);
    await expect(first.getByRole('list', { name: /^Other sources of/ }).innerText()).resolves.toContain('Capital Desk');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Status').selectOption('duplicate');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=duplicate/);
    await expect(page.locator('main').innerText()).resolves.toContain(event.versions[1]!.headline);
    await page.goBack();

    await first.getByRole('button', { name: /^Take/ }).click();
    await page.waitForURL(/\/newsroom\/stories\/\d+\/edit$/);
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe(event.versions[0]!.headline);
    const provenance = page.getByRole('region', { name: 'Where this story came from' });
    await expect(provenance.innerText()).resolves.toContain('Meridian Wire');
    await expect(provenance.getByRole('link', { name: 'https://0.example.com/halden' }).isVisible()).resolves.toBe(true);
    await expect(provenance.innerText()).resolves.toContain('Capital Desk');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
