import type { TagKind } from '../taxonomy/index.js';

/** Where a story stands in the editorial workflow. */
export type ArticleStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished';

/** Provenance of the demo set; article pages mark such stories as fictional. */
export const SAMPLE_SOURCE = 'sample';

/** Provenance of generated benchmark data; its pages say the text is synthetic. */
export const SYNTHETIC_SOURCE = 'synthetic';

/** A tag as a story carries it. */
export interface TagRef {
  kind: TagKind;
  name: string;
}

/** Everything an entry point (import, newsroom) supplies to create or update a story. */
export interface ArticleInput {
  /** Stable external id (e.g. the ninjs uri): the key for idempotent imports. */
  uri: string;
  /** Wanted slug; derived from the title for new stories when absent, kept as is on updates. */
  slug?: string;
  status: ArticleStatus;
  title: string;
  dek: string;
  /** Edited teaser; null derives it from the body. */
  excerpt: string | null;
  bodyHtml: string;
  /**
   * Proof that bodyHtml is already the sanitizer's output in this process (`sanitizeAndSealBody`):
   * saving then stores it as is. Absent or wrong, the body is sanitized on save.
   */
  bodySeal?: string;
  /** The body's readable text, sealed with it (`sanitizeAndSealBody`): saving reads its teaser and word count from it when the seal holds. */
  bodyText?: string;
  /** Section name or slug; null for the default section. */
  section: string | null;
  bylines: string[];
  tags: TagRef[];
  canonicalUrl: string | null;
  source: string;
  language: string;
  publishedAt: string | null;
  updatedAt: string | null;
}

/** A person on a byline. */
export interface Byline {
  name: string;
  slug: string;
}

/** A tag with its public slug. */
export interface Tag extends TagRef {
  slug: string;
}

/** A public correction note. */
export interface Correction {
  text: string;
  publishedAt: string;
}

/** What listings show of a story. */
export interface ArticleSummary {
  id: number;
  slug: string;
  urlDate: string;
  title: string;
  teaser: string;
  publishedAt: string;
  sectionSlug: string;
  sectionName: string;
}

/** A story as its page shows it. */
export interface ArticleView extends ArticleSummary {
  uri: string;
  dek: string;
  bodyHtml: string;
  updatedAt: string | null;
  canonicalUrl: string | null;
  source: string;
  language: string;
  wordCount: number;
  bylines: Byline[];
  tags: Tag[];
  corrections: Correction[];
  /** The hero image's media id, if the story has one. */
  heroMediaId?: number | null;
  /** Its tags' ids, in their order, when read from the database: the related stories start from them. */
  tagIds?: number[];
}

/** A stored story in full, as export and revisions see it. */
export interface StoredArticle {
  id: number;
  uri: string;
  slug: string;
  urlDate: string | null;
  status: ArticleStatus;
  title: string;
  dek: string;
  excerpt: string | null;
  teaser: string;
  bodyHtml: string;
  sectionSlug: string;
  sectionName: string;
  bylines: string[];
  tags: TagRef[];
  canonicalUrl: string | null;
  source: string;
  language: string;
  wordCount: number;
  publishedAt: string | null;
  updatedAt: string | null;
  createdAt: string;
  modifiedAt: string;
  revision: number;
}

/** The public path of a published story: /yyyy/mm/dd/slug/. */
export function articlePath(article: { urlDate: string; slug: string }): string {
  return `/${article.urlDate.replaceAll('-', '/')}/${article.slug}/`;
}

/** Whether a status makes a story visible to readers. */
export function isPublic(status: ArticleStatus): boolean {
  return status === 'published';
}
