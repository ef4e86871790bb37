import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/newsroom/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, type TestSession } from '../support/newsroom.js';
import { createStoryAs, postForm, pressEditorButton, storyForm } from '../support/newsroom-stories.js';

// story.read (docs/newsroom.md): contributors and authors read their own stories only; editors
// and admins every story. Checked on every path that shows a story: editor, preview, revisions,
// a revision's diff, a re-shown (refused) form, autosave, the story list and the dashboard.
const SECRET = 'Secret merger talks draft';

let testApp: TestApp;
const clock = createTestClock('2026-05-01T09:00:00.000Z');
let writer: TestSession;
const sessions = {} as Record<Role, TestSession>;
let draftId: number;
let reviewId: number;

beforeAll(async () => {
  testApp = await createTestApp({}, { clock });
  writer = await createSignedInUser(testApp, 'contributor');
  for (const role of ['contributor', 'author', 'editor', 'admin'] as const) sessions[role] = await createSignedInUser(testApp, role);
  draftId = await createStoryAs(testApp, writer, { title: SECRET, bylines: 'Staff Writer' });
  // A second revision, so the revision diff has something to compare.
  expect((await pressEditorButton(testApp, writer, draftId, 'save', { title: SECRET, body: '<p>Second take on the secret.</p>', bylines: 'Staff Writer' })).statusCode).toBe(303);
  reviewId = await createStoryAs(testApp, writer, { title: `${SECRET} in review`, bylines: 'Staff Writer' });
  expect((await pressEditorButton(testApp, writer, reviewId, 'submit', { title: `${SECRET} in review`, bylines: 'Staff Writer' })).statusCode).toBe(303);
});
afterAll(async () => testApp.close());

const get = (url: string, session: TestSession) => testApp.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

const storyPages = (id: number) => [`/newsroom/stories/${id}/edit`, `/newsroom/stories/${id}/preview`, `/newsroom/stories/${id}/revisions/`, `/newsroom/stories/${id}/revisions/1/`];

describe('reading stories (story.read)', () => {
  for (const role of ['contributor', 'author'] as const) {
    test(`a ${role} cannot open another writer's draft: editor, preview, revisions and diff answer 403 without its text`, async () => {
      for (const url of storyPages(draftId)) {
        const response = await get(url, sessions[role]);
        expect(response.statusCode, url).toBe(403);
        expect(response.body, url).not.toContain(SECRET);
        expect(response.body, url).toContain('story.read');
      }
    });

    test(`a ${role} cannot read another writer's draft through a refused form or autosave`, async () => {
      const invalid = await postForm(testApp, sessions[role], `/newsroom/stories/${draftId}/edit`, { ...storyForm({ title: '' }), revision: '2', action: 'save' });
      expect(invalid.statusCode).toBe(403);
      expect(invalid.body).not.toContain(SECRET);
      const correction = await postForm(testApp, sessions[role], `/newsroom/stories/${draftId}/corrections`, { revision: '1', correction: '' });
      expect(correction.statusCode).toBe(403);
      expect(correction.body).not.toContain(SECRET);
      const autosave = await testApp.app.inject({
        method: 'POST',
        url: `/api/newsroom/stories/${draftId}/autosave`,
        headers: { cookie: sessions[role].cookie, 'x-csrf-token': sessions[role].csrfToken },
        payload: { ...storyForm({ title: 'Overwritten' }), revision: 1 },
      });
      expect(autosave.statusCode).toBe(403);
      expect(autosave.body).not.toContain(SECRET);
    });

    test(`a ${role}'s story list and dashboard leave out other writers' stories`, async () => {
      const list = await get('/newsroom/stories/', sessions[role]);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(SECRET);
      const inReview = await get('/newsroom/stories/?status=in_review', sessions[role]);
      expect(inReview.body).not.toContain(SECRET);
      const dashboard = await get('/newsroom/', sessions[role]);
      expect(dashboard.statusCode).toBe(200);
      expect(dashboard.body).not.toContain(SECRET);
    });
  }

  test('the writer reads their own drafts everywhere', async () => {
    for (const url of storyPages(draftId)) {
      const response = await get(url, writer);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain(SECRET);
    }
    expect((await get('/newsroom/stories/', writer)).body).toContain(SECRET);
    expect((await get('/newsroom/', writer)).body).toContain(`${SECRET} in review`);
  });

  for (const role of ['editor', 'admin'] as const) {
    test(`an ${role} reads every story: pages, list and dashboard`, async () => {
      for (const url of storyPages(draftId)) {
        const response = await get(url, sessions[role]);
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).toContain(SECRET);
      }
      expect((await get('/newsroom/stories/', sessions[role])).body).toContain(SECRET);
      expect((await get('/newsroom/', sessions[role])).body).toContain(`${SECRET} in review`);
      expect(reviewId).toBeGreaterThan(0);
    });
  }
});
