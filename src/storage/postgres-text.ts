import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

// PostgreSQL text cannot hold U+0000: a parameter with one fails the whole statement ("invalid
// byte sequence for encoding UTF8: 0x00"), where SQLite stores and compares it. User input reaches
// queries in slugs, search words and form fields, so "/topic/%00/" would answer 500 instead of
// 404. The character is replaced by U+FFFD (the replacement character) in every parameter: it
// matches nothing that is stored, and stored text keeps a visible mark where it was.
const NUL = /\u0000/g;
const REPLACEMENT = '\uFFFD';

const withoutNul = (value: unknown): unknown => (typeof value === 'string' && value.includes('\u0000') ? value.replace(NUL, REPLACEMENT) : value);

/**
 * The pool as Kysely uses it, keeping U+0000 out of every query parameter on its way to PostgreSQL.
 * Done on the compiled parameters, not by a Kysely plugin: a plugin copies each query's whole tree,
 * once more for every subquery in it, which cost more than building the query.
 */
export function withNulFreeParameters(pool: pg.Pool): PostgresPool {
  // Kysely keeps a connection per client object: one wrapper per pooled client, not one per checkout.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // Kysely's other form, query(cursor), is for streaming, which this dialect is not configured for.
    query: ((sql: string, parameters: readonly unknown[]) => client.query(sql, parameters.map(withoutNul))) as unknown as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}
