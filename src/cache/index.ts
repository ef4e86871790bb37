export { PageCache, computeEveryTime, type CachedPage, type RenderedPage, type Encoding, type PageCacheOptions, type PageCacheTotals, type RememberValue } from './page-cache.js';
export { compressUncached } from './compression.js';
export { answerFromCache, chooseEncoding, matchesIfNoneMatch, variantEtag, type ConditionalRequest } from './negotiate.js';
export { serveFromCache, type AnswerObserver } from './serve-cached.js';
export { createCacheKeys, type CacheKeys, type CanonicalUrl, type QueryRule } from './cache-key.js';
export { createCachedSender, isUnmodifiedSince, NOT_FOUND_PAGE_ROUTE, type CachedSender, type CachedSenderOptions, type SendOptions } from './send-cached.js';
export { ALL_PAGES_KEY, createEdgePurger, edgePurgeHeaderValues, MAX_PURGE_HEADER_BYTES, type EdgePurger, type EdgePurgerOptions, type EdgePurgeResult } from './edge-purge.js';
export { createPurgeCoalescer, type PurgeCoalescer, type PurgeCoalescerOptions } from './purge-coalescer.js';
