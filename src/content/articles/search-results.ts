import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { ArticleSummary, Byline } from './article.js';
import { loadArticleLinks } from './article-links.js';
import { selectArticlesInFull, toArticleRecord, toArticleSummary } from './article-row.js';

/** A published story as a search result shows it: what listings show, with its dek, body and bylines (the snippet comes from the dek and body). */
export interface SearchResultStory extends ArticleSummary {
  dek: string;
  bodyHtml: string;
  bylines: Byline[];
}

/** The published ones of these stories, in no particular order (a story unpublished since the search ran is left out). */
export async function listSearchResultStories(db: Kysely<Schema>, ids: readonly number[]): Promise<SearchResultStory[]> {
  if (ids.length === 0) return [];
  // By primary key alone: with a status condition too, the planner may scan the status index instead.
  const stories = (await selectArticlesInFull(db).where('articles.id', 'in', [...ids]).execute()).map(toArticleRecord).filter((story) => story.status === 'published');
  const { bylines } = await loadArticleLinks(db, stories.map((story) => story.id));
  return stories.map((story) => ({ ...toArticleSummary(story), dek: story.dek, bodyHtml: story.bodyHtml, bylines: bylines.get(story.id) ?? [] }));
}
