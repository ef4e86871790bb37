import type { ArticleSummary } from '../../content/articles/index.js';
import type { MediaItem } from '../../content/media/index.js';
import { MostReadBlock } from './most-read-block.js';
import { ResponsiveImage } from './responsive-image.js';
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
  portrait,
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
  /** An author page's photo and whose it is (its alt text is the person's name). */
  portrait?: { item: MediaItem; name: string };
}) {
  return (
    <>
      <h1 class="page-title">
        {heading}
        {page > 1 && <span class="meta"> · page {page}</span>}
      </h1>
      {portrait ? (
        <div class="author-intro">
          <ResponsiveImage item={{ ...portrait.item, alt: portrait.name }} sizes="6rem" isEager />
          {intro && <p class="page-intro">{intro}</p>}
        </div>
      ) : (
        intro && <p class="page-intro">{intro}</p>
      )}
      {stories.length === 0 ? <p>No stories yet.</p> : <StoryList stories={stories} timeZone={timeZone} headingLevel={2} showSection={showSection} />}
      <Pager basePath={basePath} page={page} hasOlder={hasOlder} />
      <MostReadBlock stories={mostRead} />
    </>
  );
}
