/**
 * Story helpers for newsroom integration tests: drive the editor form as a browser without
 * JavaScript would (the body is the HTML text box).
 */
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { formBody, formHeaders, type TestSession } from './newsroom.js';

/** The editor's form fields, as the no-JS form posts them. */
export function storyForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Rates hold steady',
    dek: 'The central bank waits for more data.',
    excerpt: '',
    body: '<p>The central bank held its main rate on Tuesday, as expected by most economists.</p>',
    section: 'markets',
    bylines: 'Ana Cruz',
    topics: 'Rates, Central banks',
    slug: '',
    canonical_url: '',
    ...overrides,
  };
}

/** Posts a form as the signed-in session. */
export function postForm(testApp: TestApp, session: TestSession, url: string, fields: Record<string, string>) {
  return testApp.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
}

/** Creates a story through "New story" → "Save draft"; returns its id. */
export async function createStoryAs(testApp: TestApp, session: TestSession, overrides: Record<string, string> = {}): Promise<number> {
  const response = await postForm(testApp, session, '/newsroom/stories/', { ...storyForm(overrides), action: 'save' });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
  const id = /\/newsroom\/stories\/(\d+)\/edit/.exec(String(response.headers.location))?.[1];
  return Number(id);
}

/** The current revision of a story, read from its editor page. */
export async function currentRevision(testApp: TestApp, session: TestSession, id: number): Promise<number> {
  const page = await testApp.app.inject({ method: 'GET', url: `/newsroom/stories/${id}/edit`, headers: { cookie: session.cookie } });
  const revision = /name="revision" value="(\d+)"/.exec(page.body)?.[1];
  if (!revision) throw new Error(`No revision on the editor page of story ${id} (status ${page.statusCode}).`);
  return Number(revision);
}

/** Presses one of the editor's buttons with the given fields (the current revision unless given). */
export async function pressEditorButton(
  testApp: TestApp,
  session: TestSession,
  id: number,
  action: string,
  overrides: Record<string, string> = {},
) {
  const revision = overrides.revision ?? String(await currentRevision(testApp, session, id));
  return postForm(testApp, session, `/newsroom/stories/${id}/edit`, { ...storyForm(), ...overrides, revision, action });
}
