import { openDatabase, type Database } from './database.js';
import { createFreshDatabase } from './fresh-database.js';
import type { Dialect } from './migration-context.js';
import { migrateToLatest } from './migrate.js';

/** Two connections to one fresh, migrated database, as two processes would hold them (contract tests). */
export interface TwoConnections {
  first: Database;
  second: Database;
  close(): Promise<void>;
}

/** Opens two connections to one fresh database; a contract suite takes a function like this per dialect. */
export type OpenTwoConnections = () => Promise<TwoConnections>;

/** The fixture for a dialect: a new database (a SQLite file in a temporary folder, or a PostgreSQL database), removed on close. */
export function openTwoConnections(dialect: Dialect): OpenTwoConnections {
  return async () => {
    const fresh = await createFreshDatabase(dialect);
    const first = openDatabase(fresh.url);
    await migrateToLatest(first.db, first.dialect);
    const second = openDatabase(fresh.url);
    return {
      first,
      second,
      async close() {
        await first.close();
        await second.close();
        await fresh.remove();
      },
    };
  };
}

/** The SQLite fixture. */
export const openTwoSqliteConnections = openTwoConnections('sqlite');
/** The PostgreSQL fixture (needs TEST_POSTGRES_URL). */
export const openTwoPostgresConnections = openTwoConnections('postgres');
