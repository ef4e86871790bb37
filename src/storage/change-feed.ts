import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** One committed change and the cache keys it dirtied. */
export interface ChangeEvent {
  id: number;
  keys: string[];
}

/** What a follower reads after its position. */
export interface ChangeBatch {
  /** Committed events after the position, oldest first. */
  events: ChangeEvent[];
  /** Events after the position were pruned before the reader saw them: it cannot know which pages they dirtied. */
  hasGap: boolean;
}

/** How far a follower at some position is behind the end of the log, and since when. */
export interface ChangeBacklog {
  /** The newest committed event's id (0 when there is none). */
  latestPosition: number;
  /** When the first committed event after the position was written (by its writer's clock); undefined when none follows. */
  firstUnreadAt: Date | undefined;
}

/**
 * The change log (an outbox) as a dialect port: writers append the cache keys a change dirties
 * inside their transaction; followers read committed events after the last one they saw, woken by
 * the dialect's cheapest signal (SQLite: PRAGMA data_version; PostgreSQL: LISTEN/NOTIFY). The
 * table is the truth, a wakeup only a hint: a follower that missed one loses nothing.
 */
export interface ChangeFeed {
  /** Records, inside the caller's transaction, that a change dirtied these cache keys; returns the event's id (none recorded for no keys: undefined). */
  append(trx: Kysely<Schema>, keys: Iterable<string>, now: Date): Promise<number | undefined>;
  /** The position of the newest committed event (0 when there is none): where a new follower starts. */
  latestPosition(): Promise<number>;
  /** The end of the log and when the first event after a position was written (/readyz and /metrics judge a follower by it). */
  backlogAfter(position: number): Promise<ChangeBacklog>;
  /** Up to `limit` committed events after a position, and whether events after it were pruned. */
  readAfter(position: number, limit?: number): Promise<ChangeBatch>;
  /**
   * Calls onCommit whenever another process may have committed, until the returned stop is
   * called; a rejected onCommit is called again soon after.
   */
  watch(onCommit: () => Promise<void>, intervalMs: number): () => void;
  /** Deletes events created before a time, always keeping the newest; returns how many went. */
  prune(olderThan: Date): Promise<number>;
}

/** Appends a change event inside the caller's transaction and returns its id (the SQL every dialect shares). */
export async function insertChangeEvent(trx: Kysely<Schema>, keys: Iterable<string>, now: Date): Promise<number | undefined> {
  const unique = [...new Set(keys)].sort();
  if (unique.length === 0) return undefined;
  const row = await trx.insertInto('change_events').values({ keys: unique.join(' '), created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** One committed change event by its id, or undefined once pruned (the SQL every dialect shares). */
export async function findChangeEvent(db: Kysely<Schema>, id: number): Promise<ChangeEvent | undefined> {
  const row = await db.selectFrom('change_events').select(['id', 'keys']).where('id', '=', id).executeTakeFirst();
  return row && { id: Number(row.id), keys: row.keys.split(' ') };
}

/**
 * Reading and pruning the log, the same SQL on every dialect (each makes ids commit in order its
 * own way). Ids have no holes but those a prune leaves, so a first event after the position that
 * is not position + 1 is reported as a gap.
 */
export function changeLogReads(db: Kysely<Schema>): Pick<ChangeFeed, 'latestPosition' | 'backlogAfter' | 'readAfter' | 'prune'> {
  async function latestPosition(): Promise<number> {
    const row = await db.selectFrom('change_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    return Number(row?.id ?? 0);
  }
  return {
    latestPosition,
    async backlogAfter(position) {
      const latest = await latestPosition();
      if (latest <= position) return { latestPosition: latest, firstUnreadAt: undefined };
      const first = await db.selectFrom('change_events').select('created_at').where('id', '>', position).orderBy('id').limit(1).executeTakeFirst();
      return { latestPosition: latest, firstUnreadAt: first && new Date(first.created_at) };
    },
    async readAfter(position, limit = 1000): Promise<ChangeBatch> {
      const rows = await db.selectFrom('change_events').select(['id', 'keys']).where('id', '>', position).orderBy('id').limit(limit).execute();
      const events = rows.map((row) => ({ id: Number(row.id), keys: row.keys.split(' ') }));
      return { events, hasGap: events.length > 0 && events[0]!.id !== position + 1 };
    },
    async prune(olderThan) {
      const newest = await latestPosition();
      const result = await db.deleteFrom('change_events').where('created_at', '<', olderThan.toISOString()).where('id', '<', newest).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
