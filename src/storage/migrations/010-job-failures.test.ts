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
import * as attempts from './009-attempts.js';
import * as jobFailures from './010-job-failures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
afterEach(async () => db.destroy());

it('010-job-failures keeps the jobs queued before it live, and claims look them up through the index of live jobs', async () => {
  const context = createMigrationContext('sqlite');
  for (const migration of [contentCore, sitemapIndex, accounts, workflow, media, curation, auditKind, jobs, attempts]) await migration.up(db, context);
  await sql`INSERT INTO jobs (kind, key, run_at, attempts, last_error, created_at)
    VALUES ('edge.purge', '7', '2026-05-01T10:00:00.000Z', 3, 'edge refused', '2026-05-01T10:00:00.000Z')`.execute(db);
  await jobFailures.up(db, context);
  expect(await db.selectFrom('jobs').select(['key', 'attempts', 'last_error', 'failed_at']).execute()).toEqual([
    { key: '7', attempts: 3, last_error: 'edge refused', failed_at: null },
  ]);
  const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT id FROM jobs
    WHERE kind IN ('edge.purge') AND failed_at IS NULL AND run_at <= '2026-06-01' AND (lease_until IS NULL OR lease_until <= '2026-06-01') LIMIT 1`.execute(db);
  expect(plan.rows.map((row) => row.detail).join('\n')).toContain('USING INDEX jobs_due');
});
