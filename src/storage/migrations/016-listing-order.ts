import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/** The link tables whose rows list a topic's or an author's stories, and the column naming the topic or author. */
const LINKS = [
  { table: 'article_tags', owner: 'tag_id' },
  { table: 'article_authors', owner: 'author_id' },
] as const;

/**
 * A topic's and an author's stories in publication order, from their link rows alone. Each link
 * row keeps `listed_at`: its story's publication time while the story is published, else null,
 * under an index by topic (author) and that time. A listing page reads a stretch of that index
 * instead of walking the whole archive newest first and checking each story's links (a rare
 * topic's first page took 115 ms at 1,000,000 stories; its 50th page as long in any topic).
 *
 * The database keeps the copy, so no write can forget it: a trigger fills it on each new link row
 * and another follows a story's status and publication time onto its link rows. On PostgreSQL the
 * stories' own listing indexes gain the id that breaks ties in the order.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const listedAt = (articleId: string) => sql.raw(`(SELECT CASE WHEN a.status = 'published' THEN a.published_at END FROM articles a WHERE a.id = ${articleId})`);
  for (const { table, owner } of LINKS) {
    await db.schema.alterTable(table).addColumn('listed_at', 'varchar(30)').execute();
    await sql`UPDATE ${sql.table(table)} SET listed_at = ${listedAt(`${table}.article_id`)}`.execute(db);
    await db.schema.createIndex(`${table}_listing`).on(table).columns([owner, 'listed_at', 'article_id']).execute();
  }
  if (dialect === 'postgres') {
    await createPostgresTriggers(db);
    await orderPostgresIndexesById(db);
  } else {
    await createSqliteTriggers(db);
  }
}

/**
 * Every listing orders by publication time, then id. SQLite's indexes end in the row id already;
 * PostgreSQL's did not, so it sorted each run of equal times and chose whichever index it liked:
 * a section's page 500 walked the status index filtering by section (99 ms at 100,000 stories; 9 ms
 * by the section's index with the id).
 */
async function orderPostgresIndexesById(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of [
    ['articles_status_published', ['status', 'published_at', 'id']],
    ['articles_section_status_published', ['section_id', 'status', 'published_at', 'id']],
  ] as const) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('articles').columns([...columns]).execute();
  }
}

async function createSqliteTriggers(db: Kysely<unknown>): Promise<void> {
  for (const { table } of LINKS) {
    // SQLite cannot change NEW before the insert: the row just inserted is set by its rowid.
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_listed_on_insert`)} AFTER INSERT ON ${sql.table(table)}
      WHEN (SELECT status FROM articles WHERE id = NEW.article_id) = 'published'
      BEGIN
        UPDATE ${sql.table(table)} SET listed_at = (SELECT published_at FROM articles WHERE id = NEW.article_id) WHERE rowid = NEW.rowid;
      END`.execute(db);
  }
  await sql`
    CREATE TRIGGER articles_listed_on_update AFTER UPDATE OF status, published_at ON articles
    WHEN OLD.status IS NOT NEW.status OR OLD.published_at IS NOT NEW.published_at
    BEGIN
      UPDATE article_tags SET listed_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END WHERE article_id = NEW.id;
      UPDATE article_authors SET listed_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END WHERE article_id = NEW.id;
    END`.execute(db);
}

async function createPostgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION link_listed_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.listed_at := (SELECT CASE WHEN a.status = 'published' THEN a.published_at END FROM articles a WHERE a.id = NEW.article_id);
      RETURN NEW;
    END $$`.execute(db);
  for (const { table } of LINKS) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_listed_on_insert`)} BEFORE INSERT ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION link_listed_at()`.execute(db);
  }
  await sql`
    CREATE FUNCTION article_links_listed_at() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE listed varchar(30) := CASE WHEN NEW.status = 'published' THEN NEW.published_at END;
    BEGIN
      UPDATE article_tags SET listed_at = listed WHERE article_id = NEW.id;
      UPDATE article_authors SET listed_at = listed WHERE article_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER articles_listed_on_update AFTER UPDATE OF status, published_at ON articles
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION article_links_listed_at()`.execute(db);
}
