export { openDatabase, type Database } from './database.js';
export { migrateToLatest } from './migrate.js';
export type { Dialect } from './migration-context.js';
export type * from './schema.js';
