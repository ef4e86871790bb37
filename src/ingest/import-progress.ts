/** Where progress is written: a stream and whether it is a terminal. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Counts items as an import goes and tells a person how far it is. */
export interface ImportProgress {
  /** Adds done items (saved or skipped). */
  advance(items: number): void;
  /** Sets how many items there are in all, once known. */
  setTotal(total: number): void;
  /** Writes the final line. */
  finish(): void;
}

/** How often a line is written: a terminal's one updating line, a log's lines. */
const TERMINAL_INTERVAL_MS = 200;
const LOG_INTERVAL_MS = 5000;
/** An import over within this long writes no line to a log. */
const QUIET_IMPORT_MS = 1000;

/**
 * Progress of an import on stderr: items done (of the total when known), the rate and the time
 * left. On a terminal one line rewritten in place; elsewhere (a log, CI) a line every 5 s and a
 * last one, unless the import was over within a second.
 */
export function createImportProgress(label: string, output: ProgressOutput, now: () => number = () => performance.now()): ImportProgress {
  const started = now();
  let done = 0;
  let total: number | undefined;
  let lastWritten = started;
  let hasWritten = false;
  const isTerminal = output.isTTY === true;

  function line(): string {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = done / seconds;
    const of = total === undefined ? '' : ` of ${total.toLocaleString('en')} (${total ? Math.floor((done / total) * 100) : 100} %)`;
    const left = total !== undefined && rate > 0 && done < total ? `, ${formatDuration((total - done) / rate)} left` : '';
    return `${label}: ${done.toLocaleString('en')}${of} items, ${Math.round(rate).toLocaleString('en')}/s${left}`;
  }

  function write(isFinal: boolean) {
    lastWritten = now();
    hasWritten = true;
    // "\r" and "erase to end of line" (ECMA-48 EL) rewrite the terminal's line in place.
    if (isTerminal) output.write(`\r${line()}\u001b[K${isFinal ? '\n' : ''}`);
    else output.write(`${line()}\n`);
  }

  return {
    advance(items) {
      done += items;
      if (now() - lastWritten >= (isTerminal ? TERMINAL_INTERVAL_MS : LOG_INTERVAL_MS)) write(false);
    },
    setTotal(value) {
      total = value;
    },
    finish() {
      // In a log, an import over within a second stays quiet: its summary says it all.
      if (isTerminal || hasWritten || now() - started >= QUIET_IMPORT_MS) write(true);
    },
  };
}

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}
