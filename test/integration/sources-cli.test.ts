/**
 * `fortune-sky sources add` and `sources list`, run as the real command against the test's
 * database: a source added with its options, audited as from the command line; a bad option
 * refused with the option named and nothing added; the list shows the sources' state.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findSourceByName } from '../../src/ingest/pipeline/index.js';
import { runCli } from '../support/cli-process.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let env: Record<string, string>;

beforeAll(async () => {
  site = await createTestApp();
  env = { DATABASE_URL: site.databaseUrl, DEMO_CONTENT: 'false', SITE_URL: 'http://news.test' };
});
afterAll(async () => site.close());

test('sources add, then sources list', async () => {
  const added = await runCli(['sources', 'add', 'https://wire.example.com/rss.xml', '--section', 'Markets', '--policy', 'publish', '--every', '15m'], env);
  expect(added).toMatchObject({ code: 0 });
  expect(added.stdout).toMatch(/^Added source \d+: wire\.example\.com <https:\/\/wire\.example\.com\/rss\.xml>\.$/m);
  expect(await findSourceByName(site.database.db, 'wire.example.com')).toMatchObject({ defaultSection: 'Markets', policy: 'publish', pollSeconds: 900, isEnabled: true, credit: 'wire.example.com' });
  const audit = await site.database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'ingest.source_added').executeTakeFirstOrThrow();
  expect(JSON.parse(audit.detail)).toMatchObject({ via: 'cli' });

  const refused = await runCli(['sources', 'add', 'file:///etc/passwd', '--name', 'Bad', '--every', '5s', '--policy', 'maybe'], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('The source was not added');
  for (const option of ['URL', '--every', '--policy']) expect(refused.stderr).toContain(`  ${option}: `);
  expect(await findSourceByName(site.database.db, 'Bad')).toBeUndefined();

  expect((await runCli(['sources', 'add', 'https://a.example.com/f', '--name', 'Agency', '--disabled'], env)).code).toBe(0);
  const listed = await runCli(['sources', 'list'], env);
  expect(listed.code).toBe(0);
  const lines = listed.stdout.trim().split('\n');
  expect(lines[0]).toBe('id\tname\tstate\tpolicy\tlast success\tlast error\titems\turl');
  expect(lines.slice(1).map((line) => line.split('\t').slice(1, 4))).toEqual([
    ['Agency', 'disabled', 'draft'],
    ['wire.example.com', 'every 15m', 'publish'],
  ]);
  expect((await runCli(['sources', 'remove'], env)).code).toBe(2);
});
