import type { Kysely } from 'kysely';
import { PURGE_EVERYTHING } from '../../changes/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Work } from '../../storage/index.js';
import { listArticleSummariesByIds, selectArticleListings, toArticleListing, toArticleSummary, type ArticleSummary } from '../articles/index.js';
import type { Banner, FrontPageCuration } from './front-page.js';

/** The curated front page as stored (stories in any state). */
export async function loadFrontPageCuration(db: Kysely<Schema>): Promise<FrontPageCuration> {
  const slots = await db.selectFrom('front_page_slots').select(['position', 'article_id']).orderBy('position').execute();
  return {
    leadId: slots.find((slot) => slot.position === 0)?.article_id ?? null,
    topIds: slots.filter((slot) => slot.position > 0).map((slot) => Number(slot.article_id)),
  };
}

/**
 * Replaces the curated front page inside the caller's unit of work and dirties the front page.
 * Stories newly placed must be published; ones already placed may since have been unpublished
 * (the reader page skips them) and can still be moved or removed. Conditional, like a story save:
 * it deletes exactly the slots `before` named and inserts with ON CONFLICT DO NOTHING; a count
 * that does not match means another curator changed the page since `before` was read
 * (FRONT_PAGE_CONFLICT, nothing written), never a lost change or a constraint error.
 */
export async function saveFrontPageCuration(work: Work, before: FrontPageCuration, after: FrontPageCuration): Promise<void> {
  const { trx } = work;
  const ids = [...(after.leadId === null ? [] : [after.leadId]), ...after.topIds];
  const added = ids.filter((id) => id !== before.leadId && !before.topIds.includes(id));
  if (added.length > 0) {
    const found = await trx.selectFrom('articles').select('id').where('id', 'in', added).where('status', '=', 'published').execute();
    if (found.length !== new Set(added).size) {
      throw new AppError('FRONT_PAGE_STORY_NOT_PUBLISHED', 'invalid', 'Only published stories can go on the front page; pick one from the list.');
    }
  }
  const beforeRows = slotRows(before);
  if (beforeRows.length > 0) {
    const deleted = await trx
      .deleteFrom('front_page_slots')
      .where((eb) => eb.or(beforeRows.map((slot) => eb.and([eb('position', '=', slot.position), eb('article_id', '=', slot.article_id)]))))
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== beforeRows.length) throw frontPageConflict();
  }
  const rows = slotRows(after);
  if (rows.length > 0) {
    const inserted = await trx.insertInto('front_page_slots').values(rows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows) !== rows.length) throw frontPageConflict();
  }
  work.dirty(['home']);
}

function slotRows(curation: FrontPageCuration): { position: number; article_id: number }[] {
  return [
    ...(curation.leadId === null ? [] : [{ position: 0, article_id: curation.leadId }]),
    ...curation.topIds.map((id, index) => ({ position: index + 1, article_id: id })),
  ];
}

function frontPageConflict(): AppError {
  return new AppError('FRONT_PAGE_CONFLICT', 'conflict', 'Someone else changed the front page at the same moment: look at it again and repeat your change if it is still needed.');
}

/** The curated lead and top stories that are published now, in order; unpublished ones drop out. */
export async function loadCuratedFrontPage(db: Kysely<Schema>): Promise<{ lead: ArticleSummary | undefined; top: ArticleSummary[] }> {
  // The slots with their stories in one query (one round trip on PostgreSQL). Stories are found by
  // primary key from the few slots; their status is checked here, since a status condition could
  // lead the planner to scan every published story instead.
  const rows = await selectArticleListings(db)
    .innerJoin('front_page_slots', 'front_page_slots.article_id', 'articles.id')
    .select('front_page_slots.position')
    .orderBy('front_page_slots.position')
    .execute();
  const published = rows.filter((row) => row.status === 'published').map((row) => ({ position: row.position, story: toArticleSummary(toArticleListing(row)) }));
  return {
    lead: published.find((slot) => slot.position === 0)?.story,
    top: published.filter((slot) => slot.position > 0).map((slot) => slot.story),
  };
}

/** A curated story as the front-page editor lists it: unpublished ones stay listed so they can be removed. */
export type CuratedStory = ArticleSummary & { isPublished: boolean };

/** The curated lead and top stories in any state, in order, for the front-page editor. */
export async function loadFrontPageForEditing(db: Kysely<Schema>): Promise<{ lead: CuratedStory | undefined; top: CuratedStory[] }> {
  const curation = await loadFrontPageCuration(db);
  const ids = [...(curation.leadId === null ? [] : [curation.leadId]), ...curation.topIds];
  const byId = new Map(
    (await listArticleSummariesByIds(db, ids, { isAnyStatus: true })).map(({ status, ...story }) => [story.id, { ...story, isPublished: status === 'published' }]),
  );
  return {
    lead: curation.leadId === null ? undefined : byId.get(curation.leadId),
    top: curation.topIds.flatMap((id) => byId.get(id) ?? []),
  };
}

/** The banner showing at a time: the newest neither cleared nor expired. */
export async function findActiveBanner(db: Kysely<Schema>, now: Date): Promise<Banner | undefined> {
  const row = await db
    .selectFrom('banners')
    .select(['id', 'text', 'url', 'expires_at'])
    .where('cleared_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && { id: Number(row.id), text: row.text, url: row.url, expiresAt: row.expires_at };
}

/** Raises a banner, clearing any other, inside the caller's unit of work; every reader page shows it. */
export async function raiseBanner(work: Work, banner: { text: string; url: string; expiresAt: Date; createdByUserId: number | null }): Promise<number> {
  const { trx, now } = work;
  await trx.updateTable('banners').set({ cleared_at: now.toISOString() }).where('cleared_at', 'is', null).execute();
  const { id } = await trx
    .insertInto('banners')
    .values({
      text: banner.text,
      url: banner.url,
      expires_at: banner.expiresAt.toISOString(),
      created_by_user_id: banner.createdByUserId,
      created_at: now.toISOString(),
      cleared_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  work.dirty([PURGE_EVERYTHING]);
  return Number(id);
}

/** Clears the banner inside the caller's unit of work; returns whether one was showing. */
export async function clearBanner(work: Work): Promise<boolean> {
  const { trx, now } = work;
  const result = await trx.updateTable('banners').set({ cleared_at: now.toISOString() }).where('cleared_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  work.dirty([PURGE_EVERYTHING]);
  return true;
}
