import { PURGE_EVERYTHING } from '../../changes/index.js';
import { instrumentFactsKey, quoteCacheKey } from '../cache-keys.js';
import { AppError } from '../../errors.js';
import type { Transaction, Work } from '../../storage/index.js';
import type { InstrumentFields } from './instrument-fields.js';
import { findInstrument, findInstrumentById, MAX_STRIP_INSTRUMENTS, type StoredInstrument } from './instrument-store.js';

/** Who changes instruments, how, and where the audit row goes (the newsroom's `recordAudit`). */
export interface InstrumentChangeContext {
  actorUserId: number | null;
  via: 'newsroom' | 'cli' | 'demo';
  audit: (trx: Transaction, entry: { actorUserId: number | null; action: string; subject: string; detail?: Record<string, unknown> }, now: Date) => Promise<void>;
}

/** The audit action of every instrument change; its detail says which (created, updated, deleted) with the instrument before and after. */
export const INSTRUMENT_CHANGED = 'instrument.changed';

// Every instrument writer takes this lock first: on PostgreSQL two editors (or an import) saving the
// same symbol at once get "taken", not a unique-index error. SQLite's write lock already does it.
const INSTRUMENTS_LOCK = 'instruments';

function notFound(): AppError {
  return new AppError('INSTRUMENT_NOT_FOUND', 'not_found', 'There is no such instrument: it may have been deleted.');
}

function symbolTaken(symbol: string): AppError {
  const message = `An instrument with the symbol ${symbol} exists already: edit that one, or choose another symbol.`;
  return new AppError('INSTRUMENT_SYMBOL_TAKEN', 'conflict', message, { symbol: message });
}

/**
 * What a change purges. The strip's names and links are in every page's HTML, so a change that
 * touches the strip (an instrument in it before or after) purges every page; any other change
 * purges only the quote pages of the symbols involved and the stories tagged with them.
 */
function dirtyPages(work: Work, ...versions: (InstrumentFields | undefined)[]): void {
  const present = versions.filter((version): version is InstrumentFields => version !== undefined);
  if (present.some((version) => version.stripPosition !== null)) work.dirty([PURGE_EVERYTHING]);
  else work.dirty(present.flatMap((version) => [quoteCacheKey(version.symbol), instrumentFactsKey(version.symbol)]));
}

function rowValues(fields: InstrumentFields, now: Date) {
  return {
    symbol: fields.symbol,
    mic: fields.mic,
    name: fields.name,
    kind: fields.kind,
    currency: fields.currency,
    decimals: fields.decimals,
    aliases: JSON.stringify(fields.aliases),
    isin: fields.isin,
    strip_position: fields.stripPosition,
    updated_at: now.toISOString(),
  };
}

async function audit(work: Work, context: InstrumentChangeContext, change: 'created' | 'updated' | 'deleted', id: number, before?: InstrumentFields, after?: InstrumentFields) {
  const detail = { change, via: context.via, before: before && fieldsOf(before), after: after && fieldsOf(after) };
  await context.audit(work.trx, { actorUserId: context.actorUserId, action: INSTRUMENT_CHANGED, subject: `instrument:${id}`, detail }, work.now);
}

// The instrument's own fields, without its id and version: what the audit keeps and an import compares.
function fieldsOf(instrument: InstrumentFields): InstrumentFields {
  const { symbol, mic, name, kind, currency, decimals, aliases, isin, stripPosition } = instrument;
  return { symbol, mic, name, kind, currency, decimals, aliases, isin, stripPosition };
}

/** Adds an instrument (checked fields); its symbol must be free. Returns its id. */
export async function createInstrument(work: Work, fields: InstrumentFields, context: InstrumentChangeContext): Promise<number> {
  await work.lock(INSTRUMENTS_LOCK);
  if (await findInstrument(work.trx, fields.symbol)) throw symbolTaken(fields.symbol);
  const inserted = await work.trx
    .insertInto('instruments')
    .values({ ...rowValues(fields, work.now), created_at: work.now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  dirtyPages(work, fields);
  await audit(work, context, 'created', id, undefined, fields);
  return id;
}

/**
 * Changes an instrument if it is still as the editor saw it (`version`: the `updatedAt` the form
 * was made from); changed since, it refuses with a conflict rather than overwrite someone's edit.
 */
export async function updateInstrument(work: Work, id: number, fields: InstrumentFields, version: string | undefined, context: InstrumentChangeContext): Promise<void> {
  await work.lock(INSTRUMENTS_LOCK);
  const before = await findInstrumentById(work.trx, id);
  if (!before) throw notFound();
  if (version !== undefined && version !== before.updatedAt) {
    throw new AppError('INSTRUMENT_CHANGED_SINCE', 'conflict', `${before.symbol} was changed by someone else since you opened it: reload it and make your change again.`);
  }
  const other = fields.symbol === before.symbol ? undefined : await findInstrument(work.trx, fields.symbol);
  if (other) throw symbolTaken(fields.symbol);
  await work.trx.updateTable('instruments').set(rowValues(fields, work.now)).where('id', '=', id).execute();
  dirtyPages(work, before, fields);
  await audit(work, context, 'updated', id, before, fields);
}

/** Deletes an instrument with its quotes and bars (its stories keep their ticker tags). */
export async function deleteInstrument(work: Work, id: number, context: InstrumentChangeContext): Promise<StoredInstrument> {
  await work.lock(INSTRUMENTS_LOCK);
  const before = await findInstrumentById(work.trx, id);
  if (!before) throw notFound();
  // Its quotes and bars go with it (the foreign keys cascade, on SQLite too: foreign_keys is on).
  await work.trx.deleteFrom('instruments').where('id', '=', id).execute();
  dirtyPages(work, before);
  await audit(work, context, 'deleted', id, before);
  return before;
}

/** Adds or changes instruments by symbol (an import); returns how many were added and changed. */
export async function upsertInstruments(work: Work, rows: readonly InstrumentFields[], context: InstrumentChangeContext): Promise<{ created: number; updated: number; unchanged: number }> {
  await work.lock(INSTRUMENTS_LOCK);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const fields of rows) {
    const before = await findInstrument(work.trx, fields.symbol);
    if (!before) {
      await createInstrument(work, fields, context);
      counts.created += 1;
    } else if (JSON.stringify(fieldsOf(before)) === JSON.stringify(fieldsOf(fields))) {
      counts.unchanged += 1;
    } else {
      await updateInstrument(work, before.id, fields, undefined, context);
      counts.updated += 1;
    }
  }
  return counts;
}

/**
 * Sets the strip's order from symbols as typed (any case): an unknown symbol refuses the whole
 * change, naming it (`details.symbols`).
 */
export async function setStripSymbols(work: Work, symbols: readonly string[], context: InstrumentChangeContext): Promise<void> {
  const wanted = symbols.map((symbol) => symbol.toUpperCase());
  if (wanted.length > MAX_STRIP_INSTRUMENTS) {
    throw new AppError('INSTRUMENT_STRIP_INVALID', 'invalid', 'The strip is too long.', { symbols: `The strip holds at most ${MAX_STRIP_INSTRUMENTS} instruments.` });
  }
  const found = wanted.length === 0 ? [] : await work.trx.selectFrom('instruments').select(['id', 'symbol']).where('symbol', 'in', wanted).execute();
  const idBySymbol = new Map(found.map((row) => [row.symbol, Number(row.id)]));
  const unknown = wanted.filter((symbol) => !idBySymbol.has(symbol));
  if (unknown.length > 0) {
    throw new AppError('INSTRUMENT_NOT_FOUND', 'invalid', 'Unknown symbols.', { symbols: `No instrument has the symbol ${unknown.join(', ')}: add it first, or check the spelling.` });
  }
  await setStripOrder(work, wanted.map((symbol) => idBySymbol.get(symbol)!), context);
}

/**
 * Sets the strip's order: the instruments named, in this order, take places 1, 2, 3…; every other
 * instrument leaves the strip. Every page shows the strip, so every page is purged.
 */
export async function setStripOrder(work: Work, ids: readonly number[], context: InstrumentChangeContext): Promise<void> {
  if (ids.length > MAX_STRIP_INSTRUMENTS || new Set(ids).size !== ids.length) {
    const message = `The strip holds at most ${MAX_STRIP_INSTRUMENTS} instruments, each once.`;
    throw new AppError('INSTRUMENT_STRIP_INVALID', 'invalid', message, { symbols: message });
  }
  await work.lock(INSTRUMENTS_LOCK);
  const { trx, now } = work;
  const stamp = now.toISOString();
  await trx.updateTable('instruments').set({ strip_position: null, updated_at: stamp }).where('strip_position', 'is not', null).execute();
  for (const [index, id] of ids.entries()) {
    const result = await trx.updateTable('instruments').set({ strip_position: index + 1, updated_at: stamp }).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound();
  }
  work.dirty([PURGE_EVERYTHING]);
  await context.audit(trx, { actorUserId: context.actorUserId, action: INSTRUMENT_CHANGED, subject: 'instruments:strip', detail: { change: 'strip_order', via: context.via, ids } }, now);
}
