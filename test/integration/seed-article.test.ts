import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importNinjsFile } from '../../src/ingest/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readSeedExpectation, SEED_NINJS_PATH } from '../support/seed.js';
import { findMissingInOrder, visibleLines } from '../support/visible-text.js';
import { recordAudit } from '../../src/newsroom/index.js';

const expected = readSeedExpectation();
const seedPath = '/2023/05/26/china-still-hasnt-answered-us-request-for-meeting-with-defense-secretary/';

describe('the seed article, imported and served in Asia/Shanghai', () => {
  let site: TestApp;

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: expected.display_time_zone });
    await importNinjsFile(site.writer, SEED_NINJS_PATH, {
      defaults: { language: 'en', source: 'import' },
      context: { now: new Date('2026-01-01T00:00:00Z'), timeZone: site.config.siteTimeZone, actor: 'test' },
      audit: recordAudit,
    });
  });
  afterAll(() => site.close());

  test('shows tagline, brand, title, time, teaser and every paragraph, in that order', async () => {
    const response = await site.app.inject({ url: seedPath });
    expect(response.statusCode).toBe(200);
    const lines = visibleLines(response.body);
    const inOrder = [expected.site_tagline, expected.site_brand, expected.title, expected.displayed_time, expected.teaser, ...expected.paragraphs];
    expect(findMissingInOrder(lines, inOrder)).toBeUndefined();
    // The teaser is its own line, exactly as the seed shows it.
    expect(lines).toContain(expected.teaser);
    for (const paragraph of expected.paragraphs) expect(lines).toContain(paragraph);
  });

  test('carries the time with its UTC offset and one h1', async () => {
    const { body } = await site.app.inject({ url: seedPath });
    expect(body).toContain(`<time datetime="2023-05-26T03:46:00+08:00">${expected.displayed_time}</time>`);
    expect(body.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  test('lists the article with its time and teaser on the front page and its section', async () => {
    for (const url of ['/', '/business/']) {
      const lines = visibleLines((await site.app.inject({ url })).body);
      expect(findMissingInOrder(lines, [expected.displayed_time, expected.title, expected.teaser]), url).toBeUndefined();
    }
  });

  test('is at most 30 KB of compressed HTML and CSS and loads no script', async () => {
    const { body, headers } = await site.app.inject({ url: seedPath, headers: { 'accept-encoding': 'gzip' } });
    expect(headers['content-encoding']).toBe('gzip');
    expect(body.length).toBeGreaterThan(0);
    const html = (await site.app.inject({ url: seedPath })).body;
    expect(gzipSync(html).length).toBeLessThanOrEqual(30 * 1024);
    expect(brotliCompressSync(html).length).toBeLessThanOrEqual(30 * 1024);
    // JSON-LD blocks are data, never run; any other script would be code.
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toBe('<script type="application/ld+json">');
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
  });
});
