import { articlePath, type StoredArticle } from '../content/articles/index.js';
import type { LiveCoverage, LiveUpdate } from '../content/live/index.js';
import { articleToNinjs, type NinjsOut } from '../ingest/index.js';

/** How many of a live story's newest updates its ninjs item carries. */
export const NINJS_LIVE_UPDATES = 50;

/** The public ninjs 3.x representation of a published story: the export form plus its web page, and a live story's updates. */
export function presentArticleAsNinjs(article: StoredArticle, siteUrl: string, live?: { coverage: LiveCoverage; updates: readonly LiveUpdate[] }): NinjsOut {
  const ninjs = articleToNinjs(article);
  const page = article.urlDate ? `${siteUrl}${articlePath({ urlDate: article.urlDate, slug: article.slug })}` : undefined;
  // ninjs 3 has no "web page" property; a rendition of type text/html is how items point at one.
  const withPage = page ? { ...ninjs, renditions: [{ name: 'web', href: page, contentType: 'text/html' }] } : ninjs;
  if (!live) return withPage;
  // ninjs has no live blog: each update is an associated text item (rel "liveblogupdate", newest
  // first, its uri the story's with the update's anchor), and the coverage state a genre (live or ended).
  return {
    ...withPage,
    genres: [{ name: live.coverage.state === 'live' ? 'Live coverage' : 'Live coverage (ended)', uri: `urn:fortune-sky:coverage:${live.coverage.state}` }],
    associations: live.updates.slice(0, NINJS_LIVE_UPDATES).map((update) => ({
      name: `update-${update.id}`,
      rel: 'liveblogupdate',
      uri: `${article.uri}#update-${update.id}`,
      type: 'text',
      firstCreated: update.postedAt,
      versionCreated: update.modifiedAt,
      bodies: [{ role: 'main', contentType: 'text/html', value: update.bodyHtml }],
      by: update.authorName,
      ...(page && { renditions: [{ name: 'web', href: `${page}#update-${update.id}`, contentType: 'text/html' }] }),
    })),
  };
}
