import { describe, expect, it } from 'vitest';
import { MAX_CSV_LINE_LENGTH, readCsvLines, splitCsvLine, type CsvLine } from './csv-lines.js';

async function linesOf(chunks: (string | Buffer)[]): Promise<CsvLine[]> {
  const lines: CsvLine[] = [];
  for await (const line of readCsvLines(chunks)) lines.push(line);
  return lines;
}

describe('splitCsvLine', () => {
  it('splits plain and quoted fields, with doubled quotes inside and commas in quotes', () => {
    expect(splitCsvLine('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('"x, y","say ""hi""",')).toEqual(['x, y', 'say "hi"', '']);
  });

  it('says why a line cannot be split', () => {
    expect(splitCsvLine('1,"open')).toContain('not closed');
    expect(splitCsvLine('"a"b,c')).toContain('after a quoted field');
  });
});

describe('readCsvLines', () => {
  it('numbers lines as the file does, skipping blank ones, with CRLF and a byte order mark', async () => {
    expect(await linesOf(['\uFEFFDate,Close\r\n2024-01-02,1\r\n\r\n2024-01-03,2\r\n'])).toEqual([
      { lineNumber: 1, fields: ['Date', 'Close'] },
      { lineNumber: 2, fields: ['2024-01-02', '1'] },
      { lineNumber: 4, fields: ['2024-01-03', '2'] },
    ]);
  });

  it('reads lines and characters split across chunks (a multi-byte character cut in two too)', async () => {
    const text = 'Name,Price\n"Zürich €",1.5\nlast,2';
    const bytes = Buffer.from(text);
    const oneByteChunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(await linesOf(oneByteChunks)).toEqual(await linesOf([text]));
    expect((await linesOf(oneByteChunks))[1]).toEqual({ lineNumber: 2, fields: ['Zürich €', '1.5'] });
  });

  it('reports a line past the length limit and carries on with the next', async () => {
    const long = 'x'.repeat(MAX_CSV_LINE_LENGTH + 10);
    const lines = await linesOf(['a,b\n', long.slice(0, 9000), long.slice(9000), '\nc,d\n']);
    expect(lines).toEqual([
      { lineNumber: 1, fields: ['a', 'b'] },
      { lineNumber: 2, error: expect.stringContaining('longer than') },
      { lineNumber: 3, fields: ['c', 'd'] },
    ]);
  });
});
