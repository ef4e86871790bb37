/**
 * Several processes on one SQLite file writing at the same moment: of saves of one revision one
 * wins and every other answers STORY_CONFLICT (409 in the newsroom), none fails otherwise, and the
 * winner's text is the story's with exactly one new revision; new names and slugs never collide;
 * schedulers publish each due story once.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createStory, findStoryRecord, listRevisions, scheduleStory } from '../../src/content/stories/index.js';
import { createTestClock } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);

type Outcome = { ok: boolean; revision?: number; code?: string };

/** Starts one process per title, each saving story `id` (or `new`) at one shared moment; their outcomes in order. */
function saveAtOnce(id: string, baseRevision: number, titles: string[]): Promise<Outcome[]> {
  // Processes take a while to start: each waits for one shared moment before saving.
  const startAt = String(Date.now() + 4000);
  return Promise.all(
    titles.map((title) =>
      run(process.execPath, ['--import', 'tsx', 'test/support/save-story-process.ts', site.databaseUrl, id, String(baseRevision), title, startAt]).then(
        ({ stdout }) => JSON.parse(stdout.trim().split('\n').pop()!) as Outcome,
      ),
    ),
  );
}
const WRITERS = 4;
let site: TestApp;

beforeAll(async () => {
  // The app's own scheduler stands at this clock, so only the scheduler processes below publish.
  site = await createTestApp({}, { clock: createTestClock('2026-01-05T09:00:00.000Z') });
});
afterAll(() => site.close());

test(`${WRITERS} processes saving revision 1 of one story at once: one wins, the others get STORY_CONFLICT, nothing is lost`, async () => {
  const created = await createStory(
    site.writer,
    { title: 'First draft', dek: '', excerpt: null, bodyHtml: '<p>First.</p>', slug: '', section: 'markets', bylines: ['Ana Cruz'], topics: ['Rates'], canonicalUrl: null },
    { now: new Date('2026-01-05T09:00:00Z'), timeZone: 'UTC', actor: { userId: null, name: 'Ana Cruz' }, audit: async () => {}, uri: 'urn:test:race', language: 'en' },
  );
  const results = await saveAtOnce(String(created.id), 1, Array.from({ length: WRITERS }, (_, n) => `Writer ${n + 1}`));
  const winners = results.flatMap((result, n) => (result.ok ? [n + 1] : []));
  expect(winners).toHaveLength(1);
  expect(results.filter((result) => !result.ok).map((result) => result.code)).toEqual(Array(WRITERS - 1).fill('STORY_CONFLICT'));
  const story = await findStoryRecord(site.database.db, created.id);
  expect(story?.article).toMatchObject({ revision: 2, title: `Writer ${winners[0]}` });
  expect((await listRevisions(site.database.db, created.id)).map((revision) => revision.revision)).toEqual([2, 1]);
}, 60_000);

test(`${WRITERS} processes creating stories with one title, a new topic and a new byline at once: each gets its own slug, and one topic and one author exist`, async () => {
  const results = await saveAtOnce('new', 0, Array.from({ length: WRITERS }, (_, n) => `creator-${n + 1}`));
  expect(results.map((result) => result.code ?? 'ok')).toEqual(Array(WRITERS).fill('ok'));
  const slugs = await site.database.db.selectFrom('articles').select('slug').where('uri', 'like', 'urn:test:creator-%').orderBy('slug').execute();
  expect(slugs.map((row) => row.slug)).toEqual(['rates-hold-steady', 'rates-hold-steady-2', 'rates-hold-steady-3', 'rates-hold-steady-4']);
  expect(await site.database.db.selectFrom('tags').select('slug').where('slug', '=', 'rates').execute()).toHaveLength(1);
  expect(await site.database.db.selectFrom('authors').select('slug').where('slug', 'like', 'ana-cruz%').execute()).toHaveLength(1);
}, 60_000);

test(`${WRITERS} scheduler processes at once publish each due story exactly once: one revision and one audit row each`, async () => {
  const context = { timeZone: 'UTC', actor: { userId: null, name: 'Ana Cruz' }, audit: async () => {} };
  const fields = { title: 'Due', dek: '', excerpt: null, bodyHtml: '<p>Due.</p>', slug: '', section: 'markets', bylines: ['Ana Cruz'], topics: ['Rates'], canonicalUrl: null };
  const due: number[] = [];
  for (const n of [1, 2, 3]) {
    const created = await createStory(site.writer, { ...fields, title: `Due ${n}` }, { ...context, now: new Date('2026-01-05T09:00:00Z'), uri: `urn:test:due-${n}`, language: 'en' });
    await scheduleStory(site.writer, { id: created.id, baseRevision: 1, publishAt: new Date('2026-01-05T10:00:00Z') }, { ...context, now: new Date('2026-01-05T09:01:00Z') }, () => {});
    due.push(created.id);
  }
  const startAt = String(Date.now() + 4000);
  const outputs = await Promise.all(
    Array.from({ length: WRITERS }, () =>
      run(process.execPath, ['--import', 'tsx', 'test/support/publish-due-process.ts', site.databaseUrl, '2026-01-05T10:00:30Z', startAt]).then(
        ({ stdout }) => JSON.parse(stdout.trim().split('\n').pop()!) as number[],
      ),
    ),
  );
  expect(outputs.flat().sort((a, b) => a - b)).toEqual(due);
  for (const id of due) {
    expect((await findStoryRecord(site.database.db, id))?.article).toMatchObject({ status: 'published', revision: 3 });
    const audits = await site.database.db.selectFrom('audit_log').select('id').where('action', '=', 'story.published').where('subject', '=', `story:${id}`).execute();
    expect(audits).toHaveLength(1);
  }
}, 60_000);
