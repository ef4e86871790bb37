import type { AtomFeed, JsonFeed, MediaNs, RdfFeed, RssFeed } from 'feedsmith';
import { escapeHtml, plainTextToHtml } from '../../content/articles/index.js';
import { htmlToText } from '../../content/text/index.js';
import type { FeedEntry, FeedImage } from './feed-item.js';

// feedsmith's objects mirror each format (and fold namespaces in: dc:creator → dc.creators,
// content:encoded → content.encoded, media:content → media.contents); these map each to a FeedEntry.

/** An RSS 0.9x/2.0 item. */
export function rssEntry(item: RssFeed.Item<string>): FeedEntry {
  const guid = item.guid?.value?.trim();
  // A guid is the item's address unless it says otherwise (isPermaLink defaults to true).
  const guidLink = guid && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : undefined;
  return {
    kind: 'entry',
    guid,
    link: item.link?.trim() || guidLink,
    title: item.title,
    summaryHtml: item.description,
    contentHtml: item.content?.encoded,
    authors: names([...(item.dc?.creators ?? []), ...(item.authors ?? []).map((person) => person.name ?? person.email)]),
    categories: names([...(item.categories ?? []).map((category) => category.name), ...(item.dc?.subjects ?? [])]),
    publishedAt: isoDate(item.pubDate ?? item.dc?.dates?.[0]),
    updatedAt: isoDate(item.atom?.updated ?? item.dcterms?.modified?.[0]),
    images: [...(item.enclosures ?? []).filter((enclosure) => isImageType(enclosure.type)).flatMap((enclosure) => image(enclosure.url)), ...mediaImages(item.media)],
    language: item.dc?.languages?.[0],
  };
}

/** An RSS 1.0 (RDF) item. */
export function rdfEntry(item: RdfFeed.Item<string>): FeedEntry {
  return {
    kind: 'entry',
    guid: item.rdf?.about ?? item.link,
    link: item.link,
    title: item.title,
    summaryHtml: item.description,
    contentHtml: item.content?.encoded,
    authors: names(item.dc?.creators ?? []),
    categories: names(item.dc?.subjects ?? []),
    publishedAt: isoDate(item.dc?.dates?.[0]),
    updatedAt: isoDate(item.dcterms?.modified?.[0]),
    images: mediaImages(item.media),
    language: item.dc?.languages?.[0],
  };
}

/** An Atom 1.0 entry. */
export function atomEntry(entry: AtomFeed.Entry<string>): FeedEntry {
  const links = entry.links ?? [];
  const alternate = links.find((link) => !link.rel || link.rel === 'alternate');
  return {
    kind: 'entry',
    guid: entry.id,
    link: alternate?.href,
    title: atomText(entry.title, { asText: true }),
    summaryHtml: atomText(entry.summary),
    // Out-of-line content (`src`) is a reference, not the text.
    contentHtml: entry.content?.src ? undefined : atomText(entry.content),
    authors: names([...(entry.authors ?? []), ...(entry.dc?.creators ?? []).map((name) => ({ name }))].map((person) => person.name)),
    categories: names((entry.categories ?? []).map((category) => category.label ?? category.term)),
    publishedAt: isoDate(entry.published ?? entry.updated),
    updatedAt: isoDate(entry.updated),
    images: [...links.filter((link) => link.rel === 'enclosure' && isImageType(link.type)).flatMap((link) => image(link.href, link.title)), ...mediaImages(entry.media)],
  };
}

/** A JSON Feed 1.0/1.1 item. */
export function jsonFeedEntry(item: JsonFeed.Item<string>): FeedEntry {
  const attachments = (item.attachments ?? []).filter((attachment) => isImageType(attachment.mime_type));
  return {
    kind: 'entry',
    guid: item.id === undefined ? undefined : String(item.id),
    link: item.url ?? item.external_url,
    title: item.title,
    summaryHtml: item.summary ? `<p>${escapeHtml(item.summary)}</p>` : undefined,
    contentHtml: item.content_html ?? (item.content_text ? plainTextToHtml(item.content_text) : undefined),
    authors: names((item.authors ?? []).map((author) => author.name)),
    categories: names(item.tags ?? []),
    publishedAt: isoDate(item.date_published),
    updatedAt: isoDate(item.date_modified),
    images: [...image(item.image), ...image(item.banner_image), ...attachments.flatMap((attachment) => image(attachment.url, attachment.title))],
    language: item.language,
  };
}

// Atom text constructs: "text" is plain (escaped here), "html" is escaped markup (feedsmith
// unescaped it), "xhtml" is markup inline (feedsmith gives the inner markup).
function atomText(text: { value?: string; type?: string } | undefined, { asText = false } = {}): string | undefined {
  const value = text?.value;
  if (value === undefined) return undefined;
  const isMarkup = text?.type === 'html' || text?.type === 'xhtml';
  if (asText) return isMarkup ? htmlToText(value) : value;
  return isMarkup ? value : `<p>${escapeHtml(value)}</p>`;
}

// media:content (alone or in a media:group) with an image medium or type, each with its caption
// and credit (its own, else the item's); media:thumbnail only when there is no such content.
function mediaImages(media: MediaNs.ItemOrFeed | undefined): FeedImage[] {
  if (!media) return [];
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((group) => group.contents ?? [])];
  const fallbackCaption = media.description?.value ?? media.title?.value;
  const fallbackCredit = media.credits?.[0]?.value;
  const images = contents
    .filter((content) => content.medium === 'image' || isImageType(content.type))
    .flatMap((content) => image(content.url, content.description?.value ?? content.title?.value ?? fallbackCaption, content.credits?.[0]?.value ?? fallbackCredit));
  if (images.length > 0) return images;
  return (media.thumbnails ?? []).slice(0, 1).flatMap((thumbnail) => image(thumbnail.url, fallbackCaption, fallbackCredit));
}

function isImageType(type: string | undefined): boolean {
  return /^image\//i.test(type?.trim() ?? '');
}

function names(values: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const name = value?.replace(/\s+/g, ' ').trim();
    if (name) seen.add(name);
  }
  return [...seen];
}

/** A feed's date (RFC 822 in RSS, RFC 3339 in Atom and JSON Feed, ISO 8601 in Dublin Core) as ISO 8601 UTC; undefined when missing or unreadable. */
function isoDate(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

// An image reference, when there is a URL; caption and credit only when they say something.
function image(url: string | undefined, caption?: string, credit?: string): FeedImage[] {
  if (!url?.trim()) return [];
  const found: FeedImage = { url: url.trim() };
  if (caption?.trim()) found.caption = caption.trim();
  if (credit?.trim()) found.credit = credit.trim();
  return [found];
}
