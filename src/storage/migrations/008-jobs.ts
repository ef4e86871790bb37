import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Jobs as rows (the JobQueue port): one per (kind, key), due at run_at, leased to one worker at a
 * time (claimed_by until lease_until), attempts counted. Stories already scheduled get their
 * publishing job here, so a schedule made before this migration still goes out.
 */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('kind', 'varchar(50)', (c) => c.notNull())
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('run_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(200)')
    .addColumn('lease_until', 'varchar(30)')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_kind_key').on('jobs').columns(['kind', 'key']).unique().execute();
  // Workers ask "what is due?" every few seconds.
  await db.schema.createIndex('jobs_run_at').on('jobs').columns(['run_at']).execute();
  await sql`INSERT INTO jobs (kind, key, run_at, attempts, created_at)
    SELECT 'story.publish', CAST(id AS VARCHAR(200)), scheduled_for, 0, scheduled_for
    FROM articles WHERE status = 'scheduled' AND scheduled_for IS NOT NULL`.execute(db);
}
