import type { ExpressionBuilder, Kysely } from 'kysely';
import { cancelJob, enqueueJob, type Schema, type Transaction } from '../../storage/index.js';
import { findStoredArticleByUri, type ArticleStatus, type StoredArticle } from '../articles/index.js';

/** The job kind that publishes a scheduled story; its key is the story's id. */
export const PUBLISH_STORY_JOB = 'story.publish';

/** A story as the newsroom works on it: the stored story plus its workflow facts. */
export interface StoryRecord {
  article: StoredArticle;
  scheduledFor: string | null;
  createdByUserId: number | null;
  /** Authors on the byline, in order (permissions: "own" stories). */
  authorIds: number[];
}

/** A row of the newsroom's story list. */
export interface StoryListItem {
  id: number;
  title: string;
  status: ArticleStatus;
  sectionName: string;
  modifiedAt: string;
  scheduledFor: string | null;
  publishedAt: string | null;
  revision: number;
}

/** One saved revision, as the revisions page lists it. */
export interface RevisionEntry {
  revision: number;
  note: string;
  createdBy: string;
  createdAt: string;
}

/** Whose stories a list may show: a user's own (created by them, or their author on the byline); undefined means every story. */
export interface StoryOwner {
  userId: number;
  authorId: number | null;
}

/** The SQL condition "this article is the owner's", the same rule as permissions' "own". */
export function isOwnedBy(eb: ExpressionBuilder<Schema, 'articles'>, owner: StoryOwner) {
  return eb.or([
    eb('articles.created_by_user_id', '=', owner.userId),
    ...(owner.authorId === null
      ? []
      : [eb('articles.id', 'in', eb.selectFrom('article_authors').select('article_authors.article_id').where('article_authors.author_id', '=', owner.authorId))]),
  ]);
}

/** A story by id with its workflow columns and byline author ids. */
export async function findStoryRecord(db: Kysely<Schema>, id: number): Promise<StoryRecord | undefined> {
  const row = await db.selectFrom('articles').select(['uri', 'scheduled_for', 'created_by_user_id']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [article, authors] = await Promise.all([
    findStoredArticleByUri(db, row.uri),
    db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).orderBy('position').execute(),
  ]);
  if (!article) return undefined;
  return {
    article,
    scheduledFor: row.scheduled_for,
    createdByUserId: row.created_by_user_id === null ? null : Number(row.created_by_user_id),
    authorIds: authors.map((a) => Number(a.author_id)),
  };
}

/** Sets the workflow columns a save leaves alone. */
export async function setStoryWorkflow(
  trx: Transaction,
  id: number,
  workflow: { scheduledFor?: string | null; createdByUserId?: number | null },
  now: Date,
): Promise<void> {
  const values: { scheduled_for?: string | null; created_by_user_id?: number | null } = {};
  if (workflow.scheduledFor !== undefined) values.scheduled_for = workflow.scheduledFor;
  if (workflow.createdByUserId !== undefined) values.created_by_user_id = workflow.createdByUserId;
  if (Object.keys(values).length > 0) await trx.updateTable('articles').set(values).where('id', '=', id).execute();
  // The schedule's job moves with it, in the same transaction: scheduling enqueues or moves it, anything else removes it.
  if (workflow.scheduledFor) await enqueueJob(trx, { kind: PUBLISH_STORY_JOB, key: String(id), runAt: new Date(workflow.scheduledFor) }, now);
  else if (workflow.scheduledFor === null) await cancelJob(trx, PUBLISH_STORY_JOB, String(id));
}

/** Ids of scheduled stories whose time has come, oldest schedule first. */
export async function listDueStoryIds(db: Kysely<Schema>, now: Date, limit = 100): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_for', '<=', now.toISOString())
    .orderBy('scheduled_for')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.id));
}

/** A story's revisions, newest first. */
export async function listRevisions(db: Kysely<Schema>, articleId: number): Promise<RevisionEntry[]> {
  const rows = await db
    .selectFrom('revisions')
    .select(['revision', 'note', 'created_by', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('revision', 'desc')
    .execute();
  return rows.map((row) => ({ revision: row.revision, note: row.note, createdBy: row.created_by, createdAt: row.created_at }));
}

/** A story's newest revision: who saved it and when (what a refused stale save tells the person). */
export async function findLatestRevision(db: Kysely<Schema>, articleId: number): Promise<RevisionEntry | undefined> {
  const row = await db
    .selectFrom('revisions')
    .select(['revision', 'note', 'created_by', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { revision: row.revision, note: row.note, createdBy: row.created_by, createdAt: row.created_at };
}

/** The full snapshot saved as one revision of a story. */
export async function findRevisionSnapshot(db: Kysely<Schema>, articleId: number, revision: number): Promise<(RevisionEntry & { snapshot: StoredArticle }) | undefined> {
  const row = await db
    .selectFrom('revisions')
    .select(['revision', 'note', 'created_by', 'created_at', 'snapshot'])
    .where('article_id', '=', articleId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (!row) return undefined;
  return { revision: row.revision, note: row.note, createdBy: row.created_by, createdAt: row.created_at, snapshot: JSON.parse(row.snapshot) as StoredArticle };
}

/** Appends a public, dated correction note to a story. */
export async function insertCorrection(trx: Transaction, articleId: number, text: string, now: Date): Promise<void> {
  await trx.insertInto('corrections').values({ article_id: articleId, text, published_at: now.toISOString() }).execute();
}

/** A story's corrections, oldest first. */
export async function listCorrections(db: Kysely<Schema>, articleId: number): Promise<{ text: string; publishedAt: string }[]> {
  const rows = await db.selectFrom('corrections').select(['text', 'published_at']).where('article_id', '=', articleId).orderBy('published_at').execute();
  return rows.map((row) => ({ text: row.text, publishedAt: row.published_at }));
}

/** The name of an author by id (a newsroom user's own byline). */
export async function findAuthorName(db: Kysely<Schema>, authorId: number): Promise<string | undefined> {
  const row = await db.selectFrom('authors').select('name').where('id', '=', authorId).executeTakeFirst();
  return row?.name;
}
