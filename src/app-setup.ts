import { ensureDefaultSections } from './content/index.js';
import type { Config } from './config/index.js';
import { migrateToLatest, openDatabase, type Database, type OpenOptions } from './storage/index.js';

/** Opens the configured database, brings its schema up to date and creates the default sections. */
export async function openReadyDatabase(config: Pick<Config, 'databaseUrl'>, options: OpenOptions = {}): Promise<Database> {
  const database = openDatabase(config.databaseUrl, options);
  try {
    await migrateToLatest(database.db, database.dialect);
    await ensureDefaultSections(database.db);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Whether the database holds no stories at all (a first start). */
export async function hasNoArticles(database: Database): Promise<boolean> {
  return (await database.db.selectFrom('articles').select('id').limit(1).executeTakeFirst()) === undefined;
}
