export { taxonomyRoutes, type TaxonomyRoutesOptions } from './taxonomy-routes.js';
