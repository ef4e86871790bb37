// Reading CSV a line at a time from a stream: the file is never held whole, so a large history
// costs the memory of one chunk and one batch. RFC 4180 fields: separated by commas, optionally in
// double quotes (a quote inside written twice); CRLF or LF line ends; a UTF-8 byte order mark
// before the first line is dropped. A quoted field may not span lines (no export of prices needs
// it): such a line is reported, not followed.

/** One line of a CSV file: its number (from 1) and its fields, or why it could not be read. */
export type CsvLine = { lineNumber: number; fields: string[] } | { lineNumber: number; error: string };

/** The longest line read; a longer one is reported and skipped (a price line is under 200 bytes). */
export const MAX_CSV_LINE_LENGTH = 16 * 1024;

/** Splits one line into fields; a string is the reason it cannot be split. */
export function splitCsvLine(line: string): string[] | string {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    if (line[position] === '"') {
      let value = '';
      let cursor = position + 1;
      for (;;) {
        const quote = line.indexOf('"', cursor);
        if (quote === -1) return 'a quoted field is not closed (fields may not span lines)';
        value += line.slice(cursor, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          cursor = quote + 2;
          continue;
        }
        cursor = quote + 1;
        break;
      }
      if (cursor < line.length && line[cursor] !== ',') return `unexpected text after a quoted field at character ${cursor + 1}`;
      fields.push(value);
      if (cursor >= line.length) return fields;
      position = cursor + 1;
    } else {
      const comma = line.indexOf(',', position);
      if (comma === -1) {
        fields.push(line.slice(position).trim());
        return fields;
      }
      fields.push(line.slice(position, comma).trim());
      position = comma + 1;
    }
  }
}

/** The lines of a CSV stream (blank lines skipped), read as the stream delivers them. */
export async function* readCsvLines(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<CsvLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let lineNumber = 0;
  let isFirst = true;
  let isSkippingLongLine = false;
  function* take(line: string): Generator<CsvLine> {
    lineNumber += 1;
    if (isFirst) {
      isFirst = false;
      if (line.startsWith('\uFEFF')) line = line.slice(1);
    }
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return;
    const fields = splitCsvLine(line);
    yield typeof fields === 'string' ? { lineNumber, error: fields } : { lineNumber, fields };
  }
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline: number;
    while ((newline = pending.indexOf('\n', start)) !== -1) {
      const line = pending.slice(start, newline);
      start = newline + 1;
      if (isSkippingLongLine) {
        isSkippingLongLine = false;
        continue;
      }
      yield* take(line);
    }
    pending = pending.slice(start);
    if (pending.length > MAX_CSV_LINE_LENGTH && !isSkippingLongLine) {
      lineNumber += 1;
      yield { lineNumber, error: `the line is longer than ${MAX_CSV_LINE_LENGTH} characters` };
      isSkippingLongLine = true;
    }
    if (isSkippingLongLine) pending = '';
  }
  pending += decoder.decode();
  if (pending !== '' && !isSkippingLongLine) yield* take(pending);
}
