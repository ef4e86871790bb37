import type { ArticleSummary } from '../../content/articles/index.js';
import { MostReadBlock } from './most-read-block.js';
import { Pager, StoryList } from './story-parts.js';

/** A paged listing of stories: section fronts, topic and author pages. */
export function ListingPage({
  heading,
  intro,
  stories,
  page,
  hasOlder,
  basePath,
  timeZone,
  showSection,
  mostRead = [],
}: {
  heading: string;
  intro?: string;
  stories: ArticleSummary[];
  page: number;
  hasOlder: boolean;
  basePath: string;
  timeZone: string;
  showSection: boolean;
  /** A section front's most read (its first page only). */
  mostRead?: ArticleSummary[];
}) {
  return (
    <>
      <h1 class="page-title">
        {heading}
        {page > 1 && <span class="meta"> · page {page}</span>}
      </h1>
      {intro && <p class="page-intro">{intro}</p>}
      {stories.length === 0 ? <p>No stories yet.</p> : <StoryList stories={stories} timeZone={timeZone} headingLevel={2} showSection={showSection} />}
      <Pager basePath={basePath} page={page} hasOlder={hasOlder} />
      <MostReadBlock stories={mostRead} />
    </>
  );
}
