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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
afterEach(async () => db.destroy());

it('007-audit-kind files the sign-in failures already logged under their own kind, and everything else as events', async () => {
  const context = createMigrationContext('sqlite');
  for (const migration of [contentCore, sitemapIndex, accounts, workflow, media, curation]) await migration.up(db, context);
  for (const action of ['session.sign_in_failed', 'session.sign_in_refused', 'session.signed_in', 'story.published']) {
    await sql`INSERT INTO audit_log (actor_user_id, action, subject, detail, created_at) VALUES (NULL, ${action}, 'x', '{}', '2026-01-01T00:00:00Z')`.execute(db);
  }
  await auditKind.up(db, context);
  const rows = await db.selectFrom('audit_log').select(['action', 'kind']).orderBy('id').execute();
  expect(rows).toEqual([
    { action: 'session.sign_in_failed', kind: 'sign_in_failure' },
    { action: 'session.sign_in_refused', kind: 'sign_in_failure' },
    { action: 'session.signed_in', kind: 'event' },
    { action: 'story.published', kind: 'event' },
  ]);
});
