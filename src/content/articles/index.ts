// Stories as content: their types and pure rules, the one write every entry point uses
// (saveArticle), reader-side and syndication queries, and bulk loading. The only file other modules
// import from this folder.
export {
  articlePath,
  SAMPLE_SOURCE,
  SYNTHETIC_SOURCE,
  type ArticleInput,
  type ArticleStatus,
  type ArticleSummary,
  type ArticleView,
  type Byline,
  type Correction,
  type StoredArticle,
  type TagRef,
} from './article.js';
export { selectArticleListings, toArticleListing, toArticleSummary } from './article-row.js';
export { createTaxonomyMemo, saveArticle, setHeroImage, storyConflict, type SaveContext, type TaxonomyMemo } from './article-service.js';
export { cacheKeysOfStory, countRevisions, findStoredArticleByUri, iterateStoredArticles, touchPublishedStory } from './article-store.js';
export {
  countPublishedArticles,
  findCurrentArticlePath,
  findPublishedArticle,
  listArticleSummariesByIds,
  listPublishedArticles,
  listRelatedArticles,
  type ListingFilter,
} from './article-queries.js';
export {
  findPublishedArticleUri,
  listFeedArticles,
  listListingPages,
  listRecentlyPublished,
  listSitemapArticles,
  listSitemapMonths,
  type FeedArticle,
  type FeedFilter,
} from './syndication-queries.js';
export {
  findPublishedArticleAt,
  findPublishedArticleById,
  listPublishedArticlesByIds,
  listPublishedArticlesAfter,
  type ArticlePosition,
  type ArticleWalkFilter,
  type PublishedArticle,
  type PublishedArticleListing,
} from './published-article-queries.js';
export { insertArticlesInBulk, maxArticleId, type BulkArticle } from './bulk-load.js';
export { listSearchResultStories, type SearchResultStory } from './search-results.js';
export { escapeHtml, plainTextToHtml, sanitizeBodyHtml } from './sanitize-body.js';
export { checkBodyLimits } from './body-limits.js';
export { isSealedBody, sanitizeAndSealBody, shareBodySealWithThreads, type SanitizedBody } from './body-seal.js';
export { calendarDate, formatDisplayTime, formatIsoWithOffset, utcOffsetMinutes, zonedParts } from './publication-time.js';
export { findOldAddressTarget, normaliseOldPath, recordOldAddress, type OldAddress } from './old-addresses.js';
