/**
 * `fortune-sky backup FILE` and `fortune-sky restore FILE` through the real command line, on the
 * database under test (SQLite: the online backup API; PostgreSQL: pg_dump's custom format and
 * pg_restore). A backup restored into a new, empty database gives the same export and the same
 * rows in every table, and new stories get new ids after it; a restore into a database that holds
 * anything is refused and changes nothing; and a backup taken while a server publishes is a
 * consistent snapshot.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig } from '../../src/config/index.js';
import { createUser as createUserAccount } from '../../src/newsroom/index.js';
import { openDatabase, type Database, type Schema } from '../../src/storage/index.js';
import { createFreshDatabase, testDialect, type FreshDatabase } from '../../src/storage/fresh-database.js';
import { runCli, startServe } from '../support/cli-process.js';
import { makeImage, multipartBody } from '../support/media.js';
import { createSignedInUser } from '../support/newsroom.js';
import { signInOverHttp } from '../support/newsroom-http.js';
import { findInconsistencies } from '../support/story-consistency.js';
import { articleInput, createArticles, createTempDir, createTestApp } from '../support/test-app.js';

// Each test starts the command-line tool several times on a busy 2-core machine.
const CLI_TEST_TIMEOUT = 180_000;
const temp = createTempDir();
const databases: FreshDatabase[] = [];
afterAll(async () => {
  for (const fresh of databases) await fresh.remove();
  temp.remove();
});

async function freshDatabase(): Promise<FreshDatabase> {
  const fresh = await createFreshDatabase();
  databases.push(fresh);
  return fresh;
}

const cli = (args: string[], databaseUrl: string) => runCli(args, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
const BACKED_UP = /^Backed up the (SQLite|PostgreSQL) database \S+( on \S+)? to (\S+) \(\d+(\.\d)? (bytes|KB|MB)\)\.$/m;
const RESTORED = /^Restored (\S+) \(\d+(\.\d)? (bytes|KB|MB)\) into the (SQLite|PostgreSQL) database \S+/m;

/** Every row of every table, each table's rows in a stable order: two databases with equal contents give equal values. */
async function tableContents(db: Kysely<Schema>): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const table of await db.introspection.getTables({ withInternalKyselyTables: true })) {
    const rows = await db.selectFrom(table.name as keyof Schema).selectAll().execute();
    contents[table.name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return contents;
}

async function withDatabase<T>(url: string, use: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(url);
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

describe(`backup and restore (${testDialect()})`, () => {
  test('a backup restored into an empty database exports the same stories, holds the same rows, and new stories get new ids', async () => {
    const site = await createTestApp();
    try {
      // Content of every kind: stories (published, draft), a signed-in user with a session, an uploaded image.
      await createArticles(site, [articleInput({ title: 'Rates hold steady' }), articleInput({ title: 'Chip makers rally', section: 'Industries' }), articleInput({ status: 'draft', title: 'Unpublished draft' })]);
      const editor = await createSignedInUser(site, 'editor');
      const { body, contentType } = multipartBody([
        { name: 'alt', value: 'A trading floor' },
        { name: 'caption', value: 'Traders at work' },
        { name: 'credit', value: 'Desk' },
        { name: 'file', filename: 'floor.png', contentType: 'image/png', data: await makeImage('png', 320, 200) },
      ]);
      const upload = await site.app.inject({ method: 'POST', url: `/newsroom/media/?_csrf=${encodeURIComponent(editor.csrfToken)}`, headers: { cookie: editor.cookie, 'content-type': contentType }, payload: body });
      expect(upload.statusCode, upload.body.slice(0, 300)).toBe(303);

      const file = join(temp.dir, `site-${site.database.dialect}.backup`);
      const backup = await cli(['backup', file], site.databaseUrl);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(BACKED_UP);
      expect(BACKED_UP.exec(backup.stdout)?.[3]).toBe(file);

      const copy = await freshDatabase();
      const restore = await cli(['restore', file], copy.url);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(RESTORED);

      const [original, restored] = await Promise.all([cli(['export'], site.databaseUrl), cli(['export'], copy.url)]);
      expect(original.stdout.trim().split('\n')).toHaveLength(3);
      expect(restored.stdout).toBe(original.stdout);
      const restoredContents = await withDatabase(copy.url, (database) => tableContents(database.db));
      expect(restoredContents).toEqual(await tableContents(site.database.db));
      expect(restoredContents.users).toHaveLength(1);
      expect(restoredContents.sessions).toHaveLength(1);
      expect(restoredContents.media).toHaveLength(1);

      // Sequences carry on where they stood: a new story takes a new id (on PostgreSQL a sequence
      // left at 1 would hand out an id a restored story holds, and the import would fail).
      const newItem = join(temp.dir, 'after-restore.json');
      writeFileSync(newItem, JSON.stringify({ uri: 'urn:t:after-restore', headlines: [{ role: 'main', value: 'Written after the restore' }], bodies: [{ contentType: 'text/plain', value: 'A story saved into the restored database.' }] }));
      const imported = await cli(['import', newItem], copy.url);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toContain('1 created');
      const ids = await withDatabase(copy.url, (database) => database.db.selectFrom('articles').select(['id', 'uri']).orderBy('id').execute());
      expect(ids).toHaveLength(4);
      expect(ids.at(-1)!.uri).toBe('urn:t:after-restore');
    } finally {
      await site.close();
    }
  }, CLI_TEST_TIMEOUT);

  test('a restore into a database that is not empty is refused with a message naming the file, and changes nothing', async () => {
    const source = await freshDatabase();
    const target = await freshDatabase();
    expect((await cli(['demo', 'load'], source.url)).code).toBe(0);
    const file = join(temp.dir, 'demo.backup');
    expect((await cli(['backup', file], source.url)).code).toBe(0);

    // A target with stories of its own, and one that only has the schema: neither is empty.
    const story = join(temp.dir, 'target-story.json');
    writeFileSync(story, JSON.stringify({ uri: 'urn:t:target-only', headlines: [{ role: 'main', value: 'Only in the target' }], bodies: [{ contentType: 'text/plain', value: 'This story lives in the target database.' }] }));
    expect((await cli(['import', story], target.url)).code).toBe(0);
    const before = await cli(['export'], target.url);
    const refused = await cli(['restore', file], target.url);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`Not restored from ${file}`);
    expect(refused.stderr).toContain('restores only into an empty database');
    expect((await cli(['export'], target.url)).stdout).toBe(before.stdout);

    const schemaOnly = await freshDatabase();
    expect((await cli(['migrate'], schemaOnly.url)).code).toBe(0);
    const refusedAgain = await cli(['restore', file], schemaOnly.url);
    expect(refusedAgain.code).not.toBe(0);
    expect(refusedAgain.stderr).toContain('restores only into an empty database');
    expect((await cli(['export'], schemaOnly.url)).stdout).toBe('');
  }, CLI_TEST_TIMEOUT);

  test('a file that is not a backup of this kind of database is refused by name and leaves the target empty; a backup into a missing folder or onto the database itself is refused', async () => {
    const target = await freshDatabase();
    const notes = join(temp.dir, 'notes.txt');
    writeFileSync(notes, 'these are not the pages you are looking for\n');
    const missing = join(temp.dir, 'no-such.backup');
    // The other dialect's magic: a backup of the other kind of database.
    const otherKind = join(temp.dir, 'other-kind.backup');
    writeFileSync(otherKind, target.dialect === 'sqlite' ? 'PGDMP\u0001\u000e\u0000' : 'SQLite format 3\u0000');
    for (const [file, message] of [
      [notes, `${notes} is not a Fortune Sky backup`],
      [missing, `${missing}: no such file`],
      [otherKind, `${otherKind} is a backup of a ${target.dialect === 'sqlite' ? 'PostgreSQL' : 'SQLite'} database`],
    ] as const) {
      const refused = await cli(['restore', file], target.url);
      expect(refused.code, file).toBe(1);
      expect(refused.stderr).toContain(message);
    }
    // Nothing was created by the refusals.
    expect(await withDatabase(target.url, (database) => database.db.introspection.getTables({ withInternalKyselyTables: true }))).toEqual([]);

    expect((await cli(['migrate'], target.url)).code).toBe(0);
    const intoNoFolder = join(temp.dir, 'no-such-folder', 'x.backup');
    const backupInto = await cli(['backup', intoNoFolder], target.url);
    expect(backupInto.code).toBe(1);
    expect(backupInto.stderr).toContain(`${intoNoFolder}: the folder ${join(temp.dir, 'no-such-folder')} does not exist`);
    if (target.dialect === 'sqlite') {
      // Renamed into place, a backup onto the database file would replace the live database.
      const databaseFile = target.url.slice('sqlite:'.length);
      const ontoItself = await cli(['backup', databaseFile], target.url);
      expect(ontoItself.code).toBe(1);
      expect(ontoItself.stderr).toContain(`${databaseFile} is the database itself`);
      expect(await withDatabase(target.url, (database) => database.db.introspection.getTables())).not.toEqual([]);
    }
  }, CLI_TEST_TIMEOUT);

  test('a backup taken while a server publishes is consistent: every story restored is whole', async () => {
    const source = await freshDatabase();
    const env = { DATABASE_URL: source.url, MEDIA_DIR: join(source.dir, 'media'), SITE_URL: 'http://news.test', DEMO_CONTENT: 'false' };
    const setup = await openReadyDatabase(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    await createUserAccount(setup.db, { email: 'desk@news.test', name: 'Desk Editor', role: 'editor', password: 'correct horse battery staple' }, { actorUserId: null, now: new Date(), via: 'test' });
    await setup.close();
    const server = await startServe(env);
    try {
      const editor = await signInOverHttp(server.baseUrl, 'desk@news.test', 'correct horse battery staple');
      let published = 0;
      let isWriting = true;
      // Writes go on the whole time the backup runs: a draft, its publish, an update, story after story.
      const writing = (async () => {
        while (isWriting) {
          const fields = { title: `Markets story ${published + 1}`, body: `<p>${'Prices moved on the news today. '.repeat(20)}</p>` };
          const id = await editor.createStory(fields);
          expect(await editor.press(id, 'publish', fields)).toBe(303);
          expect(await editor.press(id, 'update', { ...fields, body: `<p>Updated. ${fields.body}</p>` })).toBe(303);
          published += 1;
        }
      })();
      while (published < 3) await new Promise((resolve) => setTimeout(resolve, 50));
      const publishedBefore = published;
      const file = join(temp.dir, 'while-writing.backup');
      const backup = await cli(['backup', file], source.url);
      const publishedAfter = published;
      isWriting = false;
      await writing;
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      // The backup overlapped writes (else this test proves nothing).
      expect(publishedAfter).toBeGreaterThan(publishedBefore);

      const copy = await freshDatabase();
      expect((await cli(['restore', file], copy.url)).code).toBe(0);
      await withDatabase(copy.url, async (restored) => {
        expect(await findInconsistencies(restored)).toEqual([]);
        const stories = await restored.db.selectFrom('articles').select('status').execute();
        expect(stories.length).toBeGreaterThanOrEqual(publishedBefore);
        expect(stories.length).toBeLessThanOrEqual(publishedAfter + 1);
      });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  }, CLI_TEST_TIMEOUT);
});
