import { AppError } from '../../errors.js';

/** One CSV record: its fields and the line of the file it starts on (1 = the first line). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The longest record read (a row of instrument fields is well under a kilobyte). */
export const MAX_CSV_RECORD_CHARS = 64 * 1024;

/**
 * Reads RFC 4180 CSV from text chunks as they come, one record at a time: a leading byte order
 * mark is dropped, lines end in LF or CRLF, a quoted field may hold commas, line ends and doubled
 * quotes. Memory is bounded by the longest record (refused past 64 KB, with its line). Blank lines
 * are skipped.
 */
export async function* readCsvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let isQuoted = false;
  // After a closing quote: only a comma, a line end or another quote (an escaped one) may follow.
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  // A CR ends the line; an LF right after it (in this chunk or the next) belongs to the same end.
  let afterCr = false;
  let isFirstChunk = true;

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const record = fields.length === 1 && fields[0] === '' && !afterQuote ? undefined : { line: recordLine, fields };
    fields = [];
    field = '';
    afterQuote = false;
    recordLine = line;
    return record;
  };

  for await (let chunk of chunks) {
    if (isFirstChunk) {
      isFirstChunk = false;
      if (chunk.startsWith('\ufeff')) chunk = chunk.slice(1);
    }
    for (let i = 0; i < chunk.length; i += 1) {
      const char = chunk[i]!;
      const isLfOfCrlf = afterCr && char === '\n';
      afterCr = char === '\r';
      if (isLfOfCrlf && !isQuoted) continue;
      if (isQuoted) {
        if (char === '"') {
          isQuoted = false;
          afterQuote = true;
        } else {
          if (char === '\n') line += 1;
          field += char;
        }
        continue;
      }
      if (char === '"') {
        if (afterQuote) {
          // "" inside a quoted field: one quote, and the field goes on.
          field += '"';
          isQuoted = true;
          afterQuote = false;
        } else if (field === '') {
          isQuoted = true;
        } else {
          throw new AppError('CSV_INVALID', 'invalid', `Line ${line}: a quote inside an unquoted field; quote the whole field and double the quote ("").`);
        }
      } else if (char === ',') {
        fields.push(field);
        field = '';
        afterQuote = false;
      } else if (char === '\n' || char === '\r') {
        line += 1;
        const record = endRecord();
        if (record) yield record;
      } else if (afterQuote) {
        throw new AppError('CSV_INVALID', 'invalid', `Line ${line}: text after a closing quote; a quoted field ends at a comma or the line's end.`);
      } else {
        field += char;
      }
    }
    // A record longer than any real one: the file is not what it claims to be (or has a stray quote).
    if (field.length + fields.reduce((sum, value) => sum + value.length, 0) > MAX_CSV_RECORD_CHARS) {
      throw new AppError('CSV_INVALID', 'invalid', `Line ${recordLine}: a record longer than ${MAX_CSV_RECORD_CHARS / 1024} KB; is a quote left open?`);
    }
  }
  if (isQuoted) throw new AppError('CSV_INVALID', 'invalid', `Line ${recordLine}: a quoted field is never closed.`);
  const record = endRecord();
  if (record) yield record;
}
