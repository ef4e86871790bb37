/**
 * INGEST_DIR: ninjs files dropped into the folder are ingested as the source named for it (the
 * items wait on the desk), then moved to done/; a file that is not ninjs goes to failed/ with its
 * reason beside it, and nothing of it is written. The same file dropped again adds nothing.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findSourceByName } from '../../src/ingest/pipeline/index.js';
import { SEED_NINJS_PATH } from '../support/seed.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
const drops = createTempDir('fortune-sky-drops-');
const dir = join(drops.dir, 'agency');

beforeAll(async () => {
  mkdirSync(dir);
  site = await createTestApp({ INGEST_DIR: dir });
});
afterAll(async () => {
  await site.close();
  drops.remove();
});

const items = async () => site.database.db.selectFrom('ingest_items').select(['status', 'title', 'source_id']).execute();

test('a ninjs drop lands on the desk and moves to done/; a broken one moves to failed/ with its reason', async () => {
  copyFileSync(SEED_NINJS_PATH, join(dir, 'seed.json'));
  const ndjson = ['Alpha', 'Beta'].map((name) => JSON.stringify({ uri: `urn:drop:${name}`, headlines: [{ value: `${name} shipping line orders six tankers` }], bodies: [{ contentType: 'text/html', value: `<p>${name} said the ships would arrive in two years.</p>` }] }));
  writeFileSync(join(dir, 'wire.ndjson'), `${ndjson.join('\n')}\n`);
  writeFileSync(join(dir, 'broken.json'), '{"uri": "urn:drop:broken", "headlines": ');
  writeFileSync(join(dir, 'notes.txt'), 'not a drop');

  const reports = await site.watchedFolder!.scan();
  expect(reports.map((r) => [r.file, r.outcome]).sort()).toEqual([
    ['broken.json', 'failed'],
    ['seed.json', 'done'],
    ['wire.ndjson', 'done'],
  ]);
  expect(readdirSync(join(dir, 'done')).sort()).toEqual(['seed.json', 'wire.ndjson']);
  expect(readdirSync(join(dir, 'failed')).sort()).toEqual(['broken.json', 'broken.json.reason.txt']);
  expect(readFileSync(join(dir, 'failed', 'broken.json.reason.txt'), 'utf8')).toMatch(/broken\.json/);
  expect(existsSync(join(dir, 'notes.txt'))).toBe(true);

  const source = await findSourceByName(site.database.db, 'Folder agency');
  expect(source).toMatchObject({ policy: 'draft', itemsTaken: 3 });
  const stored = await items();
  expect(stored).toHaveLength(3);
  expect(stored.every((item) => item.status === 'incoming' && Number(item.source_id) === source!.id)).toBe(true);

  copyFileSync(join(dir, 'done', 'wire.ndjson'), join(dir, 'again.ndjson'));
  const again = await site.watchedFolder!.scan();
  expect(again).toMatchObject([{ file: 'again.ndjson', outcome: 'done', summary: { added: 0, unchanged: 2 } }]);
  expect(await items()).toHaveLength(3);

  // Disabled on the sources page: drops wait in the folder.
  await site.database.db.updateTable('ingest_sources').set({ enabled: 0 }).where('id', '=', source!.id).execute();
  writeFileSync(join(dir, 'later.json'), JSON.stringify({ uri: 'urn:drop:later', headlines: [{ value: 'Later item' }] }));
  expect(await site.watchedFolder!.scan()).toEqual([]);
  expect(existsSync(join(dir, 'later.json'))).toBe(true);
});
