/**
 * Checks that a database holds only whole stories: a SQLite file passes SQLite's integrity and
 * foreign key checks (PostgreSQL checks foreign keys at every commit), and every story row agrees
 * with its bylines, tags and latest revision, has a body, and carries the word count and teaser
 * its body gives; the search index holds exactly the published stories. Used after crashes and load.
 */
import { sql, type Kysely } from 'kysely';
import { SYNTHETIC_SOURCE, type StoredArticle } from '../../src/content/articles/index.js';
import { countWords, deriveTeaser, htmlToText } from '../../src/content/text/index.js';
import type { Database, Schema } from '../../src/storage/index.js';

/** Every problem found, one line each; empty when the database is consistent. */
export async function findInconsistencies({ db, dialect }: Pick<Database, 'db' | 'dialect'>): Promise<string[]> {
  const problems: string[] = dialect === 'sqlite' ? await checkSqliteFile(db) : [];
  const articles = await db.selectFrom('articles').selectAll().orderBy('id').execute();
  const bylines = groupBy(
    await db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select(['article_id', 'authors.name']).orderBy('article_id').orderBy('position').execute(),
    (row) => row.article_id,
  );
  const tags = groupBy(
    await db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(['article_id', 'tags.kind', 'tags.name']).orderBy('article_id').orderBy('position').execute(),
    (row) => row.article_id,
  );
  const latestRevisions = new Map(
    (
      await db
        .selectFrom('revisions as r')
        .select(['r.article_id', 'r.revision', 'r.snapshot'])
        .where('r.revision', '=', (eb) => eb.selectFrom('revisions as newer').select((e) => e.fn.max('newer.revision').as('m')).whereRef('newer.article_id', '=', 'r.article_id'))
        .execute()
    ).map((row) => [row.article_id, row]),
  );

  const indexed = new Set((await db.selectFrom('search_entries').select('article_id').execute()).map((row) => Number(row.article_id)));
  for (const article of articles) {
    const where = `story ${article.id} (${article.uri})`;
    if (indexed.has(article.id) !== (article.status === 'published')) problems.push(`${where}: ${article.status}, ${indexed.has(article.id) ? '' : 'not '}in the search index`);
    const text = htmlToText(article.body_html);
    if (!text) problems.push(`${where}: no body`);
    if (article.word_count !== countWords(text)) problems.push(`${where}: word count ${article.word_count}, its body has ${countWords(text)}`);
    if (article.teaser !== (article.excerpt ?? deriveTeaser(text))) problems.push(`${where}: teaser does not come from its body or excerpt`);
    if (article.status === 'published' && (!article.url_date || !article.published_at)) problems.push(`${where}: published without a date`);
    const storyBylines = (bylines.get(article.id) ?? []).map((row) => row.name);
    const storyTags = (tags.get(article.id) ?? []).map((row) => `${row.kind}:${row.name}`);
    // Generated archives are written without revisions (bulk load); every other story has one per version.
    if (article.source === SYNTHETIC_SOURCE) {
      if (storyBylines.length === 0) problems.push(`${where}: no byline`);
      continue;
    }
    const latest = latestRevisions.get(article.id);
    if (!latest) {
      problems.push(`${where}: no revision`);
      continue;
    }
    if (latest.revision !== article.revision) problems.push(`${where}: revision ${article.revision}, latest stored revision ${latest.revision}`);
    const snapshot = JSON.parse(latest.snapshot) as StoredArticle;
    const differing = (
      [
        ['title', snapshot.title, article.title],
        ['status', snapshot.status, article.status],
        ['slug', snapshot.slug, article.slug],
        ['body', snapshot.bodyHtml, article.body_html],
        ['bylines', snapshot.bylines.join('|'), storyBylines.join('|')],
        ['tags', snapshot.tags.map((tag) => `${tag.kind}:${tag.name}`).join('|'), storyTags.join('|')],
      ] as const
    ).filter(([, saved, current]) => saved !== current);
    for (const [field, saved, current] of differing) problems.push(`${where}: ${field} is ${JSON.stringify(current).slice(0, 80)}, its revision says ${JSON.stringify(saved).slice(0, 80)}`);
  }
  return problems;
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

async function checkSqliteFile(db: Kysely<Schema>): Promise<string[]> {
  const problems: string[] = [];
  const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
  const verdicts = integrity.rows.map((row) => row.integrity_check);
  if (verdicts.join() !== 'ok') problems.push(`integrity_check: ${verdicts.slice(0, 5).join('; ')}`);
  const foreignKeys = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(db);
  for (const row of foreignKeys.rows.slice(0, 5)) problems.push(`foreign key from ${row.table} to ${row.parent} dangles`);
  return problems;
}
