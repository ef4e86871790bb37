import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { countDeskStories, findDeskStories, type DeskSort, type DeskStory, type DeskStoryFilter } from './desk-queries.js';
import type { StoryOwner } from './story-store.js';

/** One dashboard column: its first stories and how many there are in all. */
export interface DashboardColumn {
  stories: DeskStory[];
  total: number;
}

/** The dashboard's columns. */
export interface DashboardStories {
  myDrafts: DashboardColumn;
  inReview: DashboardColumn;
  /** Soonest first. */
  scheduled: DashboardColumn;
  /** Since the start of today in the site's time zone, newest first. */
  publishedToday: DashboardColumn;
}

/** Stories per dashboard column. */
export const DASHBOARD_LIST_SIZE = 8;

async function column(db: Kysely<Schema>, filter: Omit<DeskStoryFilter, 'words'>, sort: DeskSort): Promise<DashboardColumn> {
  const full = { ...filter, words: [] };
  const [stories, total] = await Promise.all([findDeskStories(db, full, { sort, limit: DASHBOARD_LIST_SIZE }), countDeskStories(db, full, sort)]);
  return { stories, total };
}

/**
 * The dashboard's columns for a user. "My drafts": drafts the user created or whose byline carries
 * the user's author; `readsAll` false limits the other columns to the user's own stories too.
 */
export async function listDashboardStories(
  db: Kysely<Schema>,
  user: { id: number; authorId: number | null },
  { readsAll, startOfToday }: { readsAll: boolean; startOfToday: string },
): Promise<DashboardStories> {
  const own: StoryOwner = { userId: user.id, authorId: user.authorId };
  const ownedBy = readsAll ? undefined : own;
  const [myDrafts, inReview, scheduled, publishedToday] = await Promise.all([
    column(db, { status: 'draft', ownedBy: own }, 'modified'),
    column(db, { status: 'in_review', ownedBy }, 'modified'),
    column(db, { status: 'scheduled', ownedBy }, 'scheduled'),
    column(db, { status: 'published', ownedBy, from: startOfToday }, 'published'),
  ]);
  return { myDrafts, inReview, scheduled, publishedToday };
}
