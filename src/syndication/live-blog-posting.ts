import { formatIsoWithOffset } from '../content/articles/index.js';
import { textOfUpdate, type LiveCoverage, type LiveUpdate } from '../content/live/index.js';
import type { JsonLd } from './structured-data.js';

/** How many of the newest updates the structured data lists (the page shows more). */
export const LIVE_BLOG_UPDATES_LISTED = 50;

/**
 * A live story's NewsArticle node as schema.org LiveBlogPosting (a NewsArticle's properties, and
 * coverageStartTime, coverageEndTime once ended, and liveBlogUpdate: each update a BlogPosting
 * with its own anchor), as Google's live blog structured data asks.
 */
export function liveBlogPostingJsonLd(article: JsonLd, live: { url: string; coverage: LiveCoverage; updates: readonly LiveUpdate[]; timeZone: string }): JsonLd {
  const { coverage, timeZone } = live;
  const at = (iso: string) => formatIsoWithOffset(iso, timeZone);
  return {
    ...article,
    '@type': 'LiveBlogPosting',
    coverageStartTime: at(coverage.startedAt),
    ...(coverage.endedAt && coverage.state === 'ended' ? { coverageEndTime: at(coverage.endedAt) } : {}),
    liveBlogUpdate: live.updates.slice(0, LIVE_BLOG_UPDATES_LISTED).map((update) => {
      const text = textOfUpdate(update.bodyHtml);
      return {
        '@type': 'BlogPosting',
        headline: text.length > 110 ? `${text.slice(0, 109)}…` : text,
        articleBody: text,
        url: `${live.url}#update-${update.id}`,
        datePublished: at(update.postedAt),
        dateModified: at(update.modifiedAt),
        author: { '@type': 'Person', name: update.authorName },
      };
    }),
  };
}
