import { ensureDefaultSections } from './content/taxonomy/index.js';
import type { Config } from './config/index.js';
import { lockUntilCommit, migrateToLatest, openDatabase, type Database, type OpenOptions } from './storage/index.js';

/** Opens the configured database, brings its schema up to date and creates the default sections. */
export async function openReadyDatabase(config: Pick<Config, 'databaseUrl'>, options: OpenOptions = {}): Promise<Database> {
  const database = openDatabase(config.databaseUrl, options);
  try {
    await migrateToLatest(database.db, database.dialect);
    // Under a lock: of several processes starting at once, the first creates them.
    await database.db.transaction().execute(async (trx) => {
      await lockUntilCommit(trx, database.dialect, 'first-start');
      await ensureDefaultSections(trx);
    });
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
