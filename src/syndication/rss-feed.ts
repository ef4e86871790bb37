import { formatIsoWithOffset } from '../content/articles/index.js';
import { imageMimeType, type FeedChannel, type FeedEntry } from './feed-entry.js';
import { formatRfc822 } from './feed-times.js';
import { absoluteUrl, type Publication } from './publication.js';
import { XML_DECLARATION, xmlElement, xmlText } from './xml.js';

const NAMESPACES = {
  version: '2.0',
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

/** The channel as RSS 2.0 (with content:encoded for full text, dc:creator for bylines, media:content for the image). */
export function writeRssFeed(channel: FeedChannel, publication: Publication): string {
  const { timeZone } = publication;
  const head = [
    xmlText('title', channel.title),
    xmlText('link', channel.homeUrl),
    xmlText('description', channel.description),
    xmlText('language', publication.language),
    xmlText('lastBuildDate', formatRfc822(channel.updated, timeZone)),
    xmlElement('atom:link', { href: channel.rssUrl, rel: 'self', type: 'application/rss+xml' }),
    xmlElement('image', {}, [
      xmlText('url', absoluteUrl(publication, publication.logoPath)),
      xmlText('title', channel.title),
      xmlText('link', channel.homeUrl),
      xmlText('width', String(publication.logoWidth)),
      xmlText('height', String(publication.logoHeight)),
    ]),
  ];
  const items = channel.entries.map((entry) => rssItem(entry, timeZone));
  return `${XML_DECLARATION}${xmlElement('rss', NAMESPACES, [xmlElement('channel', {}, [...head, ...items])])}\n`;
}

function rssItem(entry: FeedEntry, timeZone: string): string {
  return xmlElement('item', {}, [
    xmlText('title', entry.title),
    xmlText('link', entry.url),
    // The uri outlives slug changes, so readers never see a story twice; it is not a page address.
    xmlText('guid', entry.id, { isPermaLink: entry.id === entry.url ? 'true' : 'false' }),
    xmlText('pubDate', formatRfc822(entry.published, timeZone)),
    // RSS 2.0 has no "updated": Dublin Core's date beside pubDate is how readers take the last change.
    xmlText('dc:date', formatIsoWithOffset(entry.updated, timeZone)),
    // Readers take RSS descriptions as HTML; the teaser is plain text, so a "<" in it must not open a tag.
    xmlText('description', entry.summary.replaceAll('<', '&lt;')),
    xmlText('content:encoded', entry.contentHtml),
    // RSS's own <author> wants an e-mail address; bylines are names, so Dublin Core it is.
    ...entry.authors.map((author) => xmlText('dc:creator', author.name)),
    ...entry.categories.map((category) => xmlText('category', category.name, { domain: category.url })),
    ...(entry.image
      ? [
          xmlElement('media:content', { url: entry.image.url, medium: 'image', type: imageMimeType(entry.image), width: entry.image.width, height: entry.image.height },
            entry.image.alt ? [xmlText('media:description', entry.image.alt)] : []),
        ]
      : []),
  ]);
}
