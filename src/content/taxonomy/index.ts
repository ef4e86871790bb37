// Sections, authors and tags: their stores, the newsroom's section and topic operations, and what
// readers may see of them. The only file other modules import from this folder.
export {
  createAuthorForAccount,
  ensureDefaultSections,
  findAuthorsByIds,
  findOrCreateAuthor,
  findOrCreateTag,
  findSectionBySlug,
  listSections,
  updateAuthorBio,
  TAG_KINDS,
  type Author,
  type Section,
  type StoredTag,
  type TagKind,
} from './taxonomy-store.js';
export {
  authorHasPublishedStory,
  findPublicAuthorBySlug,
  findPublicTagBySlug,
  findPublicTickerTag,
  listPublicAuthors,
  listPublicTags,
  tagHasPublishedStory,
  tickerTagSlug,
} from './public-taxonomy.js';
export { checkAuthorProfile, findAuthorProfile, updateAuthorProfile, MAX_BIO_LENGTH, MAX_BYLINE_LENGTH, type AuthorProfile, type AuthorProfileInput } from './author-profile.js';
export { createSection, deleteSection, listBusiestTags, renameTopic, updateSection } from './taxonomy-service.js';
export { suggestNames, type SuggestionKind, type SuggestionQuery } from './name-suggestions.js';
