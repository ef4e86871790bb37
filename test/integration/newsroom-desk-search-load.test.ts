import { afterAll, beforeAll, expect, test } from 'vitest';
import { DESK_TEXT_WINDOW } from '../../src/content/stories/index.js';
import { PROBE_LIMIT_MS, whileProbing } from '../support/event-loop-probe.js';
import { createSignedInUser, createTestClock, type TestSession } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// The story list's text search with the worst input — the longest text kept, the most words, none
// of them found, so every word is compared with every story of the window — over more stories
// than the window holds, each with a long body: the event loop stays free (design: no request
// blocks it for more than 100 ms, whatever its input).

const STORIES = DESK_TEXT_WINDOW * 2;
// Long bodies: the search must not read them (each story's body is stored before some of the columns it filters on).
const BODY = `<p>${'Quarterly revenue rose on strong demand for memory chips and servers. '.repeat(300)}</p>`;

let testApp: TestApp;
let port: number;
let editor: TestSession;

beforeAll(async () => {
  testApp = await createTestApp({}, { clock: createTestClock('2026-01-05T09:00:00.000Z') });
  editor = await createSignedInUser(testApp, 'editor');
  await createArticles(testApp, [articleInput({ uri: 'urn:test:load:seed', title: 'Seed story', bodyHtml: BODY })]);
  // Copies of one stored story, written in a few statements: the list reads the articles table only.
  const db = testApp.database.db;
  const { id: _id, ...seed } = await db.selectFrom('articles').selectAll().where('uri', '=', 'urn:test:load:seed').executeTakeFirstOrThrow();
  for (let start = 0; start < STORIES; start += 200) {
    const rows = Array.from({ length: 200 }, (_, index) => ({ ...seed, uri: `urn:test:load:${start + index}`, slug: `load-${start + index}`, title: `Load story ${start + index}` }));
    await db.insertInto('articles').values(rows).execute();
  }
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  port = (testApp.app.server.address() as { port: number }).port;
}, 180_000);
afterAll(async () => testApp.close());

test('the worst text search keeps the event loop free', async () => {
  // Eight words of 24 letters (200 characters), found nowhere, with wildcard characters between.
  const text = Array.from({ length: 8 }, (_, index) => `${'zq'.repeat(11)}${index}%`).join('_').slice(0, 200);
  const url = `/newsroom/stories/?q=${encodeURIComponent(text)}&sort=headline`;
  const { result: page, probe } = await whileProbing(port, () => testApp.app.inject({ method: 'GET', url, headers: { cookie: editor.cookie } }));
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('No stories match');
  expect(probe.worstMs).toBeLessThan(PROBE_LIMIT_MS);
}, 60_000);
