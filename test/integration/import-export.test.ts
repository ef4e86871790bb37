import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countRevisions, findStoredArticleByUri } from '../../src/content/articles/index.js';
import { importNinjsFile, NinjsFileError } from '../../src/ingest/index.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';
import { SEED_NINJS_PATH } from '../support/seed.js';
import { createFreshDatabase, type FreshDatabase } from '../../src/storage/fresh-database.js';
import { recordAudit } from '../../src/newsroom/index.js';

// These tests start the command-line tool several times; a loaded 2-core machine needs room.
const CLI_TEST_TIMEOUT = 120_000;
const temp = createTempDir();
const databases: FreshDatabase[] = [];
afterAll(async () => {
  temp.remove();
  for (const fresh of databases) await fresh.remove();
});

/** An empty database of the dialect under test, for the CLI. */
async function freshDatabaseUrl(): Promise<string> {
  const fresh = await createFreshDatabase();
  databases.push(fresh);
  return fresh.url;
}

function writeJson(name: string, value: unknown): string {
  const file = join(temp.dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function item(uri: string, overrides: Record<string, unknown> = {}) {
  return {
    uri,
    type: 'text',
    firstCreated: '2024-05-01T08:00:00Z',
    headlines: [{ role: 'main', value: `Headline for ${uri}` }],
    bodies: [{ role: 'main', contentType: 'text/html', value: `<p>The body of ${uri} runs long enough to make a teaser of its own words.</p>` }],
    subjects: [{ name: 'Industries', rel: 'section' }],
    ...overrides,
  };
}

/** Runs the CLI as a separate process and returns its output. */
function cli(args: string[], databaseUrl: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ninjs import', () => {
  let site: TestApp;
  const importFile = (file: string) =>
    importNinjsFile(site.writer, file, {
      defaults: { language: 'en', source: 'import' },
      context: { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'UTC', actor: 'test' },
      audit: recordAudit,
    });

  beforeAll(async () => {
    site = await createTestApp();
  });
  afterAll(() => site.close());

  test('is idempotent on uri: a second import changes nothing, a changed version updates with a new revision', async () => {
    expect(await importFile(SEED_NINJS_PATH)).toMatchObject({ created: 1, updated: 0 });
    expect(await importFile(SEED_NINJS_PATH)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const uri = 'urn:fortune-sky:seed:2023-05-26-china-us-defense-meeting';
    const seed = JSON.parse(readFileSync(SEED_NINJS_PATH, 'utf8'));
    seed.headlines[0].value = 'China Still Has Not Answered the US Request';
    seed.versionCreated = '2023-05-26T09:00:00+08:00';
    expect(await importFile(writeJson('seed-v2.json', seed))).toMatchObject({ created: 0, updated: 1 });
    const stored = await findStoredArticleByUri(site.database.db, uri);
    expect(stored?.title).toBe('China Still Has Not Answered the US Request');
    expect(stored?.revision).toBe(2);
    expect(stored?.updatedAt).toBe('2023-05-26T01:00:00.000Z');
    expect(await countRevisions(site.database.db, stored!.id)).toBe(2);
    const count = await site.database.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('uri', '=', uri).executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
  });

  test('an item without dates keeps the publication time of its first import: importing it again a day later changes nothing', async () => {
    const file = writeJson('undated.json', item('urn:t:undated', { firstCreated: undefined }));
    expect(await importFile(file)).toMatchObject({ created: 1 });
    const nextDay = await importNinjsFile(site.writer, file, {
      defaults: { language: 'en', source: 'import' },
      context: { now: new Date('2026-01-02T00:00:00Z'), timeZone: 'UTC', actor: 'test' },
      audit: recordAudit,
    });
    expect(nextDay).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const stored = await findStoredArticleByUri(site.database.db, 'urn:t:undated');
    expect([stored?.publishedAt, stored?.revision]).toEqual(['2026-01-01T00:00:00.000Z', 1]);
  });

  test('reads an array and NDJSON', async () => {
    expect(await importFile(writeJson('array.json', [item('urn:t:a1'), item('urn:t:a2')]))).toMatchObject({ created: 2 });
    const ndjson = [item('urn:t:n1'), item('urn:t:n2'), item('urn:t:n3')].map((i) => JSON.stringify(i)).join('\n');
    expect(await importFile(writeJson('items.ndjson', ndjson))).toMatchObject({ created: 3 });
  });

  test('refuses a bad file naming file, item and field, and writes nothing of it', async () => {
    const before = await site.database.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const file = writeJson('bad.json', [item('urn:t:good-1'), item('urn:t:bad-2', { headlines: [] , title: undefined }), item('urn:t:good-3')]);
    const error = await importFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NinjsFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/item 2 \(urn:t:bad-2\), field headlines/);
    const after = await site.database.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(after?.n).toBe(before?.n);
    expect(await findStoredArticleByUri(site.database.db, 'urn:t:good-1')).toBeUndefined();
  });

  test('rolls back the whole file when a later item names an unknown section', async () => {
    const file = writeJson('bad-section.json', [item('urn:t:s1'), item('urn:t:s2', { subjects: [{ name: 'Sports', rel: 'section' }] })]);
    const error = await importFile(file).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/item 2 \(urn:t:s2\), field section: Unknown section "Sports"/);
    expect(await findStoredArticleByUri(site.database.db, 'urn:t:s1')).toBeUndefined();
  });

  test('strips control characters from every text field on the way in', async () => {
    await importFile(
      writeJson('controls.json', item('urn:t:ctl', {
        headlines: [{ role: 'main', value: 'Bell\u0007 and escape\u001B in a headline' }],
        bodies: [{ contentType: 'text/html', value: '<p>Body\u0000 with\u0085 controls.</p>' }],
        by: 'Ana\u0001 Cruz',
        subjects: [{ name: 'Industries', rel: 'section' }, { name: 'Wire\u0002 topic' }],
      })),
    );
    const stored = await findStoredArticleByUri(site.database.db, 'urn:t:ctl');
    const texts = [stored?.title, stored?.bodyHtml, stored?.teaser, ...(stored?.bylines ?? []), ...(stored?.tags ?? []).map((t) => t.name)].join(' ');
    expect(texts).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(stored?.title).toBe('Bell and escape in a headline');
    expect(stored?.bylines).toEqual(['Ana Cruz']);
  });

  test('sanitizes body HTML on the way in', async () => {
    const body = '<p onclick="steal()">Safe text<script>alert(1)</script> <a href="javascript:alert(2)">link</a> <img src="x" onerror="alert(3)"></p>';
    await importFile(writeJson('xss.json', item('urn:t:xss', { bodies: [{ contentType: 'text/html', value: body }] })));
    const stored = await findStoredArticleByUri(site.database.db, 'urn:t:xss');
    expect(stored?.bodyHtml).toContain('Safe text');
    expect(stored?.bodyHtml).not.toMatch(/script|onclick|onerror|javascript:/i);
  });
});

describe('fortune-sky export and import', () => {
  test('export writes NDJSON ninjs that import reads back unchanged', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const source = writeJson('source.json', [
      item('urn:t:x1', { by: 'Ana Cruz and Bo Lee', people: [{ name: 'Ravi Shah' }], places: [{ name: 'Lagos' }] }),
      item('urn:t:x2', { descriptions: [{ role: 'dek', value: 'A dek.' }, { role: 'teaser', value: 'An edited teaser.' }], pubStatus: 'withheld' }),
    ]);
    expect(cli(['import', source], databaseUrl).code).toBe(0);
    const exported = cli(['export'], databaseUrl);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ uri: 'urn:t:x1', headlines: [{ role: 'main', value: 'Headline for urn:t:x1' }] });
    expect(first.people).toEqual(expect.arrayContaining([{ name: 'Ana Cruz', rel: 'author' }, { name: 'Ravi Shah' }]));

    const outFile = join(temp.dir, 'export.ndjson');
    expect(cli(['export', '--out', outFile], databaseUrl).code).toBe(0);
    expect(readFileSync(outFile, 'utf8')).toBe(exported.stdout);
    const reimport = cli(['import', outFile], databaseUrl);
    expect(reimport.code).toBe(0);
    expect(reimport.stdout).toContain('0 created, 0 updated, 2 unchanged');

    // Into an empty database, the export recreates the same stories.
    const copyUrl = await freshDatabaseUrl();
    expect(cli(['import', outFile], copyUrl).code).toBe(0);
    expect(cli(['export'], copyUrl).stdout.replace(/"contentCreated":"[^"]+"/g, '')).toBe(exported.stdout.replace(/"contentCreated":"[^"]+"/g, ''));
  }, CLI_TEST_TIMEOUT);

  test('a bad file exits non-zero with a message naming the file', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const file = writeJson('broken.json', '{"uri": ');
    const result = cli(['import', file], databaseUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: nothing imported`);
  }, CLI_TEST_TIMEOUT);

  test('a bad environment variable stops the command with a message naming it', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], {
      env: { ...process.env, DATABASE_URL: `sqlite:${join(temp.dir, 'x.db')}`, SITE_TIMEZONE: 'Mars/Olympus' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SITE_TIMEZONE');
  }, CLI_TEST_TIMEOUT);

  test('export into a pipe the reader closes early (| head) ends quietly: exit 0, nothing on stderr', async () => {
    const databaseUrl = await freshDatabaseUrl();
    expect(cli(['demo', 'generate', '--articles', '400'], databaseUrl).code).toBe(0);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'export'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `head -1`: read the first chunk, then close our end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, CLI_TEST_TIMEOUT);
});
