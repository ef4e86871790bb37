export { instrumentRoutes, type InstrumentRoutesOptions } from './instrument-routes.js';
