import { sql } from 'kysely';
import type { Database } from '../../src/storage/index.js';

/** Makes every insert into a table fail (a trigger), as a full disk or a lost connection would; returns how to undo it. */
export async function refuseInserts({ db, dialect }: Pick<Database, 'db' | 'dialect'>, table: string): Promise<() => Promise<void>> {
  const trigger = sql.id(`refuse_${table}`);
  if (dialect === 'sqlite') {
    await sql`create trigger ${trigger} before insert on ${sql.table(table)} begin select raise(abort, 'refused'); end`.execute(db);
    return async () => void (await sql`drop trigger ${trigger}`.execute(db));
  }
  await sql`create function ${trigger}() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(db);
  await sql`create trigger ${trigger} before insert on ${sql.table(table)} for each row execute function ${trigger}()`.execute(db);
  return async () => {
    await sql`drop trigger ${trigger} on ${sql.table(table)}`.execute(db);
    await sql`drop function ${trigger}()`.execute(db);
  };
}
