/**
 * Saves of one story from two connections at once (two instances' or two CLI processes' imports
 * of one wire item, an import and the newsroom) take turns: the second reads what the first
 * committed. Found on PostgreSQL, where two transactions may read the same row at once: before a
 * save read its story holding the story's lock, the second import of a new item failed with a raw
 * database error ("duplicate key value violates unique constraint articles_uri_key"), and the
 * second of two imports changing one story (or an import after a newsroom update) was refused as
 * STORY_CONFLICT with the newsroom's "your changes are kept below — reload to see theirs". On
 * SQLite, whose write transactions take turns, both always went through.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createChangeWriter } from '../../src/changes/index.js';
import { findStoryRecord, fieldsOf, updatePublishedStory } from '../../src/content/stories/index.js';
import { AppError } from '../../src/errors.js';
import { importNinjsFile, type ImportSummary } from '../../src/ingest/index.js';
import { openDatabase, type Database } from '../../src/storage/index.js';
import { findInconsistencies } from '../support/story-consistency.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let connections: Database[];

beforeAll(async () => {
  site = await createTestApp();
  connections = [openDatabase(site.databaseUrl), openDatabase(site.databaseUrl)];
});
afterAll(async () => {
  for (const connection of connections) await connection.close();
  await site.close();
});

let files = 0;
/** A ninjs file holding one item. */
function wireFile(uri: string, title: string): string {
  files += 1;
  const file = join(site.config.mediaDir, '..', `wire-${files}.json`);
  writeFileSync(file, JSON.stringify({ uri, headlines: [{ value: title }], bodies: [{ contentType: 'text/html', value: `<p>${title}: the wire copy.</p>` }], subjects: [{ name: 'Oil' }] }));
  return file;
}

/** Imports the file through the connection, as `fortune-sky import` does; the summary, or the error's code and message. */
async function importThrough(connection: Database, file: string): Promise<ImportSummary | string> {
  try {
    return await importNinjsFile(createChangeWriter(connection), file, {
      defaults: { language: 'en', source: 'import' },
      context: { now: new Date(), timeZone: 'UTC', actor: 'cli import' },
      audit: async () => {},
    });
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : `raw error: ${String(error)}`;
  }
}

const outcome = (result: ImportSummary | string) => (typeof result === 'string' ? result : result.created ? 'created' : result.updated ? 'updated' : 'unchanged');

const revisionsOf = async (uri: string) =>
  (await site.database.db.selectFrom('revisions').innerJoin('articles', 'articles.id', 'revisions.article_id').select('revisions.revision').where('articles.uri', '=', uri).execute()).length;

// Repeated: on PostgreSQL the race showed every time, but a race is a race.
test.each([1, 2, 3, 4])('the same new wire item imported twice at once: one import creates the story, the other finds it unchanged (round %i)', async (round) => {
  const uri = `urn:test:concurrent-import:new:${round}`;
  const file = wireFile(uri, `Oil output cut, take ${round}`);
  const results = await Promise.all(connections.map((connection) => importThrough(connection, file)));
  expect(results.map(outcome).sort()).toEqual(['created', 'unchanged']);
  expect(await revisionsOf(uri)).toBe(1);
});

test.each([1, 2, 3, 4])('two versions of one story imported at once: both are saved, one after the other (round %i)', async (round) => {
  const uri = `urn:test:concurrent-import:update:${round}`;
  expect(outcome(await importThrough(site.database, wireFile(uri, `Refinery shut, take ${round}`)))).toBe('created');
  const versions = [`Refinery shut for a week, take ${round}`, `Refinery shut for a month, take ${round}`];
  const results = await Promise.all(connections.map((connection, n) => importThrough(connection, wireFile(uri, versions[n]!))));
  expect(results.map(outcome)).toEqual(['updated', 'updated']);
  expect(await revisionsOf(uri)).toBe(3);
  const story = await site.database.db.selectFrom('articles').select('title').where('uri', '=', uri).executeTakeFirstOrThrow();
  expect(versions).toContain(story.title);
});

test.each([1, 2, 3, 4])('an import and a newsroom update of one story at once: the import is saved, and the update too unless the import came first (then a clean conflict) (round %i)', async (round) => {
  const uri = `urn:test:concurrent-import:newsroom:${round}`;
  expect(outcome(await importThrough(site.database, wireFile(uri, `Pipeline reopens, take ${round}`)))).toBe('created');
  const { id } = await site.database.db.selectFrom('articles').select('id').where('uri', '=', uri).executeTakeFirstOrThrow();
  const story = (await findStoryRecord(site.database.db, Number(id)))!;
  const context = { now: new Date(), timeZone: 'UTC', actor: { userId: null, name: 'Desk' }, audit: async () => {} };
  const [imported, updated] = await Promise.all([
    importThrough(connections[0]!, wireFile(uri, `Pipeline reopens at half capacity, take ${round}`)),
    updatePublishedStory(
      createChangeWriter(connections[1]!),
      { id: Number(id), baseRevision: story.article.revision, fields: { ...fieldsOf(story.article), title: `Pipeline reopens, desk edit ${round}` }, isMaterial: false },
      context,
      () => {},
    ).then(
      () => 'updated',
      (error: unknown) => (error instanceof AppError ? error.code : `raw error: ${String(error)}`),
    ),
  ]);
  expect(outcome(imported)).toBe('updated');
  expect(['updated', 'STORY_CONFLICT']).toContain(updated);
  expect(await revisionsOf(uri)).toBe(updated === 'updated' ? 3 : 2);
  expect(await findInconsistencies(site.database)).toEqual([]);
});
