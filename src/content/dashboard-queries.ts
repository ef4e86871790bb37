import type { Kysely } from 'kysely';
import type { Schema } from '../storage/index.js';
import type { ArticleStatus } from './article.js';

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

function storyList(db: Kysely<Schema>, status: ArticleStatus) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.title', 'articles.status', 'sections.name as sectionName', 'articles.modified_at as modifiedAt', 'articles.published_at as publishedAt', 'articles.scheduled_for as scheduledFor'])
    .where('articles.status', '=', status)
    .limit(DASHBOARD_LIST_SIZE);
}

/** The dashboard's lists for a user. "My drafts": drafts the user created or whose byline carries the user's author. */
export async function listDashboardStories(db: Kysely<Schema>, user: { id: number; authorId: number | null }): Promise<DashboardStories> {
  const authorId = user.authorId;
  const myDrafts = await storyList(db, 'draft')
    .where((eb) =>
      eb.or([
        eb('articles.created_by_user_id', '=', user.id),
        ...(authorId === null ? [] : [eb('articles.id', 'in', db.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId))]),
      ]),
    )
    .orderBy('articles.modified_at', 'desc')
    .execute();
  const [inReview, scheduled, recentlyPublished] = await Promise.all([
    storyList(db, 'in_review').orderBy('articles.modified_at', 'desc').execute(),
    storyList(db, 'scheduled').orderBy('articles.scheduled_for', 'asc').orderBy('articles.id').execute(),
    storyList(db, 'published').orderBy('articles.published_at', 'desc').execute(),
  ]);
  const typed = (rows: typeof inReview) => rows.map((row) => ({ ...row, status: row.status as ArticleStatus }));
  return { myDrafts: typed(myDrafts), inReview: typed(inReview), scheduled: typed(scheduled), recentlyPublished: typed(recentlyPublished) };
}
