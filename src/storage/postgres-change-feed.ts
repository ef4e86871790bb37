import type pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { changeLogReads, insertChangeEvent, type ChangeFeed } from './change-feed.js';
import type { Schema } from './schema.js';

// The channel commits are announced on, and the transaction-scoped advisory lock appends take ("FSkc").
const CHANNEL = 'fortune_sky_changes';
const APPEND_LOCK_ID = 0x46536b63;
// A notification can be lost with its connection: a watcher also looks every few seconds, and at once after reconnecting.
const FALLBACK_POLL_MS = 5000;
const RECONNECT_MS = 1000;

/** The change feed on PostgreSQL, and closing the connections its watchers hold. */
export interface PostgresChangeFeed extends ChangeFeed {
  close(): Promise<void>;
}

/**
 * The change feed on PostgreSQL. Ids come from a sequence at insert but become visible at commit,
 * so with several writers a lower id could commit after a reader had passed a higher one, and its
 * purge would be lost. An append therefore takes one advisory lock, held until its transaction
 * ends: ids are drawn and committed in the same order, and "every event after my position" stays
 * exact. The lock is taken by the unit of work's last statement, so it is held only while that
 * transaction commits, and only by changes that dirty public pages (a draft's autosave appends
 * nothing). A rolled-back append leaves a hole in the ids, which a reader takes for a pruned gap:
 * it purges everything, which is more than needed, never less.
 *
 * Watchers LISTEN on a dedicated connection (the pool's connections come and go); the append
 * announces itself with pg_notify, delivered at commit. The table stays the truth: after a
 * reconnect, and every few seconds, a watcher reads anyway.
 */
export function createPostgresChangeFeed(db: Kysely<Schema>, newClient: () => pg.Client): PostgresChangeFeed {
  const stops = new Set<() => Promise<void>>();

  function watch(onCommit: () => Promise<void>, intervalMs: number): () => void {
    let client: pg.Client | undefined;
    let stopped = false;
    let running: Promise<void> | undefined;
    let again = false;
    let retry: NodeJS.Timeout | undefined;

    // One call at a time; commits announced meanwhile are covered by one more call after it.
    function wake(): void {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = onCommit()
        .catch(() => {
          clearTimeout(retry);
          retry = setTimeout(wake, intervalMs);
          retry.unref();
        })
        .finally(() => {
          running = undefined;
          if (again) {
            again = false;
            wake();
          }
        });
    }

    async function connect(): Promise<void> {
      if (stopped) return;
      const next = newClient();
      client = next;
      next.on('notification', wake);
      next.on('error', () => undefined);
      next.on('end', () => {
        if (client !== next || stopped) return;
        client = undefined;
        setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS).unref();
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${CHANNEL}`);
        // Commits while no connection listened were not announced.
        wake();
      } catch {
        await next.end().catch(() => undefined);
      }
    }

    void connect();
    const poll = setInterval(wake, Math.max(intervalMs, FALLBACK_POLL_MS));
    poll.unref();
    const stop = async () => {
      stopped = true;
      clearInterval(poll);
      clearTimeout(retry);
      stops.delete(stop);
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    };
    stops.add(stop);
    return () => void stop();
  }

  return {
    async append(trx, keys, now) {
      const unique = new Set(keys);
      if (unique.size === 0) return undefined;
      await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK_ID})`.execute(trx);
      const id = await insertChangeEvent(trx, unique, now);
      await sql`SELECT pg_notify(${CHANNEL}, '')`.execute(trx);
      return id;
    },
    ...changeLogReads(db),
    watch,
    async close() {
      await Promise.all([...stops].map((stop) => stop()));
    },
  };
}
