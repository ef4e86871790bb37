import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { createMigrationContext, type Dialect, type MigrationContext } from './migration-context.js';
import * as contentCore from './migrations/001-content.js';
import * as sitemapIndex from './migrations/002-sitemap-index.js';
import * as accounts from './migrations/003-accounts.js';
import * as workflow from './migrations/004-workflow.js';
import * as media from './migrations/005-media.js';
import * as curation from './migrations/006-curation.js';
import * as auditKind from './migrations/007-audit-kind.js';

// Versioned migrations, in order. Append new ones; never edit one that has shipped.
const migrations: Record<string, { up: (db: Kysely<unknown>, context: MigrationContext) => Promise<void> }> = {
  '001-content': contentCore,
  '002-sitemap-index': sitemapIndex,
  '003-accounts': accounts,
  '004-workflow': workflow,
  '005-media': media,
  '006-curation': curation,
  '007-audit-kind': auditKind,
};

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const context = createMigrationContext(this.dialect);
    return Object.fromEntries(
      Object.entries(migrations).map(([name, migration]) => [name, { up: (db: Kysely<unknown>) => migration.up(db, context) }]),
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
