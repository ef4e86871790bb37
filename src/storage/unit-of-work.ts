import type { Kysely, Transaction as KyselyTransaction } from 'kysely';
import type { Schema } from './schema.js';

/** An open write transaction: functions that must run inside the caller's transaction take this type, not a Kysely. */
export type Transaction = KyselyTransaction<Schema>;

/** What an operation gets from the unit of work: its transaction, its time, and where to name the cache keys it dirties. */
export interface Work {
  trx: Transaction;
  now: Date;
  /** Names cache keys whose public pages this change alters; they are recorded with the commit and purged after it. */
  dirty(keys: Iterable<string>): void;
}

/** Runs each state change as one unit of work. */
export interface Writer {
  /** The database written to, for reads that need no transaction (what to do before doing it). */
  readonly db: Kysely<Schema>;
  /** Runs the operation in one transaction, records the keys it dirtied with it, and drives the change feed after commit. */
  run<T>(now: Date, operation: (work: Work) => Promise<T>): Promise<T>;
}

/** What the unit of work needs: the database, how to record a change event, and what to run after a commit that dirtied pages. */
export interface WriterOptions {
  db: Kysely<Schema>;
  /** Appends the change event (the outbox row) inside the transaction; called only when keys were dirtied. */
  recordChange: (trx: Transaction, keys: string[], now: Date) => Promise<void>;
  /** Drives the change feed after commit (this process purges before it answers); other processes follow the log. */
  afterCommit?: () => Promise<void>;
}

/**
 * The unit of work: open the transaction, let the operation write and name the keys it dirties,
 * append the change event in the same transaction, commit, then drive the change feed. A change
 * that dirties nothing public (a draft's autosave) writes no event and purges nothing.
 */
export function createWriter({ db, recordChange, afterCommit }: WriterOptions): Writer {
  return {
    db,
    async run(now, operation) {
      const keys = new Set<string>();
      const result = await db.transaction().execute(async (trx) => {
        const value = await operation({
          trx,
          now,
          dirty: (dirtied) => {
            for (const key of dirtied) keys.add(key);
          },
        });
        if (keys.size > 0) await recordChange(trx, [...keys], now);
        return value;
      });
      if (keys.size > 0 && afterCommit) await afterCommit();
      return result;
    },
  };
}
