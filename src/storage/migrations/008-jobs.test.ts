import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createMigrationContext } from '../migration-context.js';
import * as contentCore from './001-content.js';
import * as sitemapIndex from './002-sitemap-index.js';
import * as accounts from './003-accounts.js';
import * as workflow from './004-workflow.js';
import * as media from './005-media.js';
import * as curation from './006-curation.js';
import * as auditKind from './007-audit-kind.js';
import * as jobs from './008-jobs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
afterEach(async () => db.destroy());

it('008-jobs gives every story scheduled before it a publishing job, due at its schedule', async () => {
  const context = createMigrationContext('sqlite');
  for (const migration of [contentCore, sitemapIndex, accounts, workflow, media, curation, auditKind]) await migration.up(db, context);
  await sql`INSERT INTO sections (slug, name) VALUES ('markets', 'Markets')`.execute(db);
  for (const [uri, status, scheduledFor] of [
    ['urn:a', 'scheduled', '2026-05-01T10:00:00.000Z'],
    ['urn:b', 'draft', null],
    ['urn:c', 'published', null],
  ] as const) {
    await sql`INSERT INTO articles (uri, slug, status, title, teaser, body_html, section_id, language, source, word_count, created_at, modified_at, revision, scheduled_for)
      VALUES (${uri}, ${uri.slice(4)}, ${status}, 'T', '', '<p>x</p>', 1, 'en', 'own', 1, '2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 1, ${scheduledFor})`.execute(db);
  }
  await jobs.up(db, context);
  const rows = await db.selectFrom('jobs').select(['kind', 'key', 'run_at', 'claimed_by', 'attempts']).execute();
  expect(rows).toEqual([{ kind: 'story.publish', key: '1', run_at: '2026-05-01T10:00:00.000Z', claimed_by: null, attempts: 0 }]);
});
