// Two processes writing one SQLite file: the command-line import runs while the newsroom creates
// and publishes stories. Neither may fail because the other committed in between (found by the
// soak: a deferred transaction that read first could not take the write lock: "database is locked").
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSignedInUser, type TestSession } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';

const temp = createTempDir();
let site: TestApp;
let editor: TestSession;

beforeAll(async () => {
  site = await createTestApp();
  editor = await createSignedInUser(site, 'editor');
});
afterAll(async () => {
  await site.close();
  temp.remove();
});

test('the CLI import and newsroom publishing run at once without errors on either side', async () => {
  const files = Array.from({ length: 8 }, (_, file) => {
    const path = join(temp.dir, `wire-${file}.ndjson`);
    const items = Array.from({ length: 40 }, (_, item) => ({
      uri: `urn:concurrent:${file}:${item}`,
      headlines: [{ value: `Wire story ${file}-${item}` }],
      bodies: [{ contentType: 'text/plain', value: `Wire copy ${file}-${item}. ${'Shares rose. '.repeat(40)}` }],
      subjects: [{ name: `Wire topic ${item % 9}` }],
    }));
    writeFileSync(path, items.map((item) => JSON.stringify(item)).join('\n'));
    return path;
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', ...files], {
    env: { ...process.env, DATABASE_URL: site.databaseUrl, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let isImporting = true;
  void exitCode.then(() => (isImporting = false));

  // Publish while the import runs (it starts writing once the first file is parsed).
  const statuses: number[] = [];
  while (isImporting) {
    const id = await createStoryAs(site, editor, { title: `Desk story ${statuses.length}` });
    const response = await pressEditorButton(site, editor, id, 'publish', { title: `Desk story ${statuses.length}` });
    statuses.push(response.statusCode);
    if (response.statusCode >= 500) break;
  }
  expect(await exitCode, output).toBe(0);
  expect(statuses.filter((status) => status !== 303)).toEqual([]);
  const imported = await site.database.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('uri', 'like', 'urn:concurrent:%').executeTakeFirst();
  expect(Number(imported?.n)).toBe(8 * 40);
}, 180_000);
