import type { ArticleSummary } from '../../content/articles/index.js';
import { MostReadBlock } from './most-read-block.js';
import { LeadStory, StoryList } from './story-parts.js';

/** One section's block on the front page. */
export interface SectionBlock {
  slug: string;
  name: string;
  stories: ArticleSummary[];
}

/** The front page: the lead story, the editors' top stories, the latest column with the most read under it, and a block per section. */
export function FrontPage({
  lead,
  top = [],
  latest,
  blocks,
  mostRead = [],
  timeZone,
}: {
  lead: ArticleSummary | undefined;
  top?: ArticleSummary[];
  latest: ArticleSummary[];
  blocks: SectionBlock[];
  mostRead?: ArticleSummary[];
  timeZone: string;
}) {
  if (!lead) {
    return (
      <section class="error-page">
        <h2>No stories yet</h2>
        <p>Nothing has been published. Import stories with <code>fortune-sky import FILE</code>.</p>
      </section>
    );
  }
  return (
    <div class="front">
      <div class="front-main">
        <LeadStory story={lead} timeZone={timeZone} />
        {top.length > 0 && (
          <section class="top-stories" aria-labelledby="top-stories-title">
            <h2 id="top-stories-title">Top stories</h2>
            <StoryList stories={top} timeZone={timeZone} showSection />
          </section>
        )}
        <div class="section-blocks">
          {blocks
            .filter((block) => block.stories.length > 0)
            .map((block) => (
              <section class="section-block" key={block.slug} aria-labelledby={`block-${block.slug}`}>
                <h2 id={`block-${block.slug}`}>
                  <a href={`/${block.slug}/`}>{block.name}</a>
                </h2>
                <StoryList stories={block.stories} timeZone={timeZone} />
              </section>
            ))}
        </div>
      </div>
      <div class="front-side">
        <section class="latest" aria-labelledby="latest-title">
          <h2 id="latest-title">Latest</h2>
          <StoryList stories={latest} timeZone={timeZone} showTeaser={false} showSection />
        </section>
        <MostReadBlock stories={mostRead} />
      </div>
    </div>
  );
}
