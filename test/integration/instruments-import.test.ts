/**
 * Instruments from CSV: `importInstrumentsCsv` on both databases, and `fortune-sky instruments
 * import` run as the real command against the test's database.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppError } from '../../src/errors.js';
import { countInstruments, findInstrument, importInstrumentsCsv, listInstruments } from '../../src/markets/instruments/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { runCli } from '../support/cli-process.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';

const context = { actorUserId: null, via: 'cli' as const, audit: recordAudit, now: () => new Date('2026-01-05T09:00:00.000Z') };
// Columns in another order than the usage names them, a BOM, CRLF, quoted fields with commas and quotes.
const GOOD = [
  '\ufeffname,symbol,kind,mic,currency,decimals,aliases,isin,strip',
  '"Halden Motors, Inc",HALD,equity,XNYS,USD,2,Halden|Halden Motors,,',
  'Apple Inc,aapl,equity,XNAS,USD,2,"Apple|""the iPhone maker""",US0378331005,',
  '"Fortune Sky  100",FSX100,index,XNYS,USD,2,,,1',
  'Euro / US dollar,EURUSD,fx,,USD,4,,,2',
].join('\r\n');

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

describe('importing instruments from CSV', () => {
  let site: TestApp;
  const importText = (text: string, options: { maxBytes?: number } = {}) => importInstrumentsCsv(site.writer, chunks(text), { ...context, ...options });

  beforeAll(async () => {
    site = await createTestApp();
  });
  afterAll(() => site.close());

  test('adds every row of a real-layout file, then changes nothing when it is imported again', async () => {
    expect(await importText(GOOD)).toEqual({ rows: 4, created: 4, updated: 0, unchanged: 0, refused: [], refusedCount: 0, heldBack: 0 });
    expect(await findInstrument(site.database.db, 'HALD')).toMatchObject({ name: 'Halden Motors, Inc', aliases: ['Halden', 'Halden Motors'], mic: 'XNYS', isin: null });
    expect(await findInstrument(site.database.db, 'AAPL')).toMatchObject({ aliases: ['Apple', '"the iPhone maker"'], isin: 'US0378331005' });
    expect(await findInstrument(site.database.db, 'FSX100')).toMatchObject({ name: 'Fortune Sky 100', stripPosition: 1 });
    expect(await findInstrument(site.database.db, 'EURUSD')).toMatchObject({ mic: null, decimals: 4, stripPosition: 2 });
    expect(await importText(GOOD)).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 4 });
    expect(await importText(GOOD.replace('Halden Motors, Inc', 'Halden Motors Corp'))).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
  });

  test('a bad row is reported with its line and reasons, and keeps its whole batch out', async () => {
    const before = await countInstruments(site.database.db);
    const rows = Array.from({ length: 600 }, (_, i) => `Batch ${i},B${i},equity,XNYS,USD,2`);
    rows[549] = 'Bad row,B549,bond,XNYS,US,2';
    rows[559] = 'Short row,B559';
    rows[569] = 'Twice,B0,equity,XNYS,USD,2';
    // A field may not span lines: the line is refused, and the next is read as a row of its own.
    rows[579] = '"Open quote,B579,equity,XNYS,USD,2';
    const report = await importText(['name,symbol,kind,mic,currency,decimals', ...rows].join('\n'));
    expect(report).toMatchObject({ rows: 600, created: 500, refusedCount: 4, heldBack: 96 });
    expect(report.refused).toEqual([
      { line: 551, reasons: [expect.stringMatching(/^kind: Choose one of/), expect.stringMatching(/^currency: A currency is its 3-letter ISO 4217 code/)] },
      { line: 561, reasons: ['2 fields where the header names 6.'] },
      { line: 571, reasons: ['B0 is on line 2 already.'] },
      { line: 581, reasons: ['The line cannot be read: a quoted field is not closed (fields may not span lines).'] },
    ]);
    expect(await countInstruments(site.database.db)).toBe(before + 500);
    expect(await findInstrument(site.database.db, 'B499')).toBeDefined();
    expect(await findInstrument(site.database.db, 'B500')).toBeUndefined();
  });

  test('a file with an unknown or missing column, not UTF-8, or too large is refused before anything is written', async () => {
    const before = (await listInstruments(site.database.db)).length;
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).message;
    };
    expect(await refusal(importText('symbol,name,kind,currency,decimals,sector\nX,X,equity,USD,2,Cars'))).toBe(
      'Unknown column "sector": the columns are symbol, name, kind, currency, decimals, mic, aliases, isin, strip.',
    );
    expect(await refusal(importText('symbol,name,kind\nX,X,equity'))).toBe('The first line must name the columns; missing: currency, decimals.');
    expect(await refusal(importText(''))).toContain('The file is empty');
    expect(await refusal(importInstrumentsCsv(site.writer, (async function* () { yield Buffer.from([0x73, 0xff, 0x0a]); })(), context))).toBe('The file is not UTF-8 text.');
    expect(await refusal(importText(GOOD, { maxBytes: 100 }))).toBe('The file is larger than 100 bytes: split it.');
    expect((await listInstruments(site.database.db)).length).toBe(before);
  });

  test('fortune-sky instruments import prints the summary and each refused row', async () => {
    const temp = createTempDir();
    try {
      const file = join(temp.dir, 'instruments.csv');
      writeFileSync(file, 'symbol,name,kind,currency,decimals\nCLI1,Command Line One,equity,USD,2\nCLI2,,equity,USD,2\n');
      const env = { DATABASE_URL: site.databaseUrl, DEMO_CONTENT: 'false', SITE_URL: 'http://news.test' };
      const run = await runCli(['instruments', 'import', file], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('2 rows: 0 added, 0 changed, 0 unchanged, 1 refused, 1 held back with a refused row of their batch.');
      expect(run.stdout).toContain('Line 3: name: Give the instrument a name.');
      writeFileSync(file, 'symbol,name,kind,currency,decimals\nCLI1,Command Line One,equity,USD,2\n');
      expect(await runCli(['instruments', 'import', file], env)).toMatchObject({ code: 0, stdout: expect.stringContaining('1 rows: 1 added') });
      expect(await runCli(['instruments', 'import', join(temp.dir, 'missing.csv')], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
    } finally {
      temp.remove();
    }
  });
});
