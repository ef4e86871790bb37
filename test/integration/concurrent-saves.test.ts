/**
 * Several processes on one SQLite file saving the same revision of a story at the same moment:
 * one save wins, every other answers STORY_CONFLICT (409 in the newsroom), none fails otherwise,
 * and the winner's text is the story's, with exactly one new revision.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createStory, findStoryRecord, listRevisions } from '../../src/content/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
const WRITERS = 4;
let site: TestApp;

beforeAll(async () => {
  site = await createTestApp();
});
afterAll(() => site.close());

test(`${WRITERS} processes saving revision 1 of one story at once: one wins, the others get STORY_CONFLICT, nothing is lost`, async () => {
  const created = await createStory(
    site.writer,
    { title: 'First draft', dek: '', excerpt: null, bodyHtml: '<p>First.</p>', slug: '', section: 'markets', bylines: ['Ana Cruz'], topics: ['Rates'], canonicalUrl: null },
    { now: new Date('2026-01-05T09:00:00Z'), timeZone: 'UTC', actor: { userId: null, name: 'Ana Cruz' }, audit: async () => {}, uri: 'urn:test:race', language: 'en' },
  );
  // Processes take a while to start: each waits for one shared moment before saving.
  const startAt = Date.now() + 4000;
  const results = await Promise.all(
    Array.from({ length: WRITERS }, (_, n) =>
      run(process.execPath, ['--import', 'tsx', 'test/support/save-story-process.ts', site.databaseUrl, String(created.id), '1', `Writer ${n + 1}`, String(startAt)]).then(
        ({ stdout }) => JSON.parse(stdout.trim().split('\n').pop()!) as { ok: boolean; revision?: number; code?: string },
      ),
    ),
  );
  const winners = results.flatMap((result, n) => (result.ok ? [n + 1] : []));
  expect(winners).toHaveLength(1);
  expect(results.filter((result) => !result.ok).map((result) => result.code)).toEqual(Array(WRITERS - 1).fill('STORY_CONFLICT'));
  const story = await findStoryRecord(site.database.db, created.id);
  expect(story?.article).toMatchObject({ revision: 2, title: `Writer ${winners[0]}` });
  expect((await listRevisions(site.database.db, created.id)).map((revision) => revision.revision)).toEqual([2, 1]);
}, 60_000);
