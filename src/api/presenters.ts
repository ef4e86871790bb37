import type { z } from 'zod';
import { articlePath, type PublishedArticle, type PublishedArticleListing } from '../content/articles/index.js';
import type { Author, Section, StoredTag } from '../content/taxonomy/index.js';
import type { ArticleSchema, ArticleSummarySchema, AuthorSchema, MostReadEntrySchema, SectionSchema, TopicSchema } from './api-schemas.js';

// Presenters choose what leaves the server: each maps a domain object to its API schema's type,
// field by field, so a column added to a story never reaches clients by accident.

/** Absolute URLs of the site's pages. */
export interface SiteLinks {
  siteUrl: string;
}

/** A story as lists show it. */
export function presentArticleSummary(story: PublishedArticleListing, { siteUrl }: SiteLinks): z.output<typeof ArticleSummarySchema> {
  const path = articlePath({ urlDate: story.urlDate, slug: story.slug });
  return {
    id: story.id,
    url: `${siteUrl}${path}`,
    path,
    title: story.title,
    teaser: story.teaser,
    section: { slug: story.sectionSlug, name: story.sectionName, url: `${siteUrl}/${story.sectionSlug}/` },
    bylines: story.bylines.map((byline) => ({ name: byline.name, slug: byline.slug, url: `${siteUrl}/author/${byline.slug}/` })),
    topics: story.tags.map((tag) => presentTopic(tag, { siteUrl })),
    publishedAt: story.publishedAt,
    modifiedAt: story.modifiedAt,
    image: story.image && {
      url: `${siteUrl}${story.image.url}`,
      width: story.image.width ?? null,
      height: story.image.height ?? null,
      alt: story.image.alt ?? '',
      caption: story.image.caption ?? null,
      credit: story.image.credit ?? null,
    },
  };
}

/** A story in full. */
export function presentArticle(story: PublishedArticle, links: SiteLinks): z.output<typeof ArticleSchema> {
  return {
    ...presentArticleSummary(story, links),
    uri: story.uri,
    dek: story.dek,
    bodyHtml: story.bodyHtml,
    updatedAt: story.updatedAt,
    canonicalUrl: story.canonicalUrl,
    source: story.source,
    language: story.language,
    wordCount: story.wordCount,
    corrections: story.corrections.map((correction) => ({ text: correction.text, publishedAt: correction.publishedAt })),
  };
}

/** A section. */
export function presentSection(section: Section, { siteUrl }: SiteLinks): z.output<typeof SectionSchema> {
  return { slug: section.slug, name: section.name, description: section.description, url: `${siteUrl}/${section.slug}/` };
}

/** A tag. */
export function presentTopic(tag: Pick<StoredTag, 'slug' | 'name' | 'kind'>, { siteUrl }: SiteLinks): z.output<typeof TopicSchema> {
  return { slug: tag.slug, name: tag.name, kind: tag.kind, url: `${siteUrl}/topic/${tag.slug}/` };
}

/** An author. */
export function presentAuthor(author: Author, { siteUrl }: SiteLinks): z.output<typeof AuthorSchema> {
  return { slug: author.slug, name: author.name, bio: author.bio, url: `${siteUrl}/author/${author.slug}/` };
}

/** A story among the most read: its place in the list, its views as ranked, and the story as lists show it. */
export function presentMostRead(rank: number, views: number, story: PublishedArticleListing, links: SiteLinks): z.output<typeof MostReadEntrySchema> {
  return { rank, views, article: presentArticleSummary(story, links) };
}
