import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Most read: page views per story and hour, the rankings computed from them, and the one row that
 * says when the rankings are next due. Views carry no reader data at all: a story id, an hour and
 * a count, added to by every instance's batched flush (an upsert that adds) and pruned after two
 * days. A ranking is kept per scope (0 for the whole site, else a section id) so a page shows it
 * with one indexed read; the schedule row is claimed by a conditional UPDATE, so one instance a
 * minute recomputes.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable('story_views')
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('hour_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_views_pk', ['article_id', 'hour_start'])
    .execute();
  await db.schema.createIndex('story_views_hour').on('story_views').columns(['hour_start']).execute();
  await db.schema
    .createTable('most_read_rankings')
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('most_read_rankings_pk', ['scope_id', 'position'])
    .execute();
  await db.schema
    .createTable('most_read_schedule')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('next_run_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO most_read_schedule (id, next_run_at) VALUES (1, '1970-01-01T00:00:00.000Z')`.execute(db);
}
