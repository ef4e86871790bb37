export * from './article.js';
export { saveArticle, storyConflict, type SaveContext, type SaveResult } from './article-service.js';
export { cacheKeysForChange, type PublicFootprint } from './public-footprint.js';
export { insertArticlesInBulk, maxArticleId, type BulkArticle } from './bulk-load.js';
export type { ArticleRow } from './article-store.js';
export { findStoredArticleByUri, iterateStoredArticles, countRevisions } from './article-store.js';
export { listPublishedArticles, countPublishedArticles, findPublishedArticle, findCurrentArticlePath, listRelatedArticles, type ListingFilter } from './article-queries.js';
export {
  listFeedArticles,
  listSitemapMonths,
  listSitemapArticles,
  listRecentlyPublished,
  listListingPages,
  findPublishedArticleUri,
  type FeedFilter,
  type FeedArticle,
  type ArticleImage,
  type SitemapMonth,
  type SitemapArticle,
  type NewsSitemapArticle,
  type ListingPageEntry,
} from './syndication-queries.js';
export {
  ensureDefaultSections,
  listSections,
  findSectionBySlug,
  findAuthorBySlug,
  findTagBySlug,
  findOrCreateAuthor,
  createAuthorForAccount,
  findAuthorsByIds,
  findOrCreateTag,
  updateAuthorBio,
  DEFAULT_SECTIONS,
  type Section,
  type Author,
  type StoredTag,
} from './taxonomy-store.js';
export { findPublicTagBySlug, findPublicAuthorBySlug } from './public-taxonomy.js';
export { deriveTeaser, htmlToText, countWords, slugify, collapseWhitespace, TEASER_LENGTH } from './article-text.js';
export { sanitizeBodyHtml, plainTextToHtml, escapeHtml } from './sanitize-body.js';
export { checkBodyLimits, MAX_BODY_MARKUP, MAX_BODY_NESTING } from './body-limits.js';
export { formatDisplayTime, formatIsoWithOffset, calendarDate, toStoredTime } from './publication-time.js';
export { listArticleSummariesByIds } from './article-queries.js';
export * from './media.js';
export { insertMedia, findMedia, searchMedia, loadHeroImages, findHeroImage, setHeroImage, type NewMedia } from './media-store.js';
export * from './front-page.js';
export { loadFrontPageCuration, saveFrontPageCuration, loadCuratedFrontPage, loadFrontPageForEditing, findActiveBanner, raiseBanner, clearBanner, type CuratedStory } from './curation-store.js';
export { listDashboardStories, DASHBOARD_LIST_SIZE, type DashboardStories, type DashboardStory } from './dashboard-queries.js';
export { checkStep, statusAfter, checkPublishTime, describeStatus, type StoryStep, type StepVerdict } from './story-rules.js';
export {
  findStoryRecord,
  listStories,
  listRevisions,
  findRevisionSnapshot,
  listCorrections,
  findAuthorName,
  PUBLISH_STORY_JOB,
  type StoryRecord,
  type StoryOwner,
  type StoryListItem,
  type RevisionEntry,
} from './story-store.js';
export {
  createStory,
  saveStory,
  submitForReview,
  scheduleStory,
  unscheduleStory,
  publishStory,
  updatePublishedStory,
  unpublishStory,
  addCorrection,
  restoreRevision,
  publishDueStories,
  publishScheduledStory,
  fieldsOf,
  type StoryActor,
  type StoryContext,
  type StoryAuditWriter,
  type StoryFields,
  type StoryChange,
  type StoryTarget,
  type AuthorizeStory,
} from './story-workflow.js';
export { zonedParts } from './publication-time.js';
export { diffStoryText, bodyToLines, type TextChange } from './story-diff.js';
export { createSection, updateSection, deleteSection, renameTopic, listBusiestTags, type SectionInput } from './taxonomy-service.js';
