import type { Kysely } from 'kysely';

/**
 * What an API key may do: its scopes, space-separated (as OAuth writes them). Every key reads the
 * Content API (`read`); `markets:write` also lets it push market quotes. Keys issued before keep
 * `read` only: pushing prices is given on purpose, never by an upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('scopes', 'varchar(200)', (c) => c.notNull().defaultTo('read'))
    .execute();
}
