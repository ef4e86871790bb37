import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { readCsvLines } from '../csv-lines.js';
import { checkInstrument, type InstrumentFields, type InstrumentText } from './instrument-fields.js';
import { upsertInstruments, type InstrumentChangeContext } from './instrument-service.js';

/** The columns an instruments CSV may have, in any order; the first five must be there. */
export const INSTRUMENT_CSV_COLUMNS = ['symbol', 'name', 'kind', 'currency', 'decimals', 'mic', 'aliases', 'isin', 'strip'] as const;
const REQUIRED_COLUMNS = INSTRUMENT_CSV_COLUMNS.slice(0, 5);
type Column = (typeof INSTRUMENT_CSV_COLUMNS)[number];

/** Rows written per unit of work: a bad row keeps its whole batch out. */
export const INSTRUMENT_IMPORT_BATCH = 500;
/** The largest file read (a 100,000-instrument list is about 10 MB). */
export const MAX_INSTRUMENT_CSV_BYTES = 10 * 1024 * 1024;
// Rows reported one by one; past this many the report only counts them.
const MAX_REPORTED_ROWS = 100;

/** A row refused, with why. */
export interface RefusedRow {
  line: number;
  reasons: string[];
}

/** What an import did. */
export interface InstrumentImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows refused for what they hold (the first 100). */
  refused: RefusedRow[];
  refusedCount: number;
  /** Good rows not written because a row of their batch was refused. */
  heldBack: number;
}

function readHeader(fields: string[]): Column[] {
  const columns = fields.map((field) => field.trim().toLowerCase());
  const unknown = columns.filter((column) => !(INSTRUMENT_CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) {
    throw new AppError('CSV_INVALID', 'invalid', `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}: the columns are ${INSTRUMENT_CSV_COLUMNS.join(', ')}.`);
  }
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (repeated.length > 0) throw new AppError('CSV_INVALID', 'invalid', `The column "${repeated[0]}" is there twice.`);
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) throw new AppError('CSV_INVALID', 'invalid', `The first line must name the columns; missing: ${missing.join(', ')}.`);
  return columns as Column[];
}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;
}

/** Counts bytes as they pass and stops past the cap, so a huge file is refused without being read whole. */
async function* capped(chunks: AsyncIterable<string | Buffer>, maxBytes: number): AsyncGenerator<string> {
  let bytes = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of chunks) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > maxBytes) throw new AppError('CSV_TOO_LARGE', 'invalid', `The file is larger than ${sizeText(maxBytes)}: split it.`);
      yield decoder.decode(buffer, { stream: true });
    }
    yield decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) throw new AppError('CSV_INVALID', 'invalid', 'The file is not UTF-8 text.');
    throw error;
  }
}

/**
 * Imports instruments from CSV (a header line naming the columns, then one instrument a line;
 * aliases separated by `|`), adding or changing each by symbol. Rows are written in batches of 500,
 * each in one unit of work; a batch with a bad row is not written at all, and every bad row is
 * reported with its line and reasons. A row whose optional column is missing or empty clears that
 * field (the file says what the instrument is). Streams: memory is bounded by a batch.
 */
export async function importInstrumentsCsv(
  writer: Writer,
  chunks: AsyncIterable<string | Buffer>,
  context: InstrumentChangeContext & { now: () => Date; maxBytes?: number },
): Promise<InstrumentImportReport> {
  const report: InstrumentImportReport = { rows: 0, created: 0, updated: 0, unchanged: 0, refused: [], refusedCount: 0, heldBack: 0 };
  let columns: Column[] | undefined;
  let batch: InstrumentFields[] = [];
  let batchRefused = 0;
  // A symbol twice in one file would be written twice, the second silently winning: refused instead.
  const lineBySymbol = new Map<string, number>();

  const refuse = (line: number, reasons: string[]) => {
    report.refusedCount += 1;
    batchRefused += 1;
    if (report.refused.length < MAX_REPORTED_ROWS) report.refused.push({ line, reasons });
  };
  const flush = async () => {
    if (batchRefused > 0) report.heldBack += batch.length;
    else if (batch.length > 0) {
      const rows = batch;
      const counts = await writer.run(context.now(), (work) => upsertInstruments(work, rows, context));
      report.created += counts.created;
      report.updated += counts.updated;
      report.unchanged += counts.unchanged;
    }
    batch = [];
    batchRefused = 0;
  };

  for await (const record of readCsvLines(capped(chunks, context.maxBytes ?? MAX_INSTRUMENT_CSV_BYTES))) {
    const line = record.lineNumber;
    if ('error' in record) {
      if (!columns) throw new AppError('CSV_INVALID', 'invalid', `Line ${line}, the column names: ${record.error}.`);
      report.rows += 1;
      refuse(line, [`The line cannot be read: ${record.error}.`]);
      if (batch.length + batchRefused >= INSTRUMENT_IMPORT_BATCH) await flush();
      continue;
    }
    const { fields } = record;
    if (!columns) {
      columns = readHeader(fields);
      continue;
    }
    report.rows += 1;
    if (fields.length !== columns.length) {
      refuse(line, [`${fields.length} fields where the header names ${columns.length}.`]);
    } else {
      const text: InstrumentText = Object.fromEntries(columns.map((column, index) => [column, fields[index]]));
      try {
        const instrument = checkInstrument(text);
        const earlier = lineBySymbol.get(instrument.symbol);
        if (earlier !== undefined) refuse(line, [`${instrument.symbol} is on line ${earlier} already.`]);
        else {
          // Bounded: a 10 MB file holds at most a few hundred thousand symbols.
          lineBySymbol.set(instrument.symbol, line);
          batch.push(instrument);
        }
      } catch (error) {
        if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
        refuse(line, Object.entries(error.details).map(([field, reason]) => `${field}: ${reason}`));
      }
    }
    if (batch.length + batchRefused >= INSTRUMENT_IMPORT_BATCH) await flush();
  }
  if (!columns) throw new AppError('CSV_INVALID', 'invalid', `The file is empty: its first line names the columns (${INSTRUMENT_CSV_COLUMNS.join(', ')}).`);
  await flush();
  return report;
}

/** The report as lines for a terminal. */
export function describeInstrumentImport(report: InstrumentImportReport): string[] {
  const lines = [`${report.rows} rows: ${report.created} added, ${report.updated} changed, ${report.unchanged} unchanged, ${report.refusedCount} refused, ${report.heldBack} held back with a refused row of their batch.`];
  for (const row of report.refused) lines.push(`Line ${row.line}: ${row.reasons.join(' ')}`);
  if (report.refusedCount > report.refused.length) lines.push(`… and ${report.refusedCount - report.refused.length} more refused rows.`);
  return lines;
}
