import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { ArticleSummary, Byline } from './article.js';
import { loadArticleLinks } from './article-links.js';
import { selectArticleListings, toArticleListing, toArticleSummary } from './article-row.js';

/** How much of a body a search result reads: its snippet comes from the story's opening, and a long story must not cost more. */
const BODY_OPENING_CHARACTERS = 20_000;

/** A published story as a search result shows it: what listings show, with its dek, the opening of its body and its bylines (the snippet comes from dek and body). */
export interface SearchResultStory extends ArticleSummary {
  dek: string;
  /** The body's HTML, cut after BODY_OPENING_CHARACTERS characters (the parser copes with a cut tag). */
  bodyOpeningHtml: string;
  bylines: Byline[];
}

/** The published ones of these stories, in no particular order (a story unpublished since the search ran is left out). */
export async function listSearchResultStories(db: Kysely<Schema>, ids: readonly number[]): Promise<SearchResultStory[]> {
  if (ids.length === 0) return [];
  // By primary key alone: with a status condition too, the planner may scan the status index instead.
  const rows = await selectArticleListings(db)
    .select(['articles.dek', sql<string>`substr(articles.body_html, 1, ${sql.lit(BODY_OPENING_CHARACTERS)})`.as('body_opening')])
    .where('articles.id', 'in', [...ids])
    .execute();
  const stories = rows.map((row) => ({ story: toArticleListing(row), dek: row.dek, bodyOpeningHtml: row.body_opening })).filter(({ story }) => story.status === 'published');
  const { bylines } = await loadArticleLinks(db, stories.map(({ story }) => story.id));
  return stories.map(({ story, dek, bodyOpeningHtml }) => ({ ...toArticleSummary(story), dek, bodyOpeningHtml, bylines: bylines.get(story.id) ?? [] }));
}
