import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../app-setup.js';
import { createChangeWriter } from '../../changes/index.js';
import type { Database, Writer } from '../../storage/index.js';
import { createFreshDatabase, type FreshDatabase } from '../../storage/fresh-database.js';
import { insertTestInstrument } from '../../../test/support/instruments.js';
import { runQuotesCommand } from './quotes-command.js';

// `fortune-sky quotes import` as the CLI runs it (runQuotesCommand over a real file and database):
// a generated five-year daily history of a fictional share, the hand-written edge cases beside it
// in test/fixtures/quotes/, and intraday ticks.

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/quotes');
const now = new Date('2026-05-01T20:00:00Z');
let fresh: FreshDatabase;
let database: Database;
let writer: Writer;

beforeEach(async () => {
  fresh = await createFreshDatabase();
  database = await openReadyDatabase({ databaseUrl: fresh.url });
  writer = createChangeWriter(database);
  await insertTestInstrument(database.db, { symbol: 'HALD', mic: 'XNYS' });
});
afterEach(async () => {
  await database.close();
  await fresh.remove();
});

async function run(...args: string[]): Promise<{ code: number; out: string[]; errors: string[] }> {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await runQuotesCommand(writer, args, { clock: { now: () => now }, io: { out: (line) => out.push(line), error: (line) => errors.push(line) } });
  return { code, out, errors };
}

async function bars() {
  return database.db.selectFrom('daily_bars').select(['day', 'open', 'high', 'low', 'close', 'adj_close', 'volume', 'source', 'delay_minutes']).orderBy('day').execute();
}

/** A seeded random walk over five years of weekdays, written in the export layout (mulberry32: the same file every run). */
function writeFiveYearHistory(path: string): { rows: string[][] } {
  let seed = 20260501;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rows: string[][] = [];
  let close = 42;
  for (let day = new Date('2021-05-03T00:00:00Z'); day < new Date('2026-05-01T00:00:00Z'); day = new Date(day.getTime() + 86_400_000)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const open = close * (1 + (random() - 0.5) * 0.01);
    close = open * (1 + (random() - 0.5) * 0.04);
    const high = Math.max(open, close) * (1 + random() * 0.01);
    const low = Math.min(open, close) * (1 - random() * 0.01);
    rows.push([day.toISOString().slice(0, 10), ...[open, high, low, close, close * 0.98].map((price) => price.toFixed(2)), String(Math.round(500_000 + random() * 1_000_000))]);
  }
  writeFileSync(path, `Date,Open,High,Low,Close,Adj Close,Volume\n${rows.map((row) => row.join(',')).join('\n')}\n`);
  return { rows };
}

describe('daily history', () => {
  test('five years of a generated export are stored day for day, and importing again changes nothing', async () => {
    const path = join(fresh.dir, 'halden-5y.csv');
    const { rows } = writeFiveYearHistory(path);
    expect(rows.length).toBeGreaterThan(1250);
    const first = await run('import', path, '--symbol', 'hald');
    expect(first).toMatchObject({ code: 0, errors: [] });
    expect(first.out).toEqual([`halden-5y.csv → HALD: ${rows.length} lines read, ${rows.length} daily bars stored, 0 refused.`]);
    const stored = await bars();
    expect(stored).toHaveLength(rows.length);
    const last = rows.at(-1)!;
    expect(stored.at(-1)).toEqual({ day: last[0], open: Number(last[1]), high: Number(last[2]), low: Number(last[3]), close: Number(last[4]), adj_close: Number(last[5]), volume: Number(last[6]), source: 'csv:halden-5y.csv', delay_minutes: null });
    expect((await run('import', path, '--symbol', 'HALD')).code).toBe(0);
    expect(await bars()).toEqual(stored);
  });

  test('edge cases: BOM, CRLF, quoted fields, null days, empty cells; every bad line named with its number and reason', async () => {
    const { code, out } = await run('import', join(FIXTURES, 'fictional-daily-edge-cases.csv'), '--symbol', 'HALD', '--source', 'Vendor history');
    expect(code).toBe(1);
    expect(out[0]).toBe('fictional-daily-edge-cases.csv → HALD: 12 lines read, 4 daily bars stored, 1 days without prices skipped, 7 refused.');
    expect(out.slice(1)).toEqual([
      expect.stringMatching(/^ {2}line 6: open: open 103.4 lies outside/),
      expect.stringMatching(/^ {2}line 8: date: date "2026-04-31" is not a YYYY-MM-DD day/),
      '  line 9: close "abc" is not a number',
      expect.stringMatching(/^ {2}line 10: volume: volume must be zero or more/),
      '  line 12: date: date 2026-04-29 appears twice in the batch',
      expect.stringMatching(/^ {2}line 13: a quoted field is not closed/),
      expect.stringMatching(/^ {2}line 14: low: low must be above zero/),
    ]);
    expect(await bars()).toEqual([
      { day: '2026-04-20', open: 101.5, high: 103.25, low: 100.75, close: 102.8, adj_close: 101.9, volume: 1204500, source: 'Vendor history', delay_minutes: null },
      { day: '2026-04-21', open: 102.8, high: 104, low: 102.1, close: 103.4, adj_close: 102.5, volume: 998700, source: 'Vendor history', delay_minutes: null },
      { day: '2026-04-24', open: 102.6, high: 104.9, low: 102.4, close: 104.5, adj_close: null, volume: null, source: 'Vendor history', delay_minutes: null },
      { day: '2026-04-29', open: 106.1, high: 107.3, low: 105.8, close: 107, adj_close: 106.1, volume: 810300, source: 'Vendor history', delay_minutes: null },
    ]);
  });

  test('a layout without Adj Close and Volume columns', async () => {
    expect((await run('import', join(FIXTURES, 'fictional-daily-no-volume.csv'), '--symbol', 'HALD', '--delay', '15')).code).toBe(0);
    expect((await bars()).map((bar) => [bar.day, bar.close, bar.adj_close, bar.volume, bar.delay_minutes])).toEqual([
      ['2026-04-28', 55.7, null, null, 15],
      ['2026-04-29', 54.4, null, null, 15],
      ['2026-04-30', 54.8, null, null, 15],
    ]);
  });
});

describe('intraday ticks', () => {
  test('local times are read in the exchange zone (or --time-zone), ISO times as written; a daily bar follows', async () => {
    const { code, out } = await run('import', join(FIXTURES, 'fictional-ticks.csv'), '--symbol', 'HALD', '--ticks');
    expect(code).toBe(1);
    expect(out).toEqual([
      'fictional-ticks.csv → HALD: 8 lines read, 5 ticks stored, 3 refused.',
      expect.stringMatching(/^ {2}line 6: price: price jumps -90 % from the last stored price \(41\.9 to 4\)/),
      '  line 7: time "2026-05-01 25:00:00" is not a time of the calendar',
      '  line 8: price is missing',
    ]);
    const ticks = await database.db.selectFrom('quote_ticks').select(['at', 'price', 'day_volume', 'delay_minutes']).orderBy('at').execute();
    expect(ticks.map((tick) => tick.at)).toEqual(['2026-05-01T13:30:00.000Z', '2026-05-01T13:31:00.000Z', '2026-05-01T13:32:30.000Z', '2026-05-01T13:33:00.000Z', '2026-05-01T19:59:59.500Z']);
    expect(await bars()).toMatchObject([{ day: '2026-05-01', open: 42, high: 42.4, low: 41.9, close: 42.4, volume: 9000, delay_minutes: 0 }]);
    const again = await run('import', join(FIXTURES, 'fictional-ticks.csv'), '--symbol', 'HALD', '--ticks', '--time-zone', 'UTC');
    // In UTC the local times are other instants (09:30Z…): new ticks; the ISO ones are already stored.
    expect(again.out[0]).toContain('3 ticks stored, 2 already stored');
  });
});

describe('usage', () => {
  test('missing or bad options, an unknown symbol, a missing file, a wrong layout: a message and exit code 2', async () => {
    expect((await run('import', 'x.csv')).errors[0]).toContain('--symbol');
    expect((await run('import', 'x.csv', '--symbol', 'HALD', '--delay', 'soon')).errors[0]).toContain('--delay');
    expect((await run('import', 'x.csv', '--symbol', 'HALD', '--time-zone', 'Mars/Olympus')).errors[0]).toContain('not a time zone');
    expect(await run('import', join(FIXTURES, 'fictional-ticks.csv'), '--symbol', 'NOPE')).toMatchObject({ code: 2, errors: [expect.stringContaining('no instrument "NOPE"')] });
    expect(await run('import', join(fresh.dir, 'missing.csv'), '--symbol', 'HALD')).toMatchObject({ code: 2, errors: [expect.stringContaining('Cannot read')] });
    expect(await run('import', join(FIXTURES, 'fictional-ticks.csv'), '--symbol', 'HALD')).toMatchObject({ code: 2, errors: [expect.stringContaining('no "date", "open", "high", "low", "close" column')] });
    expect(await bars()).toEqual([]);
  });
});
