import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSyntheticArticles } from '../../src/demo/generate-synthetic.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { visibleLines } from '../support/visible-text.js';
import { searchFor } from '../support/search-page.js';
import { recordAudit } from '../../src/newsroom/index.js';

describe('synthetic data for benchmarks', () => {
  let site: TestApp;
  const now = new Date('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    site = await createTestApp();
    await generateSyntheticArticles(site.writer, { articles: 400, authors: 12, topics: 60, now, timeZone: 'UTC', seed: 7, audit: recordAudit });
  });
  afterAll(() => site.close());

  test('fills every section with published stories of realistic length, spread over five years', async () => {
    const rows = await site.database.db.selectFrom('articles').select(['section_id', 'word_count', 'published_at', 'source', 'status']).execute();
    expect(rows).toHaveLength(400);
    expect(new Set(rows.map((r) => r.section_id)).size).toBe(4);
    for (const row of rows) {
      expect(row.status).toBe('published');
      expect(row.source).toBe('synthetic');
      expect(row.word_count).toBeGreaterThanOrEqual(400);
      expect(row.word_count).toBeLessThanOrEqual(1300);
    }
    const times = rows.map((r) => Date.parse(r.published_at!)).sort((a, b) => a - b);
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThan(3 * 365 * 24 * 3600_000);
    expect(times[times.length - 1]!).toBeLessThanOrEqual(now.getTime());
  });

  test('uses the pools of authors and topics, and its pages say the text is synthetic', async () => {
    const authors = await site.database.db.selectFrom('article_authors').select('author_id').distinct().execute();
    const topics = await site.database.db.selectFrom('article_tags').select('tag_id').distinct().execute();
    expect(authors.length).toBe(12);
    expect(topics.length).toBeGreaterThan(50);
    const front = await site.app.inject({ url: '/' });
    const link = front.body.match(/href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+\/)"/)![1]!;
    const page = await site.app.inject({ url: link });
    expect(page.statusCode).toBe(200);
    expect(visibleLines(page.body)).toContain('Synthetic story: generated text for benchmarking, not news.');
  });

  test('every generated story is in the search index, found by its headline and byline', async () => {
    const entries = await site.database.db.selectFrom('search_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(entries.n)).toBe(400);
    const story = await site.database.db.selectFrom('articles').select(['id', 'title']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const byline = await site.database.db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('authors.name')
      .where('article_id', '=', story.id)
      .executeTakeFirstOrThrow();
    const page = await searchFor(site, { q: `"${story.title}" "${byline.name}"` });
    expect(page.titles).toContain(story.title);
  });

  test('is the same data set for the same seed', async () => {
    const other = await createTestApp();
    try {
      await generateSyntheticArticles(other.writer, { articles: 20, authors: 12, topics: 60, now, timeZone: 'UTC', seed: 7, audit: recordAudit });
      const titles = async (app: TestApp) => (await app.database.db.selectFrom('articles').select('title').orderBy('id').limit(20).execute()).map((r) => r.title);
      const first = await createTestApp();
      await generateSyntheticArticles(first.writer, { articles: 20, authors: 12, topics: 60, now, timeZone: 'UTC', seed: 7, audit: recordAudit });
      expect(await titles(other)).toEqual(await titles(first));
      await first.close();
    } finally {
      await other.close();
    }
  });

  test('a story written after a bulk load gets a new id (the load told the id sequence what it used)', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:test:after-bulk-load', title: 'Written after the bulk load' })]);
    const rows = await site.database.db.selectFrom('articles').select(['id', 'title']).orderBy('id', 'desc').limit(1).execute();
    expect(rows[0]).toEqual({ id: 401, title: 'Written after the bulk load' });
  });
});
