import type { InferResult, Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { ArticleStatus, ArticleSummary } from './article.js';

// Every read of stories with their section (reader listings, one story's page, feeds, export and
// revisions, the newsroom's lists) starts from these two select lists and maps rows through these
// two functions: the column names of the articles ⨝ sections join are written here and nowhere else.

/** Stories joined with their section: the FROM of every read of a story with its section. */
export function fromArticlesWithSection(db: Kysely<Schema>) {
  return db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id');
}

const SECTION_COLUMNS = ['sections.slug as section_slug', 'sections.name as section_name'] as const;

// What any list of stories shows, the reader's or the newsroom's: no body nor other long text, so a
// listing reads a few hundred bytes per story however long the stories are.
const LISTING_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.url_date',
  'articles.status',
  'articles.title',
  'articles.teaser',
  'articles.published_at',
  'articles.modified_at',
  'articles.scheduled_for',
  'articles.revision',
  ...SECTION_COLUMNS,
] as const;

/** Stories with their section, the columns lists show (no body). */
export function selectArticleListings(db: Kysely<Schema>) {
  return fromArticlesWithSection(db).select(LISTING_COLUMNS);
}

/** Stories with their section, every column (the body too): one story's page, feeds, export. */
export function selectArticlesInFull(db: Kysely<Schema>) {
  return fromArticlesWithSection(db).selectAll('articles').select(SECTION_COLUMNS);
}

type ListingRow = InferResult<ReturnType<typeof selectArticleListings>>[number];
type FullRow = InferResult<ReturnType<typeof selectArticlesInFull>>[number];

/** A story as lists see it, in the domain's names; times and the URL date as stored (null until set). */
export interface ArticleListing {
  id: number;
  slug: string;
  urlDate: string | null;
  status: ArticleStatus;
  title: string;
  teaser: string;
  publishedAt: string | null;
  modifiedAt: string;
  scheduledFor: string | null;
  revision: number;
  sectionSlug: string;
  sectionName: string;
}

/** A story with every stored column, in the domain's names. */
export interface ArticleRecord extends ArticleListing {
  uri: string;
  dek: string;
  excerpt: string | null;
  bodyHtml: string;
  canonicalUrl: string | null;
  source: string;
  language: string;
  wordCount: number;
  updatedAt: string | null;
  createdAt: string;
  heroMediaId: number | null;
}

/** A row of selectArticleListings (or of selectArticlesInFull) as the domain names it. */
export function toArticleListing(row: ListingRow): ArticleListing {
  return {
    id: Number(row.id),
    slug: row.slug,
    urlDate: row.url_date,
    status: row.status as ArticleStatus,
    title: row.title,
    teaser: row.teaser,
    publishedAt: row.published_at,
    modifiedAt: row.modified_at,
    scheduledFor: row.scheduled_for,
    revision: row.revision,
    sectionSlug: row.section_slug,
    sectionName: row.section_name,
  };
}

/** A row of selectArticlesInFull as the domain names it. */
export function toArticleRecord(row: FullRow): ArticleRecord {
  return {
    ...toArticleListing(row),
    uri: row.uri,
    dek: row.dek,
    excerpt: row.excerpt,
    bodyHtml: row.body_html,
    canonicalUrl: row.canonical_url,
    source: row.source,
    language: row.language,
    wordCount: row.word_count,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    heroMediaId: row.hero_media_id === null ? null : Number(row.hero_media_id),
  };
}

/** What reader listings show of a (published) story: a missing date reads as empty. */
export function toArticleSummary(story: ArticleListing): ArticleSummary {
  return {
    id: story.id,
    slug: story.slug,
    urlDate: story.urlDate ?? '',
    title: story.title,
    teaser: story.teaser,
    publishedAt: story.publishedAt ?? '',
    sectionSlug: story.sectionSlug,
    sectionName: story.sectionName,
  };
}
