import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { isKnownTimeZone } from './local-time.js';
import { MAX_DELAY_MINUTES } from './quote-rules.js';
import { importQuoteCsv, type QuoteCsvReport } from './quote-csv-import.js';

/** How `fortune-sky quotes` is used. */
export const QUOTES_USAGE = `Usage: fortune-sky quotes import FILE.csv --symbol SYMBOL [--ticks] [--source NAME] [--delay MINUTES] [--time-zone ZONE]

  Daily history (default): Date,Open,High,Low,Close[,Adj Close][,Volume], a line a day; each day
  replaces what the instrument had for it. Lines of "null" prices (days without trading) are skipped.
  --ticks: intraday quotes, Time,Price[,Volume]; times in ISO 8601 with a zone, or
  "YYYY-MM-DD HH:MM:SS" read in --time-zone (by default the instrument's exchange's zone). A tick
  stored before is not stored again; ticks older than 7 days are refused (import them as daily history).
  --source NAME: the source shown with the prices (default: csv:FILE).
  --delay MINUTES: how late the prices are, as readers are told (daily default: end of day; ticks: 0).`;

/** Where the command writes. */
export interface QuotesCommandIo {
  out(line: string): void;
  error(line: string): void;
}

/** Runs `fortune-sky quotes …`; returns the exit code (0 every line taken, 1 some lines refused, 2 a usage or file error). */
export async function runQuotesCommand(writer: Writer, args: string[], { clock, io }: { clock: Clock; io: QuotesCommandIo }): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'import') {
    io.error(QUOTES_USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { symbol: { type: 'string' }, ticks: { type: 'boolean' }, source: { type: 'string' }, delay: { type: 'string' }, 'time-zone': { type: 'string' } },
    });
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${QUOTES_USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  const { symbol, ticks: isTicks = false, source, delay, 'time-zone': timeZone } = parsed.values;
  const problems = [
    !file || extra.length > 0 ? 'name one CSV file' : undefined,
    !symbol ? 'name the instrument with --symbol' : undefined,
    delay !== undefined && !(/^\d+$/.test(delay) && Number(delay) <= MAX_DELAY_MINUTES) ? `--delay is whole minutes from 0 to ${MAX_DELAY_MINUTES}` : undefined,
    timeZone !== undefined && !isKnownTimeZone(timeZone) ? `--time-zone ${JSON.stringify(timeZone)} is not a time zone (use a name such as America/New_York)` : undefined,
    source !== undefined && (source.trim() === '' || source.length > 100) ? '--source is 1 to 100 characters' : undefined,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    io.error(`${problems.join('; ')}.\n\n${QUOTES_USAGE}`);
    return 2;
  }
  const options = {
    symbol: symbol!.toUpperCase(),
    isTicks,
    source: source ?? `csv:${basename(file!)}`.slice(0, 100),
    delayMinutes: delay !== undefined ? Number(delay) : isTicks ? 0 : null,
    timeZone,
    now: clock.now(),
  };
  let report: QuoteCsvReport;
  let handle: FileHandle | undefined;
  try {
    // Opened before the import's first query: a stream that fails to open while nobody reads it yet
    // would throw its error into the process instead of here.
    handle = await open(file!);
    report = await importQuoteCsv(writer, handle.createReadStream(), options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      io.error(`Cannot read ${file}: ${(error as Error).message}`);
      return 2;
    }
    if (!(error instanceof AppError)) throw error;
    io.error(error.message);
    return 2;
  } finally {
    await handle?.close();
  }
  for (const line of describeQuoteCsvReport(file!, options.symbol, isTicks, report)) io.out(line);
  return report.refusedCount > 0 ? 1 : 0;
}

/** What an import did, in lines for a person. */
export function describeQuoteCsvReport(file: string, symbol: string, isTicks: boolean, report: QuoteCsvReport): string[] {
  const what = isTicks ? 'ticks' : 'daily bars';
  const lines = [
    `${basename(file)} → ${symbol}: ${report.lines} lines read, ${report.stored} ${what} stored` +
      (report.alreadyStored ? `, ${report.alreadyStored} already stored` : '') +
      (report.skipped ? `, ${report.skipped} days without prices skipped` : '') +
      `, ${report.refusedCount} refused.`,
  ];
  for (const refusal of report.refused) lines.push(`  line ${refusal.line}: ${refusal.reason}`);
  if (report.refusedCount > report.refused.length) lines.push(`  … and ${report.refusedCount - report.refused.length} more refused lines.`);
  return lines;
}
