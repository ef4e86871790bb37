/**
 * `fortune-sky sources add`, `sources list` and `sources poll`, run as the real command against the
 * test's database: a source added with its options, audited as from the command line; a bad option
 * refused with the option named and nothing added; the list shows the sources' state; a poll prints
 * its outcome, and a bad id is an error.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

test('sources poll polls a feed now and prints what it took; an unknown or disabled source is an error', async () => {
  const rss = readFileSync(new URL('../fixtures/feeds/rss2-edge-cases.xml', import.meta.url));
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss.xml`;
    const added = await runCli(['sources', 'add', url, '--name', 'Loopback wire'], env);
    const id = /^Added source (\d+)/m.exec(added.stdout)![1]!;
    const polled = await runCli(['sources', 'poll', id], { ...env, INGEST_ALLOW_PRIVATE: 'true' });
    expect(polled).toMatchObject({ code: 0, stdout: `${id} Loopback wire: fetched, 3 new, 0 updated, 1 unchanged, 0 duplicates\n` });
    // Without INGEST_ALLOW_PRIVATE the loopback address is refused: recorded, so still exit 0.
    const refused = await runCli(['sources', 'poll', id], env);
    expect(refused).toMatchObject({ code: 0, stdout: expect.stringMatching(/Loopback wire: refused — 127\.0\.0\.1 is not a public address/) });
    expect((await runCli(['sources', 'poll', '9999'], env)).code).toBe(1);
    const agency = await findSourceByName(site.database.db, 'Agency');
    expect(await runCli(['sources', 'poll', String(agency!.id)], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/not polled/) });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
