// A NUL character (%00) in an address or a form names nothing. PostgreSQL's text cannot hold U+0000
// and refuses any statement whose parameter carries one, so without care these would answer 500
// there while SQLite answers 404. Run on both databases.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSignedInUser, type TestSession } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let editor: TestSession;

beforeAll(async () => {
  site = await createTestApp();
  editor = await createSignedInUser(site, 'editor');
  await createArticles(site, [articleInput({ title: 'A story with a topic' })]);
});
afterAll(() => site.close());

test.each(['/%00/', '/topic/%00/', '/author/a%00b/', '/2024/03/01/story%00/', '/markets/feed.xml%00', '/newsroom/setup/?token=%00'])('GET %s is not found', async (url) => {
  expect((await site.app.inject({ url })).statusCode).toBe(404);
});

test('a media search with a NUL finds nothing and answers 200', async () => {
  const response = await site.app.inject({ url: '/api/newsroom/media?q=a%00b', headers: { cookie: editor.cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual([]);
});
