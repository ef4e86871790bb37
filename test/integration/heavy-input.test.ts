/**
 * Findings of issue 8 about input that used to stall the server (#1 revision diff, #2 regex
 * backtracking on the body): the worst inputs at the size limits get a clear answer while
 * /healthz keeps answering.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, type TestSession } from '../support/newsroom.js';
import { createStoryAs, postForm, pressEditorButton, storyForm } from '../support/newsroom-stories.js';
import { PROBE_LIMIT_MS, whileProbing } from '../support/event-loop-probe.js';
import { visibleLines } from '../support/visible-text.js';

const visibleText = (html: string) => visibleLines(html).join('\n');

let testApp: TestApp;
let editor: TestSession;
let port: number;

beforeEach(async () => {
  testApp = await createTestApp();
  editor = await createSignedInUser(testApp, 'editor');
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  port = (testApp.app.server.address() as AddressInfo).port;
});
afterEach(async () => testApp.close());

describe('story bodies that used to block the event loop', () => {
  test('the editor shown again after a validation error with 60,000 "<" in the body answers at once', async () => {
    const body = '<'.repeat(60_000);
    const { result: response, probe } = await whileProbing(port, () => postForm(testApp, editor, '/newsroom/stories/', { ...storyForm({ title: '', body }), action: 'save' }));
    expect(response.statusCode).toBe(400);
    expect(visibleText(response.body)).toContain('Give the story a title.');
    expect(probe.worstMs).toBeLessThan(PROBE_LIMIT_MS);
  });

  test('a body nested 100,000 tags deep is refused with a message on the body field, without stalling /healthz', async () => {
    const body = '<b>'.repeat(100_000);
    const { result: response, probe } = await whileProbing(port, () => postForm(testApp, editor, '/newsroom/stories/', { ...storyForm({ body }), action: 'save' }));
    expect(response.statusCode).toBe(400);
    expect(visibleText(response.body)).toContain('The body holds more than 5,000 tags');
    expect(probe.worstMs).toBeLessThan(PROBE_LIMIT_MS);
  });
});

describe('revision diffs', () => {
  const words = (seed: number) => Array.from({ length: 4_000 }, (_, index) => `w${(index * seed) % 9_973}`).join(' ');

  test('two long, very different revisions: the page shows both versions as too large to compare, and /healthz keeps answering', async () => {
    const id = await createStoryAs(testApp, editor, { body: `<p>${words(7)}</p>` });
    const saved = await pressEditorButton(testApp, editor, id, 'save', { body: `<p>${words(13)}</p>` });
    expect(saved.statusCode).toBe(303);
    const { result: page, probe } = await whileProbing(port, () =>
      testApp.app.inject({ method: 'GET', url: `/newsroom/stories/${id}/revisions/1/`, headers: { cookie: editor.cookie } }),
    );
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Too large to compare word by word: both versions are shown in full.');
    expect(text).toContain(words(7));
    expect(text).toContain(words(13));
    expect(probe.worstMs).toBeLessThan(PROBE_LIMIT_MS);
  });
});
