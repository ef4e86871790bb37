import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from './database.js';
import { migrateToLatest } from './migrate.js';

/** Two connections to one fresh, migrated database, as two processes would hold them (contract tests). */
export interface TwoConnections {
  first: Database;
  second: Database;
  close(): Promise<void>;
}

/** Opens two connections to one fresh database; a contract suite takes a function like this per dialect. */
export type OpenTwoConnections = () => Promise<TwoConnections>;

/** The SQLite fixture: a new database file in a temporary folder, removed on close. */
export const openTwoSqliteConnections: OpenTwoConnections = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fortune-sky-port-'));
  const url = `sqlite:${join(dir, 'ports.db')}`;
  const first = openDatabase(url);
  await migrateToLatest(first.db, first.dialect);
  const second = openDatabase(url);
  return {
    first,
    second,
    async close() {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
