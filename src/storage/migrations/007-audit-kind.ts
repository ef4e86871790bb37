import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Audit rows get a kind: `event` (editorial and account changes, sign-ins) or `sign_in_failure`
 * (failed and refused sign-ins, mostly anonymous). The audit page lists each kind apart, newest
 * first by id, so a flood of failures never pushes real events out of sight nor slows the page.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('kind', 'varchar(20)', (c) => c.notNull().defaultTo('event')).execute();
  // The same rule as auditKindOf: every `session.sign_in_…` action is a sign-in that did not happen.
  await sql`UPDATE audit_log SET kind = 'sign_in_failure' WHERE substr(action, 1, 16) = 'session.sign_in_'`.execute(db);
  await db.schema.createIndex('audit_log_kind_id').on('audit_log').columns(['kind', 'id']).execute();
}
