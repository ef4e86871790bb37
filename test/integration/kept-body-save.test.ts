/**
 * A save that keeps the stored body (a correction, publishing, an excerpt edit) reuses its
 * sanitized form: the teaser and word count must still follow what the save changed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { saveArticlesAtomically } from '../../src/ingest/index.js';
import { articleInput, createTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => testApp.close());

// Already in its sanitized form, so every save after the first keeps the stored body.
const BODY = '<p>Copper prices rose for a third week as smelters cut output.</p>';

async function save(excerpt: string | undefined, day: number) {
  const input = articleInput({ uri: 'urn:test:kept-body', title: 'Copper climbs', bodyHtml: BODY, excerpt });
  await saveArticlesAtomically(testApp.writer, 'test', [input], { now: new Date(Date.UTC(2024, 5, day)), timeZone: 'UTC', actor: 'test' });
  const row = await testApp.database.db.selectFrom('articles').select(['id']).where('uri', '=', 'urn:test:kept-body').executeTakeFirstOrThrow();
  return (await findStoryRecord(testApp.database.db, Number(row.id)))!.article;
}

test('dropping the excerpt of a story whose body is kept derives the teaser from the body again', async () => {
  const first = await save('A short summary.', 1);
  expect(first.teaser).toBe('A short summary.');
  expect(first.bodyHtml).toBe(BODY);
  expect(first.wordCount).toBe(11);

  const second = await save(undefined, 2);
  expect(second.revision).toBe(first.revision + 1);
  expect(second.teaser).toBe('Copper prices rose for a third week as smelters cut output.');
  expect(second.bodyHtml).toBe(first.bodyHtml);
  expect(second.wordCount).toBe(11);

  const third = await save('Another summary.', 3);
  expect(third.teaser).toBe('Another summary.');
  expect(third.wordCount).toBe(11);
});
