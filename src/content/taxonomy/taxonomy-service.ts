import type { Kysely } from 'kysely';
import { PURGE_EVERYTHING } from '../../changes/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Work } from '../../storage/index.js';
import { collapseWhitespace, slugify } from '../text/index.js';

/** A section as the sections page edits it. */
export interface SectionInput {
  name: string;
  description: string;
}

function checkSectionInput(input: SectionInput): SectionInput {
  const name = collapseWhitespace(input.name);
  if (!name) throw new AppError('SECTION_NAME_REQUIRED', 'invalid', 'A section needs a name.', { name: 'Give the section a name.' });
  if (name.length > 60) throw new AppError('SECTION_NAME_TOO_LONG', 'invalid', 'Section names are at most 60 characters.', { name: 'At most 60 characters.' });
  return { name, description: collapseWhitespace(input.description).slice(0, 300) };
}

/**
 * Adds a section at the end of the navigation. Its slug comes from the name and never changes
 * (it is in URLs). Every page shows the section bar, so every cached page goes.
 */
export async function createSection({ trx, dirty }: Work, input: SectionInput): Promise<number> {
  const { name, description } = checkSectionInput(input);
  const slug = slugify(name);
  const reserved = ['topic', 'author', 'newsroom', 'api', 'media', 'sitemaps', 'search'];
  const taken = () =>
    new AppError('SECTION_EXISTS', 'conflict', `A section at /${slug}/ exists already or the address is reserved: choose another name.`, { name: 'Choose another name.' });
  if (!slug || reserved.includes(slug)) throw taken();
  const last = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
  // The unique index on the slug decides whether the address is free, not a look-up before the insert.
  const inserted = await trx
    .insertInto('sections')
    .values({ slug, name, description, position: Number(last?.position ?? -1) + 1 })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw taken();
  const { id } = inserted;
  dirty([PURGE_EVERYTHING]);
  return Number(id);
}

/** Renames a section or changes its description (its slug stays). */
export async function updateSection({ trx, dirty }: Work, sectionId: number, input: SectionInput): Promise<void> {
  const values = checkSectionInput(input);
  const result = await trx.updateTable('sections').set(values).where('id', '=', sectionId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('SECTION_NOT_FOUND', 'not_found', 'That section does not exist (any more).');
  dirty([PURGE_EVERYTHING]);
}

/**
 * Deletes a section after moving all its stories, in the same transaction, to another section:
 * no story is ever left without one. The last section cannot go.
 */
export async function deleteSection({ trx, dirty }: Work, sectionId: number, moveToSectionId: number): Promise<number> {
  if (sectionId === moveToSectionId) {
    throw new AppError('SECTION_MOVE_TO_SELF', 'invalid', 'Choose another section for its stories.', { moveTo: 'Choose another section.' });
  }
  const [section, target] = await Promise.all([
    trx.selectFrom('sections').select('id').where('id', '=', sectionId).executeTakeFirst(),
    trx.selectFrom('sections').select('id').where('id', '=', moveToSectionId).executeTakeFirst(),
  ]);
  if (!section) throw new AppError('SECTION_NOT_FOUND', 'not_found', 'That section does not exist (any more).');
  if (!target) throw new AppError('SECTION_NOT_FOUND', 'invalid', 'The section chosen for its stories does not exist.', { moveTo: 'Choose a section.' });
  const moved = await trx.updateTable('articles').set({ section_id: moveToSectionId }).where('section_id', '=', sectionId).executeTakeFirst();
  await trx.deleteFrom('sections').where('id', '=', sectionId).execute();
  dirty([PURGE_EVERYTHING]);
  return Number(moved.numUpdatedRows);
}

/** Renames a topic (or any tag); its slug, and so its URL, stays. Search finds its stories by the new name. */
export async function renameTopic({ trx, dirty, reindex }: Work, tagId: number, name: string): Promise<void> {
  const clean = collapseWhitespace(name);
  if (!clean) throw new AppError('TOPIC_NAME_REQUIRED', 'invalid', 'A topic needs a name.', { name: 'Give the topic a name.' });
  const result = await trx.updateTable('tags').set({ name: clean.slice(0, 100) }).where('id', '=', tagId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('TOPIC_NOT_FOUND', 'not_found', 'That topic does not exist (any more).');
  // Topic names show on every story carrying them, in feeds and in structured data, and are in their search entries.
  dirty([PURGE_EVERYTHING]);
  const tagged = await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute();
  reindex(tagged.map((row) => Number(row.article_id)));
}

/** The most used tags, for the topics list. */
export async function listBusiestTags(db: Kysely<Schema>, limit: number): Promise<{ id: number; name: string; slug: string; kind: string; stories: number }[]> {
  const rows = await db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select(['tags.id', 'tags.name', 'tags.slug', 'tags.kind', (eb) => eb.fn.countAll().as('stories')])
    .groupBy(['tags.id', 'tags.name', 'tags.slug', 'tags.kind'])
    .orderBy('stories', 'desc')
    .orderBy('tags.name')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), name: row.name, slug: row.slug, kind: row.kind, stories: Number(row.stories) }));
}
