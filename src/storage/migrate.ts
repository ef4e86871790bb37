import { sql, type Kysely } from 'kysely';
import { createMigrationContext, type Dialect, type MigrationContext } from './migration-context.js';
import * as contentCore from './migrations/001-content.js';
import * as sitemapIndex from './migrations/002-sitemap-index.js';
import * as accounts from './migrations/003-accounts.js';
import * as workflow from './migrations/004-workflow.js';
import * as media from './migrations/005-media.js';
import * as curation from './migrations/006-curation.js';
import * as auditKind from './migrations/007-audit-kind.js';
import * as jobs from './migrations/008-jobs.js';
import * as attempts from './migrations/009-attempts.js';
import * as jobFailures from './migrations/010-job-failures.js';
import * as search from './migrations/011-search.js';
import * as apiKeys from './migrations/012-api-keys.js';
import * as webhooks from './migrations/013-webhooks.js';
import * as mostRead from './migrations/014-most-read.js';
import * as searchEntryDigest from './migrations/015-search-entry-digest.js';
import * as listingOrder from './migrations/016-listing-order.js';
import * as ingest from './migrations/017-ingest.js';
import * as imports from './migrations/018-imports.js';
import * as markets from './migrations/019-markets.js';
import * as apiKeyScopes from './migrations/020-api-key-scopes.js';
import * as accountSelfService from './migrations/021-account-self-service.js';
import * as previewLinks from './migrations/022-preview-links.js';
import * as liveCoverage from './migrations/023-live-coverage.js';
import * as deskOrder from './migrations/024-desk-order.js';
import { completeSearchBackfill } from './search-backfill.js';
import { createPostgresSearchIndex } from './postgres-search-index.js';
import { createSqliteSearchIndex } from './sqlite-search-index.js';

// Versioned migrations, in order. Append new ones; never edit one that has shipped.
const migrations: Record<string, { up: (db: Kysely<unknown>, context: MigrationContext) => Promise<void> }> = {
  '001-content': contentCore,
  '002-sitemap-index': sitemapIndex,
  '003-accounts': accounts,
  '004-workflow': workflow,
  '005-media': media,
  '006-curation': curation,
  '007-audit-kind': auditKind,
  '008-jobs': jobs,
  '009-attempts': attempts,
  '010-job-failures': jobFailures,
  '011-search': search,
  '012-api-keys': apiKeys,
  '013-webhooks': webhooks,
  '014-most-read': mostRead,
  '015-search-entry-digest': searchEntryDigest,
  '016-listing-order': listingOrder,
  '017-ingest': ingest,
  '018-imports': imports,
  '019-markets': markets,
  '020-api-key-scopes': apiKeyScopes,
  '021-account-self-service': accountSelfService,
  '022-preview-links': previewLinks,
  '023-live-coverage': liveCoverage,
  '024-desk-order': deskOrder,
};

// The table Kysely's migrator kept, so databases it migrated carry on: a migration's name and when it ran.
const MIGRATION_TABLE = 'kysely_migration';
// PostgreSQL: the transaction-scoped advisory lock migrations hold (any fixed number; "FSky").
const MIGRATION_LOCK_ID = 0x46536b79;

/**
 * Brings the schema up to date; returns the names of the migrations it applied. Everything runs in
 * one transaction that holds the write lock from its start (SQLite: BEGIN IMMEDIATE; PostgreSQL:
 * an advisory lock), and what is applied is read inside it, so processes starting at once on a new
 * database wait for each other instead of applying the same migration twice. Then the data work a
 * migration left pending runs, in batches of its own (indexing the stories published before the
 * search index existed: migration 011).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const applied = await applyMigrations(db, dialect);
  const searchIndex = dialect === 'postgres' ? createPostgresSearchIndex(db) : createSqliteSearchIndex(db);
  await completeSearchBackfill(db, dialect, searchIndex);
  return applied;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
async function applyMigrations(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const context = createMigrationContext(dialect);
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`.execute(trx);
    await trx.schema
      .createTable(MIGRATION_TABLE)
      .ifNotExists()
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    const applied = new Set((await trx.selectFrom(MIGRATION_TABLE).select('name').execute()).map((row: { name: string }) => row.name));
    const pending = Object.entries(migrations).filter(([name]) => !applied.has(name));
    for (const [name, migration] of pending) {
      try {
        await migration.up(trx as unknown as Kysely<unknown>, context);
      } catch (error) {
        throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await trx.insertInto(MIGRATION_TABLE).values({ name, timestamp: new Date().toISOString() }).execute();
    }
    return pending.map(([name]) => name);
  });
}
