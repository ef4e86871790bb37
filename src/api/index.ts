export { apiRoutes, acceptsNinjs, NINJS_MEDIA_TYPE, type ApiRoutesOptions } from './routes.js';
export { presentArticleAsNinjs } from './ninjs-presenter.js';
