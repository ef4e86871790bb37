import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../app-setup.js';
import { AppError } from '../../errors.js';
import { createChangeWriter } from '../../changes/index.js';
import type { Database, Writer } from '../../storage/index.js';
import { findStoryRecord, listCorrections, listRevisions } from './story-store.js';
import {
  addCorrection,
  createStory,
  publishDueStories,
  publishStory,
  restoreRevision,
  saveStory,
  scheduleStory,
  submitForReview,
  unpublishStory,
  updatePublishedStory,
  type StoryContext,
  type StoryFields,
} from './story-workflow.js';
import { createFreshDatabase, type FreshDatabase } from '../../storage/fresh-database.js';

let fresh: FreshDatabase;
let database: Database;
let writer: Writer;
let uriCount = 0;
const allow = () => {};
// Audit rows are checked through the audit page (test/integration/newsroom-audit.test.ts).
const noAudit = async () => {};
const at = (iso: string): StoryContext => ({ now: new Date(iso), timeZone: 'UTC', actor: { userId: 1, name: 'Ana Cruz' }, audit: noAudit });

function fields(overrides: Partial<StoryFields> = {}): StoryFields {
  return {
    title: 'Rates hold steady',
    dek: 'The central bank waits.',
    excerpt: null,
    bodyHtml: '<p>The bank held rates.</p>',
    slug: '',
    section: 'markets',
    bylines: ['Ana Cruz'],
    topics: ['Rates'],
    canonicalUrl: null,
    ...overrides,
  };
}

async function create(overrides: Partial<StoryFields> = {}) {
  uriCount += 1;
  return createStory(writer, fields(overrides), { ...at('2026-05-01T09:00:00Z'), uri: `urn:test:story:${uriCount}`, language: 'en' });
}

beforeEach(async () => {
  fresh = await createFreshDatabase();
  database = await openReadyDatabase({ databaseUrl: fresh.url });
  writer = createChangeWriter(database);
});
afterEach(async () => {
  await database.close();
  await fresh.remove();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('story workflow', () => {
  test('create → submit → publish → update → unpublish, each a revision', async () => {
    const created = await create();
    expect(created).toMatchObject({ status: 'draft', revision: 1, slug: 'rates-hold-steady', urlDate: null });
    const record = await findStoryRecord(database.db, created.id);
    expect(record?.createdByUserId).toBe(1);

    const submitted = await submitForReview(writer, { id: created.id, baseRevision: 1 }, at('2026-05-01T09:05:00Z'), allow);
    expect(submitted).toMatchObject({ status: 'in_review', revision: 2 });
    const published = await publishStory(writer, { id: created.id, baseRevision: 2 }, at('2026-05-01T09:10:00Z'), allow);
    expect(published).toMatchObject({ status: 'published', urlDate: '2026-05-01' });
    const updated = await updatePublishedStory(
      writer,
      { id: created.id, baseRevision: 3, fields: fields({ title: 'Rates hold, for now' }), isMaterial: true },
      at('2026-05-01T10:00:00Z'),
      allow,
    );
    expect(updated.revision).toBe(4);
    expect((await findStoryRecord(database.db, created.id))?.article).toMatchObject({
      title: 'Rates hold, for now',
      publishedAt: '2026-05-01T09:10:00.000Z',
      updatedAt: '2026-05-01T10:00:00.000Z',
    });
    const unpublished = await unpublishStory(writer, { id: created.id, baseRevision: 4 }, at('2026-05-01T11:00:00Z'), allow);
    expect(unpublished.status).toBe('unpublished');
    const revisions = await listRevisions(database.db, created.id);
    expect(revisions.map((r) => r.note)).toEqual(['Unpublished', 'Updated (material)', 'Published', 'Submitted for review', 'Created']);
    expect(revisions[0]?.createdBy).toBe('Ana Cruz');
  });

  test('a non-material update keeps the Updated time', async () => {
    const { id } = await create();
    await publishStory(writer, { id, baseRevision: 1 }, at('2026-05-01T09:10:00Z'), allow);
    await updatePublishedStory(writer, { id, baseRevision: 2, fields: fields({ dek: 'Typo fixed.' }), isMaterial: false }, at('2026-05-01T10:00:00Z'), allow);
    expect((await findStoryRecord(database.db, id))?.article.updatedAt).toBeNull();
  });

  test('a stale revision is refused with who-saved-when, and nothing is overwritten', async () => {
    const { id } = await create();
    await saveStory(writer, { id, baseRevision: 1, fields: fields({ title: 'Theirs' }) }, at('2026-05-01T09:42:00Z'), allow);
    const error = await refusal(saveStory(writer, { id, baseRevision: 1, fields: fields({ title: 'Mine' }) }, at('2026-05-01T09:43:00Z'), allow));
    expect(error.code).toBe('STORY_CONFLICT');
    expect(error.message).toBe('Someone else saved this story at 09:42; your changes are kept below — reload to see theirs.');
    expect((await findStoryRecord(database.db, id))?.article.title).toBe('Theirs');
  });

  test('refused steps name the reason and change nothing', async () => {
    const { id } = await create();
    const error = await refusal(unpublishStory(writer, { id, baseRevision: 1 }, at('2026-05-01T09:10:00Z'), allow));
    expect(error).toMatchObject({ code: 'STORY_STEP_REFUSED', message: 'This story is a draft: only published stories can be unpublished.' });
    expect((await findStoryRecord(database.db, id))?.article.revision).toBe(1);
  });

  test('the authorize callback runs inside the step and can refuse', async () => {
    const { id } = await create();
    const forbid = () => {
      throw new AppError('FORBIDDEN', 'forbidden', 'no');
    };
    expect((await refusal(publishStory(writer, { id, baseRevision: 1 }, at('2026-05-01T09:10:00Z'), forbid))).kind).toBe('forbidden');
    expect((await findStoryRecord(database.db, id))?.article.status).toBe('draft');
  });

  test('a taken slug is suffixed and the person is told', async () => {
    await create({ title: 'Same title' });
    const second = await create({ title: 'Same title' });
    expect(second.slug).toBe('same-title-2');
    expect(second.notices).toEqual(['The slug “same-title” is taken by another story, so this one uses “same-title-2”.']);
  });

  test('scheduled stories publish when due, not before, to the minute', async () => {
    const { id } = await create();
    const scheduled = await scheduleStory(writer, { id, baseRevision: 1, publishAt: new Date('2026-05-01T10:00:30Z') }, at('2026-05-01T09:10:00Z'), allow);
    expect(scheduled.status).toBe('scheduled');
    expect((await findStoryRecord(database.db, id))?.scheduledFor).toBe('2026-05-01T10:00:00.000Z');
    const scheduler = { timeZone: 'UTC', actor: { userId: null, name: 'Scheduler' }, audit: noAudit };
    expect(await publishDueStories(writer, { ...scheduler, now: new Date('2026-05-01T09:59:59Z') })).toEqual([]);
    expect(await publishDueStories(writer, { ...scheduler, now: new Date('2026-05-01T10:00:02Z') })).toEqual([id]);
    const record = await findStoryRecord(database.db, id);
    expect(record?.article).toMatchObject({ status: 'published', publishedAt: '2026-05-01T10:00:02.000Z' });
    expect(record?.scheduledFor).toBeNull();
  });

  test('a publish time in the past is refused', async () => {
    const { id } = await create();
    const error = await refusal(scheduleStory(writer, { id, baseRevision: 1, publishAt: new Date('2026-05-01T08:00:00Z') }, at('2026-05-01T09:10:00Z'), allow));
    expect(error.code).toBe('PUBLISH_TIME_INVALID');
  });

  test('a correction is a dated note and moves the modified time', async () => {
    const { id } = await create();
    await publishStory(writer, { id, baseRevision: 1 }, at('2026-05-01T09:10:00Z'), allow);
    await addCorrection(writer, { id, baseRevision: 2, text: 'An earlier version misstated the rate.' }, at('2026-05-02T08:00:00Z'), allow);
    expect(await listCorrections(database.db, id)).toEqual([{ text: 'An earlier version misstated the rate.', publishedAt: '2026-05-02T08:00:00.000Z' }]);
    expect((await findStoryRecord(database.db, id))?.article.updatedAt).toBe('2026-05-02T08:00:00.000Z');
    expect((await refusal(addCorrection(writer, { id, baseRevision: 3, text: '  ' }, at('2026-05-02T08:00:00Z'), allow))).code).toBe('CORRECTION_REQUIRED');
  });

  test('restoring a revision saves its content as a new revision', async () => {
    const { id } = await create({ title: 'First title', bodyHtml: '<p>First body.</p>' });
    await saveStory(writer, { id, baseRevision: 1, fields: fields({ title: 'Second title', bodyHtml: '<p>Second body.</p>' }) }, at('2026-05-01T09:20:00Z'), allow);
    const restored = await restoreRevision(writer, { id, baseRevision: 2, revision: 1 }, at('2026-05-01T09:30:00Z'), allow);
    expect(restored.revision).toBe(3);
    expect((await findStoryRecord(database.db, id))?.article).toMatchObject({ title: 'First title', bodyHtml: '<p>First body.</p>', status: 'draft' });
    expect((await listRevisions(database.db, id))[0]?.note).toBe('Restored revision 1');
  });

  test('bodies are sanitized on every save', async () => {
    const { id } = await create({ bodyHtml: '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">link</a></p>' });
    expect((await findStoryRecord(database.db, id))?.article.bodyHtml).toBe('<p>Hi<a>link</a></p>');
  });
});
