import type { Kysely } from 'kysely';
import { insertChangeEvent, type Schema } from '../storage/index.js';

/** The cache key that stands for every page: bulk changes use it instead of listing keys. */
export const PURGE_EVERYTHING = '*';

/** Records, inside the caller's transaction, that a change dirtied these cache keys. */
export async function appendChangeEvent(trx: Kysely<Schema>, keys: Iterable<string>, now: Date): Promise<void> {
  await insertChangeEvent(trx, keys, now);
}
