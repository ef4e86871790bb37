import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createTickerDetector, MAX_TICKER_TEXT, type Instrument } from './ticker-detector.js';

/** CPU time this process spent running `work`, in ms: unlike wall time, other processes on a busy machine do not count. */
function cpuMsOf(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1_000;
}

const { instruments } = JSON.parse(readFileSync(new URL('../../../test/fixtures/ingest/demo-instruments.json', import.meta.url), 'utf8')) as { instruments: Instrument[] };
const detector = createTickerDetector(instruments);
const symbols = (text: string) => detector.detect(text).map((ticker) => ticker.value);

describe('ticker detection', () => {
  test.each([
    ['Shares of $LUMA rose', ['LUMA']],
    ['Lumora (NASDAQ: LUMA) rose', ['LUMA']],
    ['Tallis (LSE:TLB) fell', ['TLB']],
    ['Tallis fell (TLB.L)', ['TLB']],
    ['Nasdaq:CRVN jumped', ['CRVN']],
  ])('%s → %j', (text, expected) => {
    expect(symbols(text)).toEqual(expected);
  });

  test.each(['It raised $5bn', 'a $5 fee', 'US$3 billion', 'A$2bn and $US2bn', 'the U.S.A. and the U.K.', 'prices rose 5.L', 'lumora, in lower case'])('%j names no ticker', (text) => {
    expect(symbols(text)).toEqual([]);
  });

  test('a symbol the list lacks is still suggested, with less confidence and saying so', () => {
    const [qualified] = detector.detect('ZZZ (NYSE: ZZZ) listed on Monday');
    const [cashtag] = detector.detect('Traders piled into $QQQX');
    expect(qualified).toMatchObject({ value: 'ZZZ', kind: 'ticker', evidence: expect.stringMatching(/not in the instrument list/) });
    expect(cashtag).toMatchObject({ value: 'QQQX', evidence: expect.stringMatching(/not in the instrument list/) });
    expect(cashtag!.confidence).toBeLessThan(detector.detect('$LUMA')[0]!.confidence);
  });

  test('names and aliases, the longest name winning, legal forms optional', () => {
    expect(symbols('Northwind Semiconductor fell while Northwind Grid rose')).toEqual(['NWSC', 'NWG']);
    expect(symbols('Halden & Rowe advised on the deal')).toEqual(['HNR']);
    expect(symbols('Lumora said')).toEqual(['LUMA']);
    expect(symbols('Tallis Bank plc and Tallis Bank')).toEqual(['TLB']);
    // "Kestrel" alone could be the miner or the bank: no alias, no guess.
    expect(symbols('Kestrel rose')).toEqual([]);
  });

  test('an alias is less sure than the full name; more mentions, more sure', () => {
    const [alias] = detector.detect('Halden rose');
    const [name] = detector.detect('Halden Motors rose');
    const [repeated] = detector.detect('Halden Motors rose. Halden Motors said. Halden Motors added.');
    expect(alias!.confidence).toBeLessThan(name!.confidence);
    expect(repeated!.confidence).toBeGreaterThan(name!.confidence);
    expect(repeated!.evidence).toMatch(/3 mentions/);
  });

  test('an empty list still finds cashtags and qualified symbols', () => {
    expect(createTickerDetector([]).detect('$ACME and NYSE: XYZ').map((t) => t.value).sort()).toEqual(['ACME', 'XYZ']);
  });

  test.each([
    ['capitalised words', (n: number) => 'Northwind '.repeat(n / 10)],
    ['a name prefix without end', (n: number) => 'Northwind Grid '.repeat(n / 15)],
    ['dollar signs', (n: number) => '$A$'.repeat(n / 3)],
    ['exchange prefixes', (n: number) => 'NYSE: '.repeat(n / 6)],
  ])('hostile input (%s): 1 MB read in linear time', (_, build) => {
    const quarter = build(MAX_TICKER_TEXT / 4);
    const whole = build(MAX_TICKER_TEXT);
    const quarterMs = cpuMsOf(() => detector.detect(quarter));
    const wholeMs = cpuMsOf(() => detector.detect(whole + whole));
    expect(wholeMs).toBeLessThan(3_000);
    expect(wholeMs).toBeLessThan(quarterMs * 8 + 250);
  });
});
