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

/** A listing filter's conditions, on stories alone: the query may join their sections or not (a count need not). */
export function inListing(eb: ExpressionBuilder<Schema, 'articles'>, { sectionId, tagId, authorId, excludeIds }: ListingFilter) {
  const conditions: Expression<SqlBool>[] = [];
  if (sectionId !== undefined) conditions.push(eb('articles.section_id', '=', sectionId));
  if (tagId !== undefined) conditions.push(eb('articles.id', 'in', eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId)));
  if (authorId !== undefined) conditions.push(eb('articles.id', 'in', eb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId)));
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
