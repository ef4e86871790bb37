export { curationRoutes, type CurationRoutesOptions } from './curation-routes.js';
export { curateFrontPage, raiseBreakingBanner, clearBreakingBanner, BannerInputSchema, CurationInputSchema, type CurationAction } from './curation-service.js';
export { BANNER_DURATIONS } from './front-page-editor.js';
