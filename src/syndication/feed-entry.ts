import { articlePath, type FeedArticle } from '../content/articles/index.js';
import type { ArticleImage } from '../content/media/index.js';
import { absoluteUrl, type Publication } from './publication.js';

/** A person or a category with the page about them. */
export interface FeedLinkedName {
  name: string;
  url: string;
}

/** A category and the scheme it comes from (the site root for sections, /topic/ for topics). */
export interface FeedCategory extends FeedLinkedName {
  scheme: string;
}

/** One story as every feed format carries it; times are stored ISO instants (UTC). */
export interface FeedEntry {
  /** Stable id: the story's uri when it is an absolute URI, else its permalink. */
  id: string;
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  language: string;
  authors: FeedLinkedName[];
  categories: FeedCategory[];
  published: string;
  updated: string;
  image: ArticleImage | null;
}

/** What a feed is about and where its formats live (absolute URLs). */
export interface FeedChannel {
  title: string;
  description: string;
  homeUrl: string;
  rssUrl: string;
  atomUrl: string;
  jsonUrl: string;
  /** The newest change among the entries (ISO instant). */
  updated: string;
  entries: FeedEntry[];
}

// RFC 3986 scheme followed by something without spaces: usable as an Atom id and RSS guid.
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;

/** Maps a stored story to a feed entry. */
export function toFeedEntry(article: FeedArticle, publication: Publication): FeedEntry {
  const url = absoluteUrl(publication, articlePath(article));
  return {
    id: ABSOLUTE_URI.test(article.uri) ? article.uri : url,
    url,
    title: article.title,
    summary: article.teaser,
    contentHtml: article.bodyHtml,
    language: article.language,
    authors: article.bylines.map((byline) => ({ name: byline.name, url: absoluteUrl(publication, `/author/${byline.slug}/`) })),
    categories: [
      { name: article.sectionName, url: absoluteUrl(publication, `/${article.sectionSlug}/`), scheme: absoluteUrl(publication, '/') },
      ...article.tags.map((tag) => ({ name: tag.name, url: absoluteUrl(publication, `/topic/${tag.slug}/`), scheme: absoluteUrl(publication, '/topic/') })),
    ],
    published: article.publishedAt,
    updated: article.updatedAt ?? article.publishedAt,
    // Hero images are stored with site paths; feeds need absolute URLs.
    image: article.image && { ...article.image, url: article.image.url.startsWith('/') ? absoluteUrl(publication, article.image.url) : article.image.url },
  };
}

/** The type to announce for an image, from its declared type or its file name. */
export function imageMimeType(image: ArticleImage): string {
  if (image.mimeType) return image.mimeType;
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(image.url)?.[1]?.toLowerCase();
  return extension === 'jpg' || extension === 'jpeg' ? 'image/jpeg' : extension ? `image/${extension}` : 'image/jpeg';
}
