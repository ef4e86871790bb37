import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { selectArticleListings, toArticleListing, type ArticleStatus } from '../articles/index.js';
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
  const query = selectArticleListings(db).where('articles.status', '=', status).limit(DASHBOARD_LIST_SIZE);
  return ownedBy ? query.where((eb) => isOwnedBy(eb, ownedBy)) : query;
}

/**
 * The dashboard's lists for a user. "My drafts": drafts the user created or whose byline carries
 * the user's author; `readsAll` false limits the other lists to the user's own stories too.
 */
export async function listDashboardStories(db: Kysely<Schema>, user: { id: number; authorId: number | null }, { readsAll }: { readsAll: boolean }): Promise<DashboardStories> {
  const own: StoryOwner = { userId: user.id, authorId: user.authorId };
  const readable = readsAll ? undefined : own;
  const myDrafts = await readStoryList(storyList(db, 'draft', own).orderBy('articles.modified_at', 'desc'));
  const [inReview, scheduled, recentlyPublished] = await Promise.all([
    readStoryList(storyList(db, 'in_review', readable).orderBy('articles.modified_at', 'desc')),
    readStoryList(storyList(db, 'scheduled', readable).orderBy('articles.scheduled_for', 'asc').orderBy('articles.id')),
    readStoryList(storyList(db, 'published', readable).orderBy('articles.published_at', 'desc')),
  ]);
  return { myDrafts, inReview, scheduled, recentlyPublished };
}

async function readStoryList(query: ReturnType<typeof storyList>): Promise<DashboardStory[]> {
  return (await query.execute()).map(toArticleListing).map((story) => ({
    id: story.id,
    title: story.title,
    status: story.status,
    sectionName: story.sectionName,
    modifiedAt: story.modifiedAt,
    publishedAt: story.publishedAt,
    scheduledFor: story.scheduledFor,
  }));
}
