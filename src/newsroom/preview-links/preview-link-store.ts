import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { MAX_LIVE_PREVIEW_LINKS } from './preview-link.js';

/** A live preview link as the newsroom lists it (never its token, which is not stored). */
export interface PreviewLinkListing {
  id: number;
  note: string;
  createdAt: string;
  createdByName: string | null;
  expiresAt: string;
  lastOpenedAt: string | null;
}

/** A live link found by its token: the story it opens. */
export interface LivePreviewLink {
  id: number;
  articleId: number;
  expiresAt: string;
}

/** Stores a new link (its token's hash); returns its id. */
export async function insertPreviewLink(
  trx: Kysely<Schema>,
  link: { articleId: number; tokenHash: string; note: string; createdByUserId: number; createdAt: string; expiresAt: string },
): Promise<number> {
  const row = await trx
    .insertInto('preview_links')
    .values({
      article_id: link.articleId,
      token_hash: link.tokenHash,
      note: link.note,
      created_by_user_id: link.createdByUserId,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
      last_opened_at: null,
      revoked_by_user_id: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A story's live links (neither revoked nor expired), newest first, with who made them; at most MAX_LIVE_PREVIEW_LINKS. */
export async function listLivePreviewLinks(db: Kysely<Schema>, articleId: number, now: Date): Promise<PreviewLinkListing[]> {
  const rows = await db
    .selectFrom('preview_links')
    .leftJoin('users', 'users.id', 'preview_links.created_by_user_id')
    .select(['preview_links.id', 'preview_links.note', 'preview_links.created_at', 'preview_links.expires_at', 'preview_links.last_opened_at', 'users.name as created_by_name'])
    .where('preview_links.article_id', '=', articleId)
    .where('preview_links.revoked_at', 'is', null)
    .where('preview_links.expires_at', '>', now.toISOString())
    .orderBy('preview_links.id', 'desc')
    .limit(MAX_LIVE_PREVIEW_LINKS)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    note: row.note,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    expiresAt: row.expires_at,
    lastOpenedAt: row.last_opened_at,
  }));
}

/** How many live links a story has (read under the story's preview-link lock, before adding one). */
export async function countLivePreviewLinks(trx: Kysely<Schema>, articleId: number, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('preview_links')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('article_id', '=', articleId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Revokes one of a story's links that is not revoked yet; returns its note when this call revoked it, undefined otherwise. */
export async function revokePreviewLinkRow(trx: Kysely<Schema>, link: { id: number; articleId: number }, revokedByUserId: number, revokedAt: string): Promise<string | undefined> {
  const row = await trx
    .updateTable('preview_links')
    .set({ revoked_at: revokedAt, revoked_by_user_id: revokedByUserId })
    .where('id', '=', link.id)
    .where('article_id', '=', link.articleId)
    .where('revoked_at', 'is', null)
    .returning('note')
    .executeTakeFirst();
  return row?.note;
}

/**
 * The live link a token's hash names, or undefined: unknown, revoked and expired alike are one
 * indexed read that finds no row, so they cost the same and answer the same; a revoke applies to
 * the next request on every instance. A link opens only while its maker's account is enabled: a
 * disabled account's links share its drafts no more than it may read them.
 */
export async function findLivePreviewLink(db: Kysely<Schema>, tokenHash: string, now: Date): Promise<LivePreviewLink | undefined> {
  const row = await db
    .selectFrom('preview_links')
    .innerJoin('users', 'users.id', 'preview_links.created_by_user_id')
    .select(['preview_links.id', 'preview_links.article_id', 'preview_links.expires_at'])
    .where('preview_links.token_hash', '=', tokenHash)
    .where('preview_links.revoked_at', 'is', null)
    .where('preview_links.expires_at', '>', now.toISOString())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { id: Number(row.id), articleId: Number(row.article_id), expiresAt: row.expires_at };
}

/** Notes that a link was opened, at most once a minute per link (a reader reloading writes nothing more). */
export async function markPreviewLinkOpened(trx: Kysely<Schema>, id: number, now: Date): Promise<void> {
  const aMinuteAgo = new Date(now.getTime() - 60_000).toISOString();
  await trx
    .updateTable('preview_links')
    .set({ last_opened_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_opened_at', 'is', null), eb('last_opened_at', '<', aMinuteAgo)]))
    .execute();
}
