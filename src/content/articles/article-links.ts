import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { TagKind } from '../taxonomy/index.js';
import type { Byline, Tag } from './article.js';

/** Narrows a listing of published stories to a section, tag or author. */
export interface ListingFilter {
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** Leave these stories out (e.g. the lead already shown). */
  excludeIds?: number[];
}

/**
 * The conditions of a listing that names no topic or author, on stories alone: the query may join
 * their sections or not (a count need not). A topic's or an author's listing is read from its link
 * rows instead (linked-listing.ts).
 */
export function inListing(eb: ExpressionBuilder<Schema, 'articles'>, { sectionId, tagId, authorId, excludeIds }: ListingFilter) {
  if (tagId !== undefined || authorId !== undefined) throw new Error('A topic\'s or an author\'s listing is read from its link rows.');
  const conditions: Expression<SqlBool>[] = [];
  if (sectionId !== undefined) conditions.push(eb('articles.section_id', '=', sectionId));
  if (excludeIds?.length) conditions.push(eb('articles.id', 'not in', excludeIds));
  return eb.and(conditions);
}

/** Bylines and tags of many stories, in their order, keyed by story id: two queries however many stories. */
export async function loadArticleLinks(db: Kysely<Schema>, ids: number[]): Promise<{ bylines: Map<number, Byline[]>; tags: Map<number, Tag[]> }> {
  const bylines = new Map<number, Byline[]>();
  const tags = new Map<number, Tag[]>();
  if (ids.length === 0) return { bylines, tags };
  const [bylineRows, tagRows] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.name', 'authors.slug'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name', 'tags.slug', 'tags.kind'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.position')
      .execute(),
  ]);
  for (const { article_id, name, slug } of bylineRows) append(bylines, Number(article_id), { name, slug });
  for (const { article_id, name, slug, kind } of tagRows) append(tags, Number(article_id), { name, slug, kind: kind as TagKind });
  return { bylines, tags };
}

function append<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
