import { formatIsoWithOffset } from '../content/articles/index.js';
import type { FeedChannel, FeedEntry } from './feed-entry.js';
import { absoluteUrl, type Publication } from './publication.js';

/** JSON Feed version 1.1 (https://www.jsonfeed.org/version/1.1/); the `feed` package only writes 1.0. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** The channel as a JSON Feed 1.1 document. */
export function writeJsonFeed(channel: FeedChannel, publication: Publication): string {
  const logo = absoluteUrl(publication, publication.logoPath);
  const feed = {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.jsonUrl,
    description: channel.description,
    icon: logo,
    favicon: logo,
    language: publication.language,
    authors: [{ name: publication.name, url: absoluteUrl(publication, '/') }],
    items: channel.entries.map((entry) => jsonItem(entry, publication.timeZone)),
  };
  // "<" escaped so the document is also safe to inline in HTML; JSON.stringify escapes control characters.
  return `${JSON.stringify(feed, null, 1).replace(/</g, '\\u003c')}\n`;
}

function jsonItem(entry: FeedEntry, timeZone: string) {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    summary: entry.summary,
    content_html: entry.contentHtml,
    date_published: formatIsoWithOffset(entry.published, timeZone),
    date_modified: formatIsoWithOffset(entry.updated, timeZone),
    ...(entry.authors.length ? { authors: entry.authors } : {}),
    tags: entry.categories.map((category) => category.name),
    language: entry.language,
    ...(entry.image ? { image: entry.image.url } : {}),
  };
}
