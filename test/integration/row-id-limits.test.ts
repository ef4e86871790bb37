// Ids and revision numbers from addresses and forms are 32-bit integers on every database. A larger
// number names nothing: on PostgreSQL it must never reach a query ("out of range for type
// integer" would be a 500), so every route answers as for any other id that names nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSignedInUser, type TestSession } from '../support/newsroom.js';
import { createStoryAs, currentRevision, postForm, storyForm } from '../support/newsroom-stories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PAST_LIMIT = '2147483648';
const FAR_PAST_LIMIT = '9999999999';

let site: TestApp;
let admin: TestSession;
let storyId: number;

beforeAll(async () => {
  site = await createTestApp();
  admin = await createSignedInUser(site, 'admin');
  storyId = await createStoryAs(site, admin);
});
afterAll(() => site.close());

describe('numbers past the largest id', () => {
  test.each([
    `/newsroom/stories/${PAST_LIMIT}/edit`,
    `/newsroom/stories/${FAR_PAST_LIMIT}/preview`,
    `/newsroom/stories/${PAST_LIMIT}/revisions/`,
    `/newsroom/stories/1/revisions/${PAST_LIMIT}/`,
    `/api/v1/articles/${PAST_LIMIT}.ninjs`,
  ])('GET %s is not found', async (url) => {
    const response = await site.app.inject({ url, headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(404);
  });

  test('the audit log paged from past the largest id shows its first page', async () => {
    const response = await site.app.inject({ url: `/newsroom/audit/?before=${FAR_PAST_LIMIT}`, headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(200);
  });

  test.each([
    [`/newsroom/users/${PAST_LIMIT}/role/`, { role: 'editor' }],
    [`/newsroom/sections/${PAST_LIMIT}/delete`, {}],
    [`/newsroom/stories/${PAST_LIMIT}/corrections`, { correction: 'A fix.', revision: '1' }],
    [`/newsroom/stories/1/revisions/${PAST_LIMIT}/restore`, { revision: '1' }],
  ])('POST %s is not found', async (url, fields) => {
    const response = await postForm(site, admin, url, fields);
    expect(response.statusCode).toBe(404);
  });

  test('a story saved with a base revision past the largest is refused with a message, not a server error', async () => {
    const response = await postForm(site, admin, `/newsroom/stories/${storyId}/edit`, { ...storyForm(), action: 'save', revision: FAR_PAST_LIMIT });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.statusCode).not.toBe(303);
    // Nothing was written: the story is still at its first revision.
    expect(await currentRevision(site, admin, storyId)).toBe(1);
  });

  test('a restore without a base revision is a conflict, not a server error', async () => {
    const response = await postForm(site, admin, `/newsroom/stories/${storyId}/revisions/1/restore`, {});
    expect(response.statusCode).toBe(409);
  });
});
