import type { Kysely } from 'kysely';

/**
 * Sitemaps group and list published stories by the month in their URL. This index covers those
 * queries, so they read the index alone instead of every (large) story row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('articles_sitemap')
    .on('articles')
    .columns(['status', 'url_date', 'published_at', 'updated_at', 'slug'])
    .execute();
}
