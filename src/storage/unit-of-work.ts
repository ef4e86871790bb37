import { sql, type Kysely, type Transaction as KyselyTransaction } from 'kysely';
import type { Dialect } from './migration-context.js';
import type { Schema } from './schema.js';
import type { SearchIndex } from './search-index.js';

/** An open write transaction: functions that must run inside the caller's transaction take this type, not a Kysely. */
export type Transaction = KyselyTransaction<Schema>;

/** What happened to a story that those outside hear of (webhooks): its public life, not its drafts. */
export type ArticleEventType = 'article.published' | 'article.updated' | 'article.corrected' | 'article.unpublished';

/** One story's event, named by the step that caused it. */
export interface ArticleEvent {
  type: ArticleEventType;
  articleId: number;
}

/** What an operation gets from the unit of work: its transaction, its time, and where to name the cache keys it dirties. */
export interface Work {
  trx: Transaction;
  now: Date;
  /** Names cache keys whose public pages this change alters; they are recorded with the commit and purged after it. */
  dirty(keys: Iterable<string>): void;
  /**
   * Names stories whose search entries must follow what this transaction wrote: just before the
   * commit, each is indexed as it then stands if published, and removed from the index if not.
   */
  reindex(articleIds: Iterable<number>): void;
  /**
   * Waits until no other transaction holds the named thing (`story:42`, `front-page`), and holds
   * it until this one ends: load for update, before reading what the change depends on.
   */
  lock(name: string): Promise<void>;
  /** Names an event of a story's public life: handed to `onEvents` inside this transaction, just before the commit. */
  emit(event: ArticleEvent): void;
  /** After rows were inserted with ids of the caller's choosing: the table's next generated id follows the highest (PostgreSQL's sequences do not see them). */
  advanceIdSequence(table: 'articles'): Promise<void>;
}

/** Runs each state change as one unit of work. */
export interface Writer {
  /** The database written to, for reads that need no transaction (what to do before doing it). */
  readonly db: Kysely<Schema>;
  /** Runs the operation in one transaction, records the keys it dirtied with it, and drives the change feed after commit. */
  run<T>(now: Date, operation: (work: Work) => Promise<T>): Promise<T>;
}

/** What the unit of work needs: the database, its search index, how to record a change event, and what to run after a commit that dirtied pages. */
export interface WriterOptions {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** Refreshes the search entries of the stories an operation names, inside its transaction. */
  searchIndex: Pick<SearchIndex, 'refresh'>;
  /** Appends the change event (the outbox row) inside the transaction; called only when keys were dirtied. */
  recordChange: (trx: Transaction, keys: string[], now: Date) => Promise<void>;
  /** Runs inside the transaction, after the operation, with the events it emitted (none: not called): work that must commit with them (webhook deliveries). */
  onEvents?: (trx: Transaction, events: ArticleEvent[], now: Date) => Promise<void>;
  /** Drives the change feed after commit (this process purges before it answers); other processes follow the log. */
  afterCommit?: () => Promise<void>;
}

/**
 * The unit of work: open the transaction, let the operation write and name the keys it dirties
 * and the stories to reindex, refresh their search entries, hand the story events it emitted to
 * `onEvents` and append the change event in the same transaction, commit, then drive the change
 * feed. A change that dirties nothing public (a draft's autosave) writes no event and purges nothing.
 */
export function createWriter({ db, dialect, searchIndex, recordChange, onEvents, afterCommit }: WriterOptions): Writer {
  return {
    db,
    async run(now, operation) {
      const keys = new Set<string>();
      const result = await db.transaction().execute(async (trx) => {
        const reindexed = new Set<number>();
        const events: ArticleEvent[] = [];
        const value = await operation({
          trx,
          now,
          dirty: (dirtied) => {
            for (const key of dirtied) keys.add(key);
          },
          reindex: (articleIds) => {
            for (const id of articleIds) reindexed.add(id);
          },
          emit: (event) => events.push(event),
          lock: (name) => lockUntilCommit(trx, dialect, name),
          advanceIdSequence: (table) => advanceIdSequence(trx, dialect, table),
        });
        // Once per story, however many times the operation saved it; the change event stays last.
        if (reindexed.size > 0) await searchIndex.refresh(trx, [...reindexed]);
        if (events.length > 0 && onEvents) await onEvents(trx, events, now);
        if (keys.size > 0) await recordChange(trx, [...keys], now);
        return value;
      });
      if (keys.size > 0 && afterCommit) await afterCommit();
      return result;
    },
  };
}

/**
 * Holds a named lock until the transaction ends. SQLite's write transactions already hold the one
 * write lock from their start (BEGIN IMMEDIATE), so there is nothing more to take; PostgreSQL's
 * READ COMMITTED lets two transactions read the same rows and act on them, so they take a
 * transaction-scoped advisory lock on the name's 64-bit hash, and the second reads after the first
 * commits.
 */
export async function lockUntilCommit(trx: Transaction, dialect: Dialect, name: string): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}

// SQLite's AUTOINCREMENT continues after the highest id in the table; a PostgreSQL sequence knows
// only the values it handed out, and would hand out ids that bulk-loaded rows already have.
async function advanceIdSequence(trx: Transaction, dialect: Dialect, table: 'articles'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${sql.table(table)}), false)`.execute(trx);
}
