import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { Dialect } from './migration-context.js';
import type { AttemptLimits } from './attempt-limits.js';
import type { ChangeFeed } from './change-feed.js';
import type { JobQueue } from './job-queue.js';
import type { RequestCounters } from './request-counters.js';
import type { Schema } from './schema.js';
import type { SearchIndex } from './search-index.js';
import { createSqlAttemptLimits } from './sql-attempt-limits.js';
import { createSqlRequestCounters } from './sql-request-counters.js';
import { createSqliteChangeFeed } from './sqlite-change-feed.js';
import { createSqliteSearchIndex } from './sqlite-search-index.js';
import { openPostgres } from './postgres-database.js';
import { createSqlJobQueue } from './sql-job-queue.js';

/** An open database: the query builder plus what the rest of the app needs to know about it. */
export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** The change log of this database, followed the dialect's way. */
  changeFeed: ChangeFeed;
  /** Jobs claimed under a lease, each run once across processes. */
  jobQueue: JobQueue;
  /** Sliding-window attempt limits shared by every process (sign-in limits). */
  attemptLimits: AttemptLimits;
  /** Full-text search over published stories; writers keep it in step through the unit of work. */
  searchIndex: SearchIndex;
  /** Requests counted per key in fixed windows, shared by every process (the Content API's rate limits). */
  requestCounters: RequestCounters;
  close(): Promise<void>;
}

/** Options for opening a database. */
export interface OpenOptions {
  /** Called with the SQL of every query run (tests and benchmarks count queries per page). */
  onQuery?: (sql: string) => void;
}

/** Opens the database named by a URL such as `sqlite:./data/fortune-sky.db`, `sqlite::memory:` or `postgres://user@host:5432/name`. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  throw new Error(`DATABASE_URL ${JSON.stringify(url)} is not supported: use sqlite:PATH or postgres://…`);
}

// Kysely prepares every query afresh; compiling SQL costs more than running a primary-key
// lookup, so prepared statements are reused by their text (bounded, oldest dropped first).
const STATEMENT_CACHE_SIZE = 1000;

function withStatementCache(connection: SqliteDatabase.Database): Pick<SqliteDatabase.Database, 'prepare' | 'close'> {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
    close: () => connection.close(),
  } as Pick<SqliteDatabase.Database, 'prepare' | 'close'>;
}

function openSqlite(path: string, { onQuery }: OpenOptions): Database {
  const isMemory = path === ':memory:' || path === '';
  if (!isMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const connection = new SqliteDatabase(isMemory ? ':memory:' : path);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  // 8 MB of page cache holds the hot index pages; the OS file cache holds the rest without counting toward our memory.
  connection.pragma('cache_size = -8000');
  connection.pragma('temp_store = memory');
  const db = new Kysely<Schema>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(connection) }, connection),
    log: onQuery
      ? (event) => {
          if (event.level === 'query') onQuery(event.query.sql);
        }
      : undefined,
  });
  return {
    db,
    dialect: 'sqlite',
    changeFeed: createSqliteChangeFeed(db, connection),
    jobQueue: createSqlJobQueue(db, 'sqlite'),
    attemptLimits: createSqlAttemptLimits(db, 'sqlite'),
    searchIndex: createSqliteSearchIndex(db),
    requestCounters: createSqlRequestCounters(db),
    close: () => db.destroy(),
  };
}

/**
 * Every transaction takes SQLite's write lock when it begins (BEGIN IMMEDIATE), so a transaction
 * that reads and then writes waits its turn (busy_timeout) instead of failing with SQLITE_BUSY or
 * acting on what another process has changed meanwhile. A deferred BEGIN cannot take the write
 * lock once another process committed after its read began: SQLite answers SQLITE_BUSY at once,
 * and the busy timeout cannot help. So the unit of work's load-for-update, migrations, first-start
 * seeding and job claims all re-check inside the lock. Transactions here are for writes; reads
 * run outside them.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly dialectConfig: SqliteDialectConfig,
    private readonly connection: SqliteDatabase.Database,
  ) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.dialectConfig, this.connection);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly connection: SqliteDatabase.Database,
  ) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // A BEGIN that timed out waiting for the lock left no transaction to roll back: keep its error.
    if (this.connection.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}
