import { sql, type Kysely } from 'kysely';
import type { Schema, Work } from '../../storage/index.js';
import { articlePath } from './article.js';

/** An old site's address and where it now leads: a story (wherever it now lives) or a fixed path. */
export type OldAddress = { oldPath: string; source: string } & ({ articleId: number } | { targetPath: string });

// The longest address kept: longer ones are no permalink worth keeping (and the key stays indexable).
const MAX_PATH_LENGTH = 2000;

/**
 * The form an old address is kept and looked up in: the path alone (no query, no fragment), with
 * the site's one trailing-slash convention, since the site sends "/old" to "/old/" before looking.
 * Undefined for what cannot be a path on this site.
 */
export function normaliseOldPath(pathOrUrl: string): string | undefined {
  let path: string;
  try {
    path = new URL(pathOrUrl, 'http://old.invalid').pathname;
  } catch {
    return undefined;
  }
  if (!path.startsWith('/') || path.startsWith('//') || path === '/') return undefined;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  const normalised = lastSegment && !lastSegment.includes('.') ? `${path}/` : path;
  return normalised.length <= MAX_PATH_LENGTH ? normalised : undefined;
}

/**
 * Keeps an old address inside the caller's unit of work (the same address again replaces it).
 * The site's 404s are dirtied: an edge that kept "not found" for the address must ask again.
 */
export async function recordOldAddress(work: Work, address: OldAddress): Promise<'recorded' | 'unchanged'> {
  const articleId = 'articleId' in address ? address.articleId : null;
  const targetPath = 'targetPath' in address ? address.targetPath : null;
  // One conditional upsert: a row that already says the same is left alone, and 0 rows written says so.
  const result = await work.trx
    .insertInto('redirects')
    .values({ old_path: address.oldPath, article_id: articleId, target_path: targetPath, source: address.source, created_at: work.now.toISOString() })
    .onConflict((oc) =>
      oc
        .column('old_path')
        .doUpdateSet({ article_id: articleId, target_path: targetPath, source: address.source })
        .where(sql<boolean>`coalesce(redirects.article_id, -1) <> coalesce(excluded.article_id, -1) or coalesce(redirects.target_path, '') <> coalesce(excluded.target_path, '')`),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return 'unchanged';
  work.dirty(['missing']);
  return 'recorded';
}

// A fixed path may itself be an old address (a Ghost redirect to a post's old /slug/): followed
// this many times at most, so the reader gets one 301 to the end and a circle ends in a 404.
const MAX_HOPS = 5;

/**
 * Where an old address leads now, if anywhere: one lookup by its key (one more per fixed path it
 * leads through). A story's address is its current one, and only while it is published; an
 * address never leads to itself, and old addresses that lead in a circle lead nowhere.
 */
export async function findOldAddressTarget(db: Kysely<Schema>, path: string): Promise<string | undefined> {
  if (path.length > MAX_PATH_LENGTH) return undefined;
  const seen = new Set([path]);
  let current = path;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const row = await db
      .selectFrom('redirects')
      .leftJoin('articles', 'articles.id', 'redirects.article_id')
      .select(['redirects.target_path', 'articles.status', 'articles.url_date', 'articles.slug'])
      .where('redirects.old_path', '=', current)
      .executeTakeFirst();
    // Not an old address: the end of the way (none at all for the address asked).
    if (!row) return hop === 0 ? undefined : current;
    if (row.target_path === null) {
      const target = row.status === 'published' && row.url_date && row.slug ? articlePath({ urlDate: row.url_date, slug: row.slug }) : undefined;
      return target && target !== path ? target : undefined;
    }
    if (seen.has(row.target_path)) return undefined;
    seen.add(row.target_path);
    current = row.target_path;
  }
  return undefined;
}
