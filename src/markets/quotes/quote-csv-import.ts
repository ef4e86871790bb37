// Importing prices from CSV files: daily history in the common export layout
// (Date,Open,High,Low,Close,Adj Close,Volume) or intraday ticks (Time,Price[,Volume]). The file is
// read as a stream and stored a batch at a time, each batch in one unit of work through the same
// write path as the push API; bad lines are reported with their numbers and reasons.
import { parseLocalTime } from './local-time.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import type { DelayMinutes } from '../types.js';
import { readCsvLines } from '../csv-lines.js';
import { venueTimeZone } from '../exchanges/index.js';
import { MAX_QUOTES_PER_BATCH, storeDailyBars, storeQuotes } from './quote-ingest.js';
import type { DailyBarInput, QuoteInput } from './quote-rules.js';
import { findQuotedInstruments } from './quote-store.js';

/** What to import and how to label it. */
export interface QuoteCsvOptions {
  symbol: string;
  /** Intraday ticks (Time,Price[,Volume]) instead of daily history. */
  isTicks: boolean;
  /** Stored as each price's source. */
  source: string;
  /** The delay readers are told; null "End of day" (the default for daily history). */
  delayMinutes: DelayMinutes;
  /** The zone of tick times written without one (2024-03-01 09:30:00); the exchange's by default. */
  timeZone?: string;
  now: Date;
}

/** A line not imported, and why. */
export interface CsvLineRefusal {
  line: number;
  reason: string;
}

/** What an import did. */
export interface QuoteCsvReport {
  /** Data lines read (the header and blank lines not counted). */
  lines: number;
  stored: number;
  /** Ticks already stored (an import run again); daily bars are written over instead. */
  alreadyStored: number;
  /** Daily lines with no prices (`null`, as exports write for days without trading). */
  skipped: number;
  /** Lines refused, at most MAX_REPORTED_REFUSALS of them listed. */
  refusedCount: number;
  refused: CsvLineRefusal[];
}

/** The most refusals an import lists (it counts them all): a file of junk must not fill memory with reasons. */
export const MAX_REPORTED_REFUSALS = 1000;

const DAILY_COLUMNS = { date: 'date', open: 'open', high: 'high', low: 'low', close: 'close', adjClose: 'adj close', volume: 'volume' } as const;
const TICK_COLUMNS = { time: 'time', price: 'price', volume: 'volume' } as const;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** A cell as a number: null when empty or `null`; a string is the reason it is not a number. */
function numberCell(cell: string | undefined, name: string): number | null | string {
  if (cell === undefined || cell === '' || cell.toLowerCase() === 'null') return null;
  return NUMBER.test(cell) ? Number(cell) : `${name} ${JSON.stringify(cell.slice(0, 40))} is not a number`;
}

/** Where each wanted column is in the header; throws naming the missing ones. */
function columnsOf<T extends Record<string, string>>(header: string[], wanted: T, required: (keyof T)[]): Record<keyof T, number> {
  const names = header.map((name) => name.trim().toLowerCase());
  const found = Object.fromEntries(Object.entries(wanted).map(([key, name]) => [key, names.indexOf(name)])) as Record<keyof T, number>;
  const missing = required.filter((key) => found[key] === -1).map((key) => wanted[key]);
  if (missing.length > 0) {
    throw new AppError('QUOTE_CSV_LAYOUT', 'invalid', `The header line has no ${missing.map((name) => JSON.stringify(name)).join(', ')} column: daily history needs Date,Open,High,Low,Close[,Adj Close][,Volume]; ticks (--ticks) need Time,Price[,Volume].`);
  }
  return found;
}

/** Imports a CSV stream of one instrument's prices, a batch of 1,000 lines at a time. */
export async function importQuoteCsv(writer: Writer, input: AsyncIterable<Buffer | string>, options: QuoteCsvOptions): Promise<QuoteCsvReport> {
  const instrument = (await findQuotedInstruments(writer.db, [options.symbol])).get(options.symbol);
  if (!instrument) throw new AppError('INSTRUMENT_NOT_FOUND', 'not_found', `There is no instrument ${JSON.stringify(options.symbol)}: add it in the newsroom or with fortune-sky instruments import first.`);
  const timeZone = options.timeZone ?? venueTimeZone(instrument.mic) ?? 'UTC';
  const report: QuoteCsvReport = { lines: 0, stored: 0, alreadyStored: 0, skipped: 0, refusedCount: 0, refused: [] };
  const refuse = (line: number, reason: string) => {
    report.refusedCount += 1;
    if (report.refused.length < MAX_REPORTED_REFUSALS) report.refused.push({ line, reason });
  };
  let columns: Record<string, number> | undefined;
  const bars: DailyBarInput[] = [];
  const quotes: QuoteInput[] = [];
  const lineNumbers: number[] = [];

  async function flush(): Promise<void> {
    if (options.isTicks && quotes.length > 0) {
      const result = await storeQuotes(writer, quotes, { source: options.source, now: options.now });
      report.stored += result.stored;
      report.alreadyStored += result.alreadyStored;
      for (const refused of result.refused) refuse(lineNumbers[refused.index]!, `${refused.field}: ${refused.reason}`);
    } else if (!options.isTicks && bars.length > 0) {
      const result = await storeDailyBars(writer, options.symbol, bars, { source: options.source, delayMinutes: options.delayMinutes, now: options.now });
      report.stored += result.stored;
      for (const refused of result.refused) refuse(lineNumbers[refused.index]!, `${refused.field}: ${refused.reason}`);
    }
    bars.length = 0;
    quotes.length = 0;
    lineNumbers.length = 0;
  }

  for await (const line of readCsvLines(input)) {
    if ('error' in line) {
      if (columns) report.lines += 1;
      refuse(line.lineNumber, line.error);
      continue;
    }
    if (!columns) {
      columns = options.isTicks ? columnsOf(line.fields, TICK_COLUMNS, ['time', 'price']) : columnsOf(line.fields, DAILY_COLUMNS, ['date', 'open', 'high', 'low', 'close']);
      continue;
    }
    report.lines += 1;
    const cell = (name: string) => (columns![name]! === -1 ? undefined : line.fields[columns![name]!]);
    if (options.isTicks) {
      const tick = readTick(cell, options, timeZone);
      if (typeof tick === 'string') refuse(line.lineNumber, tick);
      else {
        quotes.push(tick);
        lineNumbers.push(line.lineNumber);
      }
    } else {
      const bar = readBar(cell);
      if (bar === undefined) report.skipped += 1;
      else if (typeof bar === 'string') refuse(line.lineNumber, bar);
      else {
        bars.push(bar);
        lineNumbers.push(line.lineNumber);
      }
    }
    if (bars.length + quotes.length >= MAX_QUOTES_PER_BATCH) await flush();
  }
  if (!columns) throw new AppError('QUOTE_CSV_LAYOUT', 'invalid', 'The file has no header line: it is empty.');
  await flush();
  // A batch's store refusals come after its lines' read refusals: listed in file order.
  report.refused.sort((a, b) => a.line - b.line);
  return report;
}

/** A daily line as a bar; undefined for a day with no prices; a string is why it is refused. */
function readBar(cell: (name: string) => string | undefined): DailyBarInput | string | undefined {
  const names = ['open', 'high', 'low', 'close', 'adjClose', 'volume'] as const;
  const values = names.map((name) => numberCell(cell(name), DAILY_COLUMNS[name]));
  const notANumber = values.find((value) => typeof value === 'string');
  if (notANumber !== undefined) return notANumber as string;
  const [open, high, low, close, adjClose, volume] = values as [number | null, number | null, number | null, number | null, number | null, number | null];
  if (open === null && high === null && low === null && close === null) return undefined;
  if (open === null || high === null || low === null || close === null) return 'open, high, low and close must all be given';
  return { day: cell('date') ?? '', open, high, low, close, adjClose: adjClose ?? null, volume: volume ?? null };
}

/** A tick line as a quote (a time with no zone read in the import's zone); a string is why it is refused. */
function readTick(cell: (name: string) => string | undefined, options: QuoteCsvOptions, timeZone: string): QuoteInput | string {
  let time = cell('time') ?? '';
  if (LOCAL_TIME.test(time)) {
    const instant = parseLocalTime(time, timeZone);
    if (!instant) return `time ${JSON.stringify(time)} is not a time of the calendar`;
    time = instant.toISOString();
  }
  const price = numberCell(cell('price'), 'price');
  if (typeof price === 'string') return price;
  if (price === null) return 'price is missing';
  const volume = numberCell(cell('volume'), 'volume');
  if (typeof volume === 'string') return volume;
  return { symbol: options.symbol, time, price, dayVolume: volume, delayMinutes: options.delayMinutes };
}
