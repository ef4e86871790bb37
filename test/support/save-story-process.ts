/**
 * A second process saving a story, for tests of concurrent writers on one database file:
 * `node --import tsx test/support/save-story-process.ts DATABASE_URL STORY_ID BASE_REVISION TITLE START_AT_MS`
 * (STORY_ID `new` creates a story titled TITLE instead). Waits until START_AT_MS so several
 * processes save at once, then saves through the same operation as the newsroom and prints
 * {"ok":true,"revision":n} or {"ok":false,"code":"…"}.
 */
import { createChangeWriter } from '../../src/changes/index.js';
import { createStory, saveStory } from '../../src/content/stories/index.js';
import { AppError } from '../../src/errors.js';
import { openDatabase } from '../../src/storage/index.js';

const [databaseUrl, id, baseRevision, title, startAt] = process.argv.slice(2);
const database = openDatabase(databaseUrl!);
const fields = {
  title: title!,
  dek: '',
  excerpt: null,
  bodyHtml: `<p>Saved by ${title}.</p>`,
  slug: '',
  section: 'markets',
  bylines: ['Ana Cruz'],
  topics: ['Rates'],
  canonicalUrl: null,
};
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const context = { now: new Date(), timeZone: 'UTC', actor: { userId: null, name: title! }, audit: async () => {} };
try {
  const writer = createChangeWriter(database);
  const change =
    id === 'new'
      ? await createStory(writer, { ...fields, title: 'Rates hold steady' }, { ...context, uri: `urn:test:${title}`, language: 'en' })
      : await saveStory(writer, { id: Number(id), baseRevision: Number(baseRevision), fields }, context, () => {});
  console.log(JSON.stringify({ ok: true, revision: change.revision }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, code: error instanceof AppError ? error.code : String(error) }));
} finally {
  await database.close();
}
