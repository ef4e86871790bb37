import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findStoryRecord } from '../../src/content/stories/index.js';
import type { Role } from '../../src/newsroom/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, type TestSession } from '../support/newsroom.js';
import { createStoryAs, postForm, pressEditorButton, storyForm } from '../support/newsroom-stories.js';

// The story permission matrix of docs/newsroom.md, through HTTP: every role × every story action,
// on the user's own story and on someone else's. Allowed → 303 back to the editor; refused → 403
// and the story unchanged.
const ROLES: Role[] = ['contributor', 'author', 'editor', 'admin'];

type Whose = 'own' | 'other';
interface Case {
  name: string;
  whose: Whose;
  /** The story's state before the action. */
  start: 'draft' | 'in_review' | 'published';
  allowed: Record<Role, boolean>;
  act: (session: TestSession, id: number) => Promise<LightMyRequestResponse>;
}

let testApp: TestApp;
const clock = createTestClock('2026-05-01T09:00:00.000Z');
let owner: TestSession;
const sessions = {} as Record<Role, TestSession>;

beforeAll(async () => {
  testApp = await createTestApp({}, { clock });
  owner = await createSignedInUser(testApp, 'editor');
  for (const role of ROLES) sessions[role] = await createSignedInUser(testApp, role);
});
afterAll(async () => testApp.close());

const all = { contributor: true, author: true, editor: true, admin: true };
const editorsOnly = { contributor: false, author: false, editor: true, admin: true };
const authorsUp = { contributor: false, author: true, editor: true, admin: true };

const cases: Case[] = [
  { name: 'edit a draft', whose: 'own', start: 'draft', allowed: all, act: (s, id) => press(s, id, 'save', { title: 'Edited title' }) },
  { name: 'edit a draft', whose: 'other', start: 'draft', allowed: editorsOnly, act: (s, id) => press(s, id, 'save', { title: 'Edited title' }) },
  { name: 'edit a story in review', whose: 'own', start: 'in_review', allowed: all, act: (s, id) => press(s, id, 'save', { title: 'Edited title' }) },
  { name: 'submit for review', whose: 'own', start: 'draft', allowed: all, act: (s, id) => press(s, id, 'submit') },
  { name: 'submit for review', whose: 'other', start: 'draft', allowed: editorsOnly, act: (s, id) => press(s, id, 'submit') },
  { name: 'publish', whose: 'own', start: 'in_review', allowed: authorsUp, act: (s, id) => press(s, id, 'publish') },
  { name: 'publish', whose: 'other', start: 'in_review', allowed: editorsOnly, act: (s, id) => press(s, id, 'publish') },
  {
    name: 'schedule',
    whose: 'own',
    start: 'in_review',
    allowed: authorsUp,
    act: (s, id) => press(s, id, 'schedule', { publish_at: '2026-05-01T10:00' }),
  },
  {
    name: 'schedule',
    whose: 'other',
    start: 'in_review',
    allowed: editorsOnly,
    act: (s, id) => press(s, id, 'schedule', { publish_at: '2026-05-01T10:00' }),
  },
  { name: 'update a live story', whose: 'own', start: 'published', allowed: authorsUp, act: (s, id) => press(s, id, 'update', { title: 'Edited title' }) },
  { name: 'update a live story', whose: 'other', start: 'published', allowed: editorsOnly, act: (s, id) => press(s, id, 'update', { title: 'Edited title' }) },
  { name: 'unpublish', whose: 'own', start: 'published', allowed: authorsUp, act: (s, id) => press(s, id, 'unpublish') },
  { name: 'unpublish', whose: 'other', start: 'published', allowed: editorsOnly, act: (s, id) => press(s, id, 'unpublish') },
  { name: 'add a correction', whose: 'own', start: 'published', allowed: authorsUp, act: correct },
  { name: 'add a correction', whose: 'other', start: 'published', allowed: editorsOnly, act: correct },
];

// The revision comes from the database: a role that may not read the story cannot read it from the editor page.
async function revisionOf(id: number): Promise<string> {
  return String((await findStoryRecord(testApp.database.db, id))!.article.revision);
}

async function press(session: TestSession, id: number, action: string, overrides: Record<string, string> = {}) {
  return pressEditorButton(testApp, session, id, action, { revision: await revisionOf(id), ...overrides });
}

async function correct(session: TestSession, id: number) {
  return postForm(testApp, session, `/newsroom/stories/${id}/corrections`, {
    revision: await revisionOf(id),
    correction: 'An earlier version misstated the figure.',
  });
}

async function storyFor(role: Role, whose: Whose, start: Case['start']): Promise<number> {
  const id = await createStoryAs(testApp, whose === 'own' ? sessions[role] : owner, { bylines: 'Staff Writer' });
  if (start === 'in_review') expect((await pressEditorButton(testApp, owner, id, 'submit')).statusCode).toBe(303);
  if (start === 'published') expect((await pressEditorButton(testApp, owner, id, 'publish')).statusCode).toBe(303);
  // A later instant than publication, so an update or correction is a new version.
  clock.advance(1000);
  return id;
}

describe('story permissions', () => {
  test.each(ROLES)('%s may create a story', async (role) => {
    const response = await postForm(testApp, sessions[role], '/newsroom/stories/', { ...storyForm(), action: 'save' });
    expect(response.statusCode).toBe(303);
  });

  for (const c of cases) {
    for (const role of ROLES) {
      const isAllowed = c.allowed[role];
      test(`${role}: ${c.name} (${c.whose}) → ${isAllowed ? 'allowed' : 'refused'}`, async () => {
        const id = await storyFor(role, c.whose, c.start);
        const before = await findStoryRecord(testApp.database.db, id);
        const response = await c.act(sessions[role], id);
        if (isAllowed) {
          expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
          expect((await findStoryRecord(testApp.database.db, id))?.article.revision).toBe(before!.article.revision + 1);
        } else {
          expect(response.statusCode).toBe(403);
          expect(response.body).toContain(`Your role (${role}) does not allow this`);
          expect((await findStoryRecord(testApp.database.db, id))?.article).toEqual(before!.article);
        }
      });
    }
  }

  test('a contributor cannot edit their own story once it is published', async () => {
    const id = await storyFor('contributor', 'own', 'published');
    const response = await pressEditorButton(testApp, sessions.contributor, id, 'update', { title: 'Edited title' });
    expect(response.statusCode).toBe(403);
  });

  test('buttons follow permissions: a contributor sees no Publish, Schedule or Unpublish', async () => {
    const id = await storyFor('contributor', 'own', 'draft');
    const page = await testApp.app.inject({ method: 'GET', url: `/newsroom/stories/${id}/edit`, headers: { cookie: sessions.contributor.cookie } });
    expect(page.body).toContain('>Submit for review</button>');
    expect(page.body).not.toContain('>Publish</button>');
    expect(page.body).not.toContain('>Schedule</button>');
    expect(page.body).not.toContain('Publish at');
  });

  test('signed out: pages redirect to sign in, autosave answers 401', async () => {
    const page = await testApp.app.inject({ method: 'GET', url: '/newsroom/stories/' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/newsroom\/sign-in\/\?next=/);
    const api = await testApp.app.inject({ method: 'POST', url: '/api/newsroom/stories/1/autosave', payload: {} });
    expect([401, 403]).toContain(api.statusCode);
  });

  test('a form without the CSRF token is refused', async () => {
    const id = await storyFor('editor', 'own', 'draft');
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/newsroom/stories/${id}/edit`,
      headers: { cookie: sessions.editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...storyForm(), revision: '1', action: 'publish' }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect((await findStoryRecord(testApp.database.db, id))?.article.status).toBe('draft');
  });
});
