import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database, OpenOptions } from './database.js';
import type { Schema } from './schema.js';
import { createSqlAttemptLimits } from './sql-attempt-limits.js';
import { createSqlRequestCounters } from './sql-request-counters.js';
import { createPostgresChangeFeed } from './postgres-change-feed.js';
import { withNulFreeParameters } from './postgres-text.js';
import { createSqlJobQueue } from './sql-job-queue.js';
import { createPostgresSearchIndex } from './postgres-search-index.js';

// Counts (count(*), bigint ids) arrive as int8, which pg returns as text to keep precision; the
// app's counts and ids are far below 2^53, so they are read as numbers, the same as on SQLite.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Connections per process: enough for concurrent requests, few enough that several instances fit PostgreSQL's default 100. */
const POOL_SIZE = 10;
/** How long a query waits for a free connection (or a new one to open) before it fails. */
const CONNECTION_WAIT_MS = 30_000;

/** Opens a PostgreSQL database through a pool (`postgres://user@host:port/name`). */
export function openPostgres(url: string, { onQuery }: OpenOptions): Database {
  // A caller waits at most CONNECTION_WAIT_MS for a connection, then fails: a pool ended while some
  // waited (closing under load) would otherwise leave them waiting for ever.
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: CONNECTION_WAIT_MS, types });
  // An idle client that loses its connection (a server restart) emits 'error' on the pool; without
  // a listener that would end the process. The pool drops the client and connects a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: withNulFreeParameters(pool) }),
    log: onQuery
      ? (event) => {
          if (event.level === 'query') onQuery(event.query.sql);
        }
      : undefined,
  });
  const changeFeed = createPostgresChangeFeed(db, () => new pg.Client({ connectionString: url, types }));
  return {
    db,
    dialect: 'postgres',
    changeFeed,
    jobQueue: createSqlJobQueue(db, 'postgres'),
    attemptLimits: createSqlAttemptLimits(db, 'postgres'),
    searchIndex: createPostgresSearchIndex(db),
    requestCounters: createSqlRequestCounters(db),
    async close() {
      await changeFeed.close();
      await db.destroy();
    },
  };
}
