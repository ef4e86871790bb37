import { isQuoteCacheKey } from '../../src/markets/cache-keys.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  checkInstrument,
  createInstrument,
  deleteInstrument,
  findInstrument,
  listInstruments,
  listStripInstruments,
  setStripOrder,
  updateInstrument,
  upsertInstruments,
  type InstrumentChangeContext,
  type InstrumentText,
} from '../../src/markets/instruments/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import type { Work } from '../../src/storage/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const context: InstrumentChangeContext = { actorUserId: null, via: 'cli', audit: recordAudit };
const halden: InstrumentText = { symbol: 'HALD', name: 'Halden Motors Inc', kind: 'equity', mic: 'XNYS', currency: 'USD', decimals: '2', aliases: 'Halden' };
const index: InstrumentText = { symbol: 'FSX100', name: 'Fortune Sky 100', kind: 'index', mic: 'XNYS', currency: 'USD', decimals: '2', strip: '1' };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('the instruments store', () => {
  let site: TestApp;
  const purged: string[][] = [];
  const run = <T>(iso: string, operation: (work: Work) => Promise<T>) => site.writer.run(new Date(iso), operation);

  beforeAll(async () => {
    site = await createTestApp();
    site.cache.addPurgeListener((keys) => purged.push([...keys]));
  });
  afterAll(() => site.close());

  test('adds an instrument, finds it by symbol in any case, and refuses the symbol twice with a conflict', async () => {
    const id = await run('2026-01-05T09:00:00.000Z', (work) => createInstrument(work, checkInstrument(halden), context));
    const found = await findInstrument(site.database.db, 'hald');
    expect(found).toMatchObject({ id, symbol: 'HALD', aliases: ['Halden'], stripPosition: null, updatedAt: '2026-01-05T09:00:00.000Z' });
    const twice = await refusal(run('2026-01-05T09:00:01.000Z', (work) => createInstrument(work, checkInstrument({ ...halden, symbol: 'hald' }), context)));
    expect(twice.kind).toBe('conflict');
    expect(twice.details.symbol).toContain('HALD exists already');
  });

  test('a change outside the strip purges only its quote page; one in the strip purges every page', async () => {
    purged.length = 0;
    const hald = (await findInstrument(site.database.db, 'HALD'))!;
    await run('2026-01-05T09:01:00.000Z', (work) => updateInstrument(work, hald.id, checkInstrument({ ...halden, name: 'Halden Motors' }), hald.updatedAt, context));
    // Its quote key's purge may be held back (quote purges are coalesced, and adding HALD named it
    // a moment ago): the instrument key purges the quote page at once.
    expect(purged.map((keys) => keys.filter((key) => !isQuoteCacheKey(key)))).toEqual([['instrument:HALD']]);
    purged.length = 0;
    await run('2026-01-05T09:02:00.000Z', (work) => createInstrument(work, checkInstrument(index), context));
    expect(purged).toEqual([['*']]);
  });

  test('an edit made from an old version is refused, not applied over the newer one', async () => {
    const hald = (await findInstrument(site.database.db, 'HALD'))!;
    await run('2026-01-05T09:03:00.000Z', (work) => updateInstrument(work, hald.id, checkInstrument({ ...halden, name: 'First edit' }), hald.updatedAt, context));
    const stale = await refusal(run('2026-01-05T09:03:01.000Z', (work) => updateInstrument(work, hald.id, checkInstrument({ ...halden, name: 'Second edit' }), hald.updatedAt, context)));
    expect(stale.kind).toBe('conflict');
    expect((await findInstrument(site.database.db, 'HALD'))!.name).toBe('First edit');
  });

  test('renaming a symbol onto another one is a conflict', async () => {
    const hald = (await findInstrument(site.database.db, 'HALD'))!;
    const taken = await refusal(run('2026-01-05T09:04:00.000Z', (work) => updateInstrument(work, hald.id, checkInstrument({ ...halden, symbol: 'FSX100' }), hald.updatedAt, context)));
    expect(taken.kind).toBe('conflict');
  });

  test('upserts by symbol, counting what was added, changed and left', async () => {
    const rows = [checkInstrument({ ...halden, name: 'Halden Motors Inc' }), checkInstrument(index), checkInstrument({ ...halden, symbol: 'LUMA', name: 'Lumora Inc', aliases: '' })];
    const counts = await run('2026-01-05T09:05:00.000Z', (work) => upsertInstruments(work, rows, context));
    expect(counts).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect((await listInstruments(site.database.db)).map((i) => i.symbol)).toEqual(['FSX100', 'HALD', 'LUMA']);
  });

  test('the strip order names its instruments in order; the rest leave it', async () => {
    const [hald, luma] = [(await findInstrument(site.database.db, 'HALD'))!, (await findInstrument(site.database.db, 'LUMA'))!];
    purged.length = 0;
    await run('2026-01-05T09:06:00.000Z', (work) => setStripOrder(work, [luma.id, hald.id], context));
    expect((await listStripInstruments(site.database.db)).map((i) => [i.symbol, i.stripPosition])).toEqual([
      ['LUMA', 1],
      ['HALD', 2],
    ]);
    expect(purged).toEqual([['*']]);
    expect((await refusal(run('2026-01-05T09:06:01.000Z', (work) => setStripOrder(work, [luma.id, luma.id], context)))).kind).toBe('invalid');
  });

  test('deleting takes its quotes with it, and every change is audited with before and after', async () => {
    const luma = (await findInstrument(site.database.db, 'LUMA'))!;
    await site.database.db
      .insertInto('quote_ticks')
      .values({ instrument_id: luma.id, at: '2026-01-05T09:00:00.000Z', price: 88, day_volume: null, source: 'test', delay_minutes: 0, received_at: '2026-01-05T09:00:00.000Z' })
      .execute();
    await run('2026-01-05T09:07:00.000Z', (work) => deleteInstrument(work, luma.id, context));
    expect(await findInstrument(site.database.db, 'LUMA')).toBeUndefined();
    expect(await site.database.db.selectFrom('quote_ticks').select('at').where('instrument_id', '=', luma.id).execute()).toEqual([]);
    expect((await refusal(run('2026-01-05T09:07:01.000Z', (work) => deleteInstrument(work, luma.id, context)))).kind).toBe('not_found');
    const audit = await site.database.db.selectFrom('audit_log').select(['subject', 'detail']).where('action', '=', 'instrument.changed').orderBy('id').execute();
    const changes = audit.map((row) => JSON.parse(row.detail) as { change: string; before?: { name: string }; after?: { name: string } });
    expect(changes.map((change) => change.change)).toEqual(['created', 'updated', 'created', 'updated', 'updated', 'created', 'strip_order', 'deleted']);
    expect(changes[1]).toMatchObject({ before: { name: 'Halden Motors Inc' }, after: { name: 'Halden Motors' } });
  });
});
