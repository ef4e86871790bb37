import { afterEach, beforeEach, expect, test } from 'vitest';
import { createSignedInUser, createTestClock, type TestClock } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let clock: TestClock;
beforeEach(async () => {
  clock = createTestClock('2026-05-01T09:00:00.000Z');
  site = await createTestApp({}, { clock });
});
afterEach(async () => site.close());

const jobs = () => site.database.db.selectFrom('jobs').select(['kind', 'key', 'run_at']).execute();

// The schedule's job moves with the story in its own transaction: a cancelled or moved schedule
// leaves no job behind that would publish at the old time.
test('scheduling a story enqueues its job, rescheduling moves it, cancelling removes it', async () => {
  const editor = await createSignedInUser(site, 'editor');
  const title = 'Markets brace for the jobs report';
  const id = await createStoryAs(site, editor, { title });
  expect((await pressEditorButton(site, editor, id, 'schedule', { title, publish_at: '2026-05-01T10:00' })).statusCode).toBe(303);
  expect(await jobs()).toEqual([{ kind: 'story.publish', key: String(id), run_at: '2026-05-01T10:00:00.000Z' }]);

  expect((await pressEditorButton(site, editor, id, 'unschedule', { title })).statusCode).toBe(303);
  expect(await jobs()).toEqual([]);
  clock.set('2026-05-01T10:00:00.000Z');
  expect(await site.scheduledPublisher.runDue()).toEqual([]);
  expect((await site.app.inject({ method: 'GET', url: '/' })).body).not.toContain(title);

  expect((await pressEditorButton(site, editor, id, 'submit', { title })).statusCode).toBe(303);
  expect((await pressEditorButton(site, editor, id, 'schedule', { title, publish_at: '2026-05-01T11:00' })).statusCode).toBe(303);
  expect((await pressEditorButton(site, editor, id, 'schedule', { title, publish_at: '2026-05-01T12:00' })).statusCode).toBe(303);
  expect(await jobs()).toEqual([{ kind: 'story.publish', key: String(id), run_at: '2026-05-01T12:00:00.000Z' }]);
  clock.set('2026-05-01T11:30:00.000Z');
  expect(await site.scheduledPublisher.runDue()).toEqual([]);
  clock.set('2026-05-01T12:00:00.000Z');
  expect(await site.scheduledPublisher.runDue()).toEqual([id]);
  expect((await site.app.inject({ method: 'GET', url: '/' })).body).toContain(title);
  expect(await jobs()).toEqual([]);
});
