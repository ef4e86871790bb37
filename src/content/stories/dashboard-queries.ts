import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { ArticleStatus } from '../articles/index.js';
import { isOwnedBy, type StoryOwner } from './story-store.js';

/** A story as a newsroom list shows it. */
export interface DashboardStory {
  id: number;
  title: string;
  status: ArticleStatus;
  sectionName: string;
  /** Last saved (ISO). */
  modifiedAt: string;
  publishedAt: string | null;
  /** When a scheduled story goes live (ISO), else null. */
  scheduledFor: string | null;
}

/** The dashboard's lists, newest first. */
export interface DashboardStories {
  myDrafts: DashboardStory[];
  inReview: DashboardStory[];
  scheduled: DashboardStory[];
  recentlyPublished: DashboardStory[];
}

/** Stories per dashboard list. */
export const DASHBOARD_LIST_SIZE = 10;

function storyList(db: Kysely<Schema>, status: ArticleStatus, ownedBy: StoryOwner | undefined) {
  const query = db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.title', 'articles.status', 'sections.name as sectionName', 'articles.modified_at as modifiedAt', 'articles.published_at as publishedAt', 'articles.scheduled_for as scheduledFor'])
    .where('articles.status', '=', status)
    .limit(DASHBOARD_LIST_SIZE);
  return ownedBy ? query.where((eb) => isOwnedBy(eb, ownedBy)) : query;
}

/**
 * The dashboard's lists for a user. "My drafts": drafts the user created or whose byline carries
 * the user's author; `readsAll` false limits the other lists to the user's own stories too.
 */
export async function listDashboardStories(db: Kysely<Schema>, user: { id: number; authorId: number | null }, { readsAll }: { readsAll: boolean }): Promise<DashboardStories> {
  const own: StoryOwner = { userId: user.id, authorId: user.authorId };
  const readable = readsAll ? undefined : own;
  const myDrafts = await storyList(db, 'draft', own).orderBy('articles.modified_at', 'desc').execute();
  const [inReview, scheduled, recentlyPublished] = await Promise.all([
    storyList(db, 'in_review', readable).orderBy('articles.modified_at', 'desc').execute(),
    storyList(db, 'scheduled', readable).orderBy('articles.scheduled_for', 'asc').orderBy('articles.id').execute(),
    storyList(db, 'published', readable).orderBy('articles.published_at', 'desc').execute(),
  ]);
  const typed = (rows: typeof inReview) => rows.map((row) => ({ ...row, status: row.status as ArticleStatus }));
  return { myDrafts: typed(myDrafts), inReview: typed(inReview), scheduled: typed(scheduled), recentlyPublished: typed(recentlyPublished) };
}
