import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { exchangeName } from '../exchanges/index.js';
import { checkInstrument, hasValidIsinCheckDigit, instrumentText, splitAliases, type InstrumentText } from './instrument-fields.js';

const halden: InstrumentText = { symbol: 'hald', name: ' Halden  Motors Inc ', kind: 'Equity', mic: 'xnys', currency: 'usd', decimals: '2', aliases: 'Halden| Halden Motors |halden', isin: '', strip: '' };

function fieldErrors(text: InstrumentText): Record<string, string> {
  try {
    checkInstrument(text);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'invalid') return error.details;
    throw error;
  }
  throw new Error('expected the instrument to be refused');
}

describe('checkInstrument', () => {
  it('normalises what is typed: codes upper-cased, spaces collapsed, repeated aliases dropped', () => {
    expect(checkInstrument(halden)).toEqual({
      symbol: 'HALD',
      mic: 'XNYS',
      name: 'Halden Motors Inc',
      kind: 'equity',
      currency: 'USD',
      decimals: 2,
      aliases: ['Halden', 'Halden Motors'],
      isin: null,
      stripPosition: null,
    });
  });

  it('reads an empty exchange, ISIN and strip place as none, and a strip place as a number', () => {
    const fx = checkInstrument({ symbol: 'EURUSD', name: 'Euro / US dollar', kind: 'fx', currency: 'USD', decimals: '4', strip: '5' });
    expect(fx).toMatchObject({ mic: null, isin: null, stripPosition: 5, aliases: [] });
  });

  it('names every wrong field with what to do', () => {
    const errors = fieldErrors({ symbol: 'HAL D', name: '', kind: 'bond', mic: 'NYSE1', currency: 'US', decimals: '9', aliases: '', isin: 'US037833100', strip: '0' });
    expect(Object.keys(errors).sort()).toEqual(['currency', 'decimals', 'isin', 'kind', 'mic', 'name', 'strip', 'symbol']);
    expect(errors.kind).toContain('index, equity, fx, commodity, crypto, rate');
  });

  it('bounds symbols, names and aliases', () => {
    expect(fieldErrors({ ...halden, symbol: 'A'.repeat(31) })).toHaveProperty('symbol');
    expect(checkInstrument({ ...halden, symbol: 'BRK.B-X_1' }).symbol).toBe('BRK.B-X_1');
    expect(fieldErrors({ ...halden, symbol: 'ÄPFEL' })).toHaveProperty('symbol');
    expect(fieldErrors({ ...halden, name: 'x'.repeat(201) })).toHaveProperty('name');
    expect(fieldErrors({ ...halden, aliases: Array.from({ length: 21 }, (_, i) => `Alias ${i}`).join('|') })).toHaveProperty('aliases');
    expect(checkInstrument({ ...halden, aliases: Array.from({ length: 20 }, (_, i) => `Alias ${i}`).join('\n') }).aliases).toHaveLength(20);
    expect(fieldErrors({ ...halden, aliases: 'y'.repeat(101) })).toHaveProperty('aliases');
  });

  it('accepts decimals from 0 to 8 only, as whole numbers', () => {
    expect(checkInstrument({ ...halden, decimals: '0' }).decimals).toBe(0);
    expect(checkInstrument({ ...halden, decimals: '8' }).decimals).toBe(8);
    for (const decimals of ['', '-1', '2.5', '1e1', '9']) expect(fieldErrors({ ...halden, decimals })).toHaveProperty('decimals');
  });

  it('accepts a well-formed exchange code it does not know, and shows its name when it does', () => {
    expect(checkInstrument({ ...halden, mic: 'ZZZ9' }).mic).toBe('ZZZ9');
    expect(exchangeName('XLON')).toBe('London Stock Exchange');
    expect(exchangeName('ZZZ9')).toBe('ZZZ9');
    expect(exchangeName(null)).toBe('Off exchange');
  });

  it('checks an ISIN’s check digit', () => {
    expect(checkInstrument({ ...halden, isin: 'us0378331005' }).isin).toBe('US0378331005');
    expect(fieldErrors({ ...halden, isin: 'US0378331006' }).isin).toContain('check digit');
  });

  it('gives back what it read as the form shows it', () => {
    const read = checkInstrument(halden);
    expect(checkInstrument(instrumentText(read))).toEqual(read);
  });
});

describe('hasValidIsinCheckDigit', () => {
  it('accepts real ISINs, letters in any place, and refuses any changed digit', () => {
    for (const isin of ['US0378331005', 'GB0002634946', 'DE0007164600', 'AU0000XVGZA3', 'US5949181045', 'NL0000729408']) expect(hasValidIsinCheckDigit(isin)).toBe(true);
    expect(hasValidIsinCheckDigit('GB0002634947')).toBe(false);
    expect(hasValidIsinCheckDigit('AU0000XVGZA4')).toBe(false);
    expect(hasValidIsinCheckDigit('US037833100')).toBe(false);
  });
});

describe('splitAliases', () => {
  it('splits on bars and line ends, trims, and drops empties and repeats', () => {
    expect(splitAliases('Halden|\r\n halden \n\nHalden  Motors|')).toEqual(['Halden', 'Halden Motors']);
  });
});
