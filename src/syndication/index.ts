export { syndicationRoutes, type SyndicationRoutesOptions } from './routes.js';
export { createFeedRenderer, feedAlternates, scopePath, FEED_FILES, FEED_ITEM_LIMIT, type FeedRenderer, type FeedFormat, type FeedScope } from './feed-documents.js';
export { type Publication, absoluteUrl } from './publication.js';
export { escapeXml, stripForbiddenXmlCharacters } from './xml.js';
export { drawPublisherLogo, drawPublisherLogoAsync, publisherLogoSvg, LOGO_PATH, LOGO_SIZE } from './publisher-logo.js';
export { createSitemapRenderer, parseSitemapFile, sitemapPartPath, NEWS_SITEMAP_LIMIT, type SitemapRenderer } from './sitemap-documents.js';
export { URLS_PER_SITEMAP, newsLanguage } from './sitemap-xml.js';
export { articleStructuredData, newsArticleJsonLd, breadcrumbJsonLd, websiteJsonLd, organizationJsonLd, jsonLdScriptText, type JsonLd, type ArticleFacts } from './structured-data.js';
export { OPENSEARCH_PATH, SEARCH_PATH } from './opensearch.js';
