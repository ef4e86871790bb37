import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * A job that failed its last attempt is given up, not retried: failed_at says when (null while
 * it may still run), last_error why. Given-up jobs stay as rows for operators to see, so the
 * index workers ask "what is due?" through (kind, then run_at: both dialects' planners take it for
 * the claim) holds only the live ones, a partial index on both: any number of failed jobs leaves
 * claims as cheap as before. Jobs queued before this migration stay live.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('failed_at', 'varchar(30)').execute();
  await db.schema.dropIndex('jobs_run_at').execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['kind', 'run_at']).where(sql.ref('failed_at'), 'is', null).execute();
}
