// Preview links: expiring, revocable, read-only links to a story's draft for people without an
// account. The newsroom's pages (/newsroom/stories/{id}/preview-links/) and the public page they open (/preview/{token}/).
export { previewLinkRoutes, type PreviewLinkRoutesOptions } from './preview-link-routes.js';
export { publicPreviewRoutes, PREVIEW_LOOKUPS_PER_MINUTE, PREVIEW_RESPONSE_HEADERS, type PublicPreviewRoutesOptions } from './public-preview-routes.js';
export { createPreviewLink, revokePreviewLink, openPreviewLink, type IssuedPreviewLink, type PreviewLinkActor } from './preview-link-service.js';
export { previewLinkPath, PREVIEW_PATH_PREFIX, PREVIEW_LINK_LIFETIMES, MAX_LIVE_PREVIEW_LINKS, MAX_PREVIEW_LINK_NOTE } from './preview-link.js';
