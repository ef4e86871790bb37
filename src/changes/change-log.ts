import type { Kysely } from 'kysely';
import type { Schema } from '../storage/index.js';

/** The cache key that stands for every page: bulk changes use it instead of listing keys. */
export const PURGE_EVERYTHING = '*';

/** One committed change and the cache keys it dirtied. */
export interface ChangeEvent {
  id: number;
  keys: string[];
}

/** Records, inside the caller's transaction, that a change dirtied these cache keys. */
export async function appendChangeEvent(trx: Kysely<Schema>, keys: Iterable<string>, now: Date): Promise<void> {
  const unique = [...new Set(keys)].sort();
  if (unique.length === 0) return;
  await trx.insertInto('change_events').values({ keys: unique.join(' '), created_at: now.toISOString() }).execute();
}

/** Change events after the given id, oldest first. */
export async function readChangeEventsSince(db: Kysely<Schema>, afterId: number, limit = 1000): Promise<ChangeEvent[]> {
  const rows = await db
    .selectFrom('change_events')
    .select(['id', 'keys'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), keys: row.keys.split(' ') }));
}

/** The id of the newest change event, or 0. */
export async function latestChangeEventId(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('change_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Deletes change events older than a time, keeping the newest so followers can resume. */
export async function pruneChangeEvents(db: Kysely<Schema>, olderThan: Date): Promise<void> {
  const newest = await latestChangeEventId(db);
  await db.deleteFrom('change_events').where('created_at', '<', olderThan.toISOString()).where('id', '<', newest).execute();
}
