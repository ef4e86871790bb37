/**
 * Instrument rows for tests of quotes, inserted directly (the newsroom's instrument pages and
 * import are their own module):
 *
 *   const halden = await insertTestInstrument(database.db, { symbol: 'HALD', mic: 'XNYS' });
 */
import type { Kysely } from 'kysely';
import type { InstrumentKind } from '../../src/markets/types.js';
import type { Schema } from '../../src/storage/index.js';

/** What a test instrument may set; the rest has defaults (a fictional NYSE share). */
export interface TestInstrument {
  symbol: string;
  mic?: string | null;
  name?: string;
  kind?: InstrumentKind;
  currency?: string;
  decimals?: number;
  stripPosition?: number | null;
}

/** Inserts an instrument; returns its id. */
export async function insertTestInstrument(db: Kysely<Schema>, { symbol, mic = 'XNYS', name, kind = 'equity', currency = 'USD', decimals = 2, stripPosition = null }: TestInstrument): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('instruments')
    .values({ symbol, mic, name: name ?? `${symbol} Test Corp`, kind, currency, decimals, aliases: '[]', isin: null, strip_position: stripPosition, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
