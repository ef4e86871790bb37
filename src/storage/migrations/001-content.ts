import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/** The content core: sections, authors, tags, articles and their history, and the change outbox. */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('sections')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('slug', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('authors')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('uri', 'varchar(500)', (c) => c.notNull().unique())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('url_date', 'varchar(10)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('excerpt', 'text')
    .addColumn('teaser', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('language', 'varchar(35)', (c) => c.notNull())
    .addColumn('canonical_url', 'text')
    .addColumn('source', 'varchar(200)', (c) => c.notNull())
    .addColumn('word_count', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('modified_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  // Listings: newest published first, overall and per section.
  await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at']).execute();
  await db.schema
    .createIndex('articles_section_status_published')
    .on('articles')
    .columns(['section_id', 'status', 'published_at'])
    .execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema.createIndex('article_authors_author').on('article_authors').columns(['author_id', 'article_id']).execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').columns(['tag_id', 'article_id']).execute();

  await db.schema
    .createTable('slug_history')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('url_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('slug_history_path', ['url_date', 'slug'])
    .execute();

  await db.schema
    .createTable('revisions')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('revisions_article_revision', ['article_id', 'revision'])
    .execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('corrections_article').on('corrections').columns(['article_id']).execute();

  await db.schema
    .createTable('change_events')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('keys', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}
