import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../app-setup.js';
import { createChangeWriter } from '../../changes/index.js';
import { AppError } from '../../errors.js';
import type { Database, Writer } from '../../storage/index.js';
import { saveArticle } from '../articles/index.js';
import { loadFrontPageCuration, saveFrontPageCuration } from './curation-store.js';
import { addTopStory, removeFromFrontPage, setLead, type CurationChange, type FrontPageCuration } from './front-page.js';
import { createFreshDatabase, type FreshDatabase } from '../../storage/fresh-database.js';

let fresh: FreshDatabase;
let database: Database;
let writer: Writer;
const ids: number[] = [];
const now = new Date('2026-05-01T09:00:00Z');

beforeEach(async () => {
  fresh = await createFreshDatabase();
  database = await openReadyDatabase({ databaseUrl: fresh.url });
  writer = createChangeWriter(database);
  ids.length = 0;
  for (const n of [1, 2, 3]) {
    const saved = await writer.run(now, (work) =>
      saveArticle(
        work,
        { uri: `urn:test:${n}`, status: 'published', title: `Story ${n}`, dek: '', excerpt: null, bodyHtml: '<p>Text.</p>', section: null, bylines: [], tags: [], canonicalUrl: null, source: 'test', language: 'en', publishedAt: '2026-05-01T08:00:00Z', updatedAt: null },
        { now, timeZone: 'UTC', actor: 'test' },
      ),
    );
    ids.push(saved.id);
  }
});
afterEach(async () => {
  await database.close();
  await fresh.remove();
});

/** A curator's step applied to what they read earlier (`before`), as two people with one page open would. */
function curate(before: FrontPageCuration, change: CurationChange) {
  if (!change.ok) throw new Error(change.reason);
  return writer.run(now, (work) => saveFrontPageCuration(work, before, change.curation));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('two curators at once', () => {
  test('both setting the lead on an empty page: the first is kept, the second is a clean FRONT_PAGE_CONFLICT', async () => {
    const seen = await loadFrontPageCuration(database.db);
    await curate(seen, setLead(seen, ids[0]!));
    const error = await refusal(curate(seen, setLead(seen, ids[1]!)));
    expect([error.code, error.kind]).toEqual(['FRONT_PAGE_CONFLICT', 'conflict']);
    expect(await loadFrontPageCuration(database.db)).toEqual({ leadId: ids[0], topIds: [] });
  });

  test('both adding a top story to the same place: one is kept, the other is a clean conflict', async () => {
    const seen = await loadFrontPageCuration(database.db);
    await curate(seen, addTopStory(seen, ids[0]!));
    expect((await refusal(curate(seen, addTopStory(seen, ids[1]!)))).code).toBe('FRONT_PAGE_CONFLICT');
    expect(await loadFrontPageCuration(database.db)).toEqual({ leadId: null, topIds: [ids[0]] });
  });

  test('changes that touch different places are both kept', async () => {
    const start = await loadFrontPageCuration(database.db);
    await curate(start, setLead(start, ids[0]!));
    const seen = await loadFrontPageCuration(database.db);
    await curate(seen, addTopStory(seen, ids[1]!));
    await curate(seen, removeFromFrontPage(seen, ids[0]!));
    expect(await loadFrontPageCuration(database.db)).toEqual({ leadId: null, topIds: [ids[1]] });
  });
});
