import type { Kysely } from 'kysely';
import type { Schema, Transaction } from '../../storage/index.js';
import { slugify } from '../text/index.js';

/** What a tag names. */
export type TagKind = 'topic' | 'person' | 'organisation' | 'place' | 'ticker';

export const TAG_KINDS: readonly TagKind[] = ['topic', 'person', 'organisation', 'place', 'ticker'];

/** A section of the publication. */
export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string;
}

/** A person with a byline. */
export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string;
}

/** A stored tag. */
export interface StoredTag {
  id: number;
  slug: string;
  name: string;
  kind: TagKind;
}

/** The sections the site starts with. */
export const DEFAULT_SECTIONS: readonly Omit<Section, 'id'>[] = [
  { slug: 'markets', name: 'Markets', description: 'Stocks, bonds, currencies and commodities: what moved and why.' },
  { slug: 'business', name: 'Business', description: 'Companies, deals, leaders and the economy they work in.' },
  { slug: 'industries', name: 'Industries', description: 'Energy, manufacturing, transport, retail and the forces reshaping them.' },
  { slug: 'internet', name: 'Internet', description: 'Platforms, software, artificial intelligence and the digital economy.' },
];

/** Creates the default sections when the table is empty. */
export async function ensureDefaultSections(db: Kysely<Schema>): Promise<void> {
  const existing = await db.selectFrom('sections').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('sections')
    .values(DEFAULT_SECTIONS.map((section, position) => ({ ...section, position })))
    .execute();
}

/** Every section in navigation order. */
export async function listSections(db: Kysely<Schema>): Promise<Section[]> {
  return db.selectFrom('sections').select(['id', 'slug', 'name', 'description']).orderBy('position').orderBy('id').execute();
}

/** A section by its slug. */
export async function findSectionBySlug(db: Kysely<Schema>, slug: string): Promise<Section | undefined> {
  return db.selectFrom('sections').select(['id', 'slug', 'name', 'description']).where('slug', '=', slug).executeTakeFirst();
}

/** An author by slug. */
export async function findAuthorBySlug(db: Kysely<Schema>, slug: string): Promise<Author | undefined> {
  return db.selectFrom('authors').select(['id', 'slug', 'name', 'bio']).where('slug', '=', slug).executeTakeFirst();
}

/** A tag by slug. */
export async function findTagBySlug(db: Kysely<Schema>, slug: string): Promise<StoredTag | undefined> {
  const row = await db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('slug', '=', slug).executeTakeFirst();
  return row && { ...row, kind: row.kind as TagKind };
}

/**
 * The author with this name, created if new. Names are matched by slug, so case and accents don't
 * split people. INSERT … ON CONFLICT DO NOTHING, then read: two writers naming one new person get
 * one row, never a unique-constraint error.
 */
export async function findOrCreateAuthor(trx: Transaction, name: string, now: Date): Promise<Author> {
  const slug = slugify(name) || 'author';
  // Looked up first: most bylines exist already, and a lookup costs less than an insert that does nothing.
  let author = await findAuthorBySlug(trx, slug);
  if (!author) {
    await trx.insertInto('authors').values({ slug, name, bio: '', created_at: now.toISOString() }).onConflict((oc) => oc.column('slug').doNothing()).execute();
    author = await findAuthorBySlug(trx, slug);
  }
  return { ...author!, id: Number(author!.id) };
}

/**
 * A new author for a new newsroom account, even if a byline of that name exists: accounts own
 * stories through their own author row, never through a shared name. The slug gets a number
 * (`-2`, `-3`) when the name's slug is taken: the unique index decides, each try an insert.
 */
export async function createAuthorForAccount(trx: Transaction, name: string, now: Date): Promise<Author> {
  const wanted = slugify(name) || 'author';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? wanted : `${wanted}-${n}`;
    const inserted = await trx
      .insertInto('authors')
      .values({ slug, name, bio: '', created_at: now.toISOString() })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: Number(inserted.id), slug, name, bio: '' };
  }
}

/** Authors by id (in no particular order); unknown ids are left out. */
export async function findAuthorsByIds(db: Kysely<Schema>, ids: readonly number[]): Promise<Author[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('authors').select(['id', 'slug', 'name', 'bio']).where('id', 'in', [...ids]).execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Sets an author's biography. */
export async function updateAuthorBio(trx: Transaction, authorId: number, bio: string): Promise<void> {
  await trx.updateTable('authors').set({ bio }).where('id', '=', authorId).execute();
}

/** The tag with this name, created with the given kind if new (ON CONFLICT DO NOTHING, then read). One slug is one tag, whatever kind first named it. */
export async function findOrCreateTag(trx: Transaction, kind: TagKind, name: string): Promise<StoredTag> {
  const slug = slugify(name) || 'tag';
  // Looked up first, as authors are.
  let tag = await findTagBySlug(trx, slug);
  if (!tag) {
    await trx.insertInto('tags').values({ slug, name, kind }).onConflict((oc) => oc.column('slug').doNothing()).execute();
    tag = await findTagBySlug(trx, slug);
  }
  return { ...tag!, id: Number(tag!.id) };
}
