import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { MAX_CSV_RECORD_CHARS, readCsvRecords, type CsvRecord } from './csv-records.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = text.length || 1): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(chunked(text, size))) records.push(record);
  return records;
}

async function refusal(text: string): Promise<string> {
  try {
    await read(text);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected the text to be refused');
}

describe('readCsvRecords', () => {
  const text = '\ufeffsymbol,name,aliases\r\nHALD,"Halden Motors, Inc","Halden|""HM"""\r\n\r\nBRW,"Brightwater\r\nStores plc",\r\nNWG,Northwind Grid,';

  it('reads quoted fields with commas, line ends and doubled quotes, CRLF, a BOM, and skips blank lines, with each record’s first line', async () => {
    expect(await read(text)).toEqual([
      { line: 1, fields: ['symbol', 'name', 'aliases'] },
      { line: 2, fields: ['HALD', 'Halden Motors, Inc', 'Halden|"HM"'] },
      { line: 4, fields: ['BRW', 'Brightwater\r\nStores plc', ''] },
      { line: 6, fields: ['NWG', 'Northwind Grid', ''] },
    ]);
  });

  it('reads the same however the text is cut into chunks (a CRLF or a doubled quote split between two)', async () => {
    const whole = await read(text);
    for (const size of [1, 2, 3, 7]) expect(await read(text, size), `chunks of ${size}`).toEqual(whole);
  });

  it('reads LF line ends and a last line with one', async () => {
    expect(await read('a,b\n1,2\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('refuses malformed quoting with the line', async () => {
    expect(await refusal('a,b\n1,x"y\n')).toContain('Line 2: a quote inside an unquoted field');
    expect(await refusal('a,b\n1,"x"y\n')).toContain('Line 2: text after a closing quote');
    expect(await refusal('a,b\n1,"open\n2,3\n')).toContain('Line 2: a quoted field is never closed');
  });

  it('refuses a record longer than any real one instead of holding it', async () => {
    expect(await refusal(`a\n"${'x'.repeat(MAX_CSV_RECORD_CHARS + 1)}`)).toContain('Line 2: a record longer than 64 KB');
  });
});
