import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * The Content API's keys and request counts. A key is stored as the SHA-256 of its secret (the
 * secret itself is shown once, when it is issued) with a short prefix people recognise it by;
 * revoking sets revoked_at, and the row stays for the audit log. Request counts are fixed windows
 * per key (the RequestCounters port): one row per key and window, old windows deleted as new ones
 * begin, so the table holds about two windows of callers.
 */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('revoked_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'varchar(30)')
    .execute();
  await db.schema
    .createTable('request_counts')
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_counts_pk', ['key', 'window_start'])
    .execute();
  await db.schema.createIndex('request_counts_window').on('request_counts').columns(['window_start']).execute();
}
