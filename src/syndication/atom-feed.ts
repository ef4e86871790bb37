import { formatIsoWithOffset } from '../content/articles/index.js';
import { imageMimeType, type FeedChannel, type FeedEntry } from './feed-entry.js';
import { absoluteUrl, type Publication } from './publication.js';
import { XML_DECLARATION, xmlElement, xmlText } from './xml.js';

/** The channel as Atom 1.0 (RFC 4287); times carry the site's offset. */
export function writeAtomFeed(channel: FeedChannel, publication: Publication): string {
  const { timeZone } = publication;
  const head = [
    xmlText('id', channel.atomUrl),
    xmlText('title', channel.title),
    xmlText('subtitle', channel.description),
    xmlText('updated', formatIsoWithOffset(channel.updated, timeZone)),
    xmlElement('link', { rel: 'self', type: 'application/atom+xml', href: channel.atomUrl }),
    xmlElement('link', { rel: 'alternate', type: 'text/html', href: channel.homeUrl }),
    // RFC 4287 §4.1.2: an entry without an author takes the feed's, so stories without a byline stay valid.
    xmlElement('author', {}, [xmlText('name', publication.name), xmlText('uri', absoluteUrl(publication, '/'))]),
    xmlText('icon', absoluteUrl(publication, publication.logoPath)),
    xmlText('logo', absoluteUrl(publication, publication.logoPath)),
  ];
  const entries = channel.entries.map((entry) => atomEntry(entry, timeZone));
  return `${XML_DECLARATION}${xmlElement('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': publication.language }, [...head, ...entries])}\n`;
}

function atomEntry(entry: FeedEntry, timeZone: string): string {
  return xmlElement('entry', {}, [
    xmlText('id', entry.id),
    xmlText('title', entry.title, { type: 'text' }),
    xmlElement('link', { rel: 'alternate', type: 'text/html', href: entry.url }),
    xmlText('published', formatIsoWithOffset(entry.published, timeZone)),
    xmlText('updated', formatIsoWithOffset(entry.updated, timeZone)),
    ...entry.authors.map((author) => xmlElement('author', {}, [xmlText('name', author.name), xmlText('uri', author.url)])),
    ...entry.categories.map((category) => xmlElement('category', { term: category.name, scheme: category.scheme, label: category.name })),
    xmlText('summary', entry.summary, { type: 'text' }),
    xmlText('content', entry.contentHtml, { type: 'html' }),
    ...(entry.image ? [xmlElement('link', { rel: 'enclosure', type: imageMimeType(entry.image), href: entry.image.url })] : []),
  ]);
}
