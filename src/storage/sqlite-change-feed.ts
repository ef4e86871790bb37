import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { changeLogReads, insertChangeEvent, type ChangeFeed } from './change-feed.js';
import type { Schema } from './schema.js';

/**
 * The change feed on SQLite. Another connection's commit moves PRAGMA data_version on this one,
 * so watching is one cheap pragma per tick, with no table read until something changed. Ids are
 * AUTOINCREMENT and handed out under the write lock (a rollback hands its id out again), so they
 * have no holes: a first event after the position that is not position + 1 means a prune took some.
 */
export function createSqliteChangeFeed(db: Kysely<Schema>, connection: SqliteDatabase.Database): ChangeFeed {
  const dataVersion = connection.prepare('PRAGMA data_version').pluck();

  return {
    ...changeLogReads(db),
    append: insertChangeEvent,
    watch(onCommit, intervalMs) {
      let seen = dataVersion.get() as number;
      const timer = setInterval(() => {
        let counter: number;
        try {
          counter = dataVersion.get() as number;
        } catch {
          // The connection was closed under a watcher not yet stopped (shutting down): nothing to watch.
          return;
        }
        if (counter === seen) return;
        seen = counter;
        onCommit().catch(() => {
          // Called again on the next tick.
          seen = -1;
        });
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
