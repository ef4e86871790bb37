// The newsroom's sources and ingest desk. The only file other modules import from this folder.
export { ingestRoutes, DESK_PAGE_SIZE, type IngestRoutesOptions } from './ingest-routes.js';
