export { apiRoutes, type ApiRoutesOptions } from './routes.js';
export { presentArticleAsNinjs } from './ninjs-presenter.js';
export { presentArticle } from './presenters.js';
export { NINJS_MEDIA_TYPE } from './content-negotiation.js';
