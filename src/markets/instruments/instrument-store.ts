import type { Kysely, Selectable } from 'kysely';
import type { InstrumentsTable, Schema } from '../../storage/index.js';
import type { Instrument, InstrumentKind } from '../types.js';

/** A stored instrument with the version its edit form carries (its last change's time). */
export interface StoredInstrument extends Instrument {
  updatedAt: string;
}

/** The most instruments one listing reads (the newsroom's list, the detector's load). */
export const MAX_INSTRUMENTS_LISTED = 5_000;
/** The most instruments the strip holds. */
export const MAX_STRIP_INSTRUMENTS = 50;

export function toInstrument(row: Selectable<InstrumentsTable>): StoredInstrument {
  return {
    id: Number(row.id),
    symbol: row.symbol,
    mic: row.mic,
    name: row.name,
    kind: row.kind as InstrumentKind,
    currency: row.currency,
    decimals: Number(row.decimals),
    aliases: JSON.parse(row.aliases) as string[],
    isin: row.isin,
    stripPosition: row.strip_position === null ? null : Number(row.strip_position),
    updatedAt: row.updated_at,
  };
}

/** Instruments by symbol (bounded: the first 5,000). */
export async function listInstruments(db: Kysely<Schema>, limit = MAX_INSTRUMENTS_LISTED): Promise<StoredInstrument[]> {
  const rows = await db.selectFrom('instruments').selectAll().orderBy('symbol').limit(limit).execute();
  return rows.map(toInstrument);
}

/** The ticker strip's instruments in their order. */
export async function listStripInstruments(db: Kysely<Schema>): Promise<StoredInstrument[]> {
  const rows = await db
    .selectFrom('instruments')
    .selectAll()
    .where('strip_position', 'is not', null)
    .orderBy('strip_position')
    .orderBy('symbol')
    .limit(MAX_STRIP_INSTRUMENTS)
    .execute();
  return rows.map(toInstrument);
}

/** How many instruments there are. */
export async function countInstruments(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('instruments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The instrument with this symbol, in any case ("hald" finds HALD: symbols are stored upper-cased). */
export async function findInstrument(db: Kysely<Schema>, symbol: string): Promise<StoredInstrument | undefined> {
  const row = await db.selectFrom('instruments').selectAll().where('symbol', '=', symbol.trim().toUpperCase()).executeTakeFirst();
  return row && toInstrument(row);
}

/** The instrument with this id. */
export async function findInstrumentById(db: Kysely<Schema>, id: number): Promise<StoredInstrument | undefined> {
  const row = await db.selectFrom('instruments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toInstrument(row);
}

/** The instruments with these symbols (upper case), for a story's ticker tags; bounded by the caller's list. */
export async function findInstrumentsBySymbols(db: Kysely<Schema>, symbols: readonly string[]): Promise<StoredInstrument[]> {
  if (symbols.length === 0) return [];
  const rows = await db.selectFrom('instruments').selectAll().where('symbol', 'in', [...new Set(symbols)]).orderBy('symbol').execute();
  return rows.map(toInstrument);
}
