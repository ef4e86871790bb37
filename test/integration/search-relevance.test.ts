import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TagRef } from '../../src/content/articles/index.js';
import { createTestClock } from '../support/newsroom.js';
import { searchFor } from '../support/search-page.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

/** The fixed corpus: 30 fictional stories and 25 queries, each with the story a reader wants first. */
interface Corpus {
  now: string;
  stories: { key: string; title: string; dek: string; body: string; section: string; bylines: string[]; tags: TagRef[]; publishedAt: string }[];
  queries: { q: string; expected: string; kind: string }[];
}

const corpus = JSON.parse(readFileSync(new URL('../fixtures/search/relevance-corpus.json', import.meta.url), 'utf8')) as Corpus;
let site: TestApp;

beforeAll(async () => {
  site = await createTestApp({}, { clock: createTestClock(corpus.now) });
  await createArticles(
    site,
    corpus.stories.map((story) =>
      articleInput({ uri: `urn:relevance:${story.key}`, title: story.title, dek: story.dek, bodyHtml: story.body, section: story.section, bylines: story.bylines, tags: story.tags, publishedAt: story.publishedAt }),
    ),
  );
});
afterAll(async () => site?.close());

test(`relevance: for each of ${corpus.queries.length} hand-written queries the expected story ranks first`, async () => {
  const titleOf = new Map(corpus.stories.map((story) => [story.key, story.title]));
  const ranks: { query: string; kind: string; expected: string; rank: number | string; found: number; first: string }[] = [];
  for (const { q, expected, kind } of corpus.queries) {
    const { titles, status } = await searchFor(site, { q });
    expect(status, q).toBe(200);
    const rank = titles.indexOf(titleOf.get(expected)!) + 1;
    ranks.push({ query: q, kind, expected, rank: rank || 'not found', found: titles.length, first: titles[0] ?? '(nothing)' });
  }
  console.info(`Search relevance on ${site.database.dialect}:\n${ranks.map((r) => `  ${String(r.rank).padStart(2)} of ${String(r.found).padEnd(2)}  ${r.query.padEnd(32)} ${r.expected}`).join('\n')}`);
  expect(ranks.filter((r) => r.rank !== 1)).toEqual([]);
});
