import { AppError } from '../../errors.js';
import { INSTRUMENT_KINDS, type Instrument, type InstrumentKind } from '../types.js';

/** An instrument as it is written: everything but its id. */
export type InstrumentFields = Omit<Instrument, 'id'>;

/** An instrument as people type it (a form, a CSV row): every field a string, aliases separated by `|` or new lines. */
export type InstrumentText = Partial<Record<'symbol' | 'name' | 'kind' | 'mic' | 'currency' | 'decimals' | 'aliases' | 'isin' | 'strip', string>>;


/** Common ISO 4217 codes, for the form's suggestions; any three capital letters are accepted. */
export const COMMON_CURRENCIES: readonly string[] = [
  'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'CNY', 'HKD', 'SGD', 'KRW', 'INR', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF',
  'BRL', 'MXN', 'ZAR', 'TRY', 'ILS', 'SAR', 'AED', 'TWD', 'THB', 'IDR', 'MYR', 'PHP',
];

export const MAX_ALIASES = 20;
export const MAX_ALIAS_LENGTH = 100;
export const MAX_NAME_LENGTH = 200;
export const MAX_DECIMALS = 8;
// The strip shows a handful; positions beyond this are typing mistakes.
export const MAX_STRIP_POSITION = 1_000;

const SYMBOL = /^[A-Z0-9._-]{1,30}$/;
const MIC = /^[A-Z0-9]{4}$/;
const CURRENCY = /^[A-Z]{3}$/;
const ISIN = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;


/** Whether an ISIN's last digit is right: letters become numbers (A = 10 … Z = 35), then the Luhn check over the digits. */
export function hasValidIsinCheckDigit(isin: string): boolean {
  if (!ISIN.test(isin)) return false;
  const digits = [...isin].map((char) => (char >= 'A' ? String(char.charCodeAt(0) - 55) : char)).join('');
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Aliases as typed: separated by `|` or new lines, trimmed, empty ones and repeats left out. */
export function splitAliases(text: string): string[] {
  const seen = new Set<string>();
  const aliases: string[] = [];
  for (const part of text.split(/[|\r\n]+/)) {
    const alias = part.replace(/\s+/g, ' ').trim();
    if (alias && !seen.has(alias.toLowerCase())) {
      seen.add(alias.toLowerCase());
      aliases.push(alias);
    }
  }
  return aliases;
}

function isKind(value: string): value is InstrumentKind {
  return (INSTRUMENT_KINDS as readonly string[]).includes(value);
}

/**
 * Reads and checks an instrument as typed; throws an `invalid` AppError whose details name every
 * field that is wrong, with what to do about it. Codes are upper-cased; an empty exchange, ISIN or
 * strip position means none.
 */
export function checkInstrument(text: InstrumentText): InstrumentFields {
  const errors: Record<string, string> = {};
  const symbol = (text.symbol ?? '').trim().toUpperCase();
  if (!SYMBOL.test(symbol)) errors.symbol = 'A symbol is 1 to 30 letters, digits, dots, hyphens or underscores.';
  const name = (text.name ?? '').replace(/\s+/g, ' ').trim();
  if (!name) errors.name = 'Give the instrument a name.';
  else if (name.length > MAX_NAME_LENGTH) errors.name = `At most ${MAX_NAME_LENGTH} characters.`;
  const kind = (text.kind ?? '').trim().toLowerCase();
  if (!isKind(kind)) errors.kind = `Choose one of: ${INSTRUMENT_KINDS.join(', ')}.`;
  const mic = (text.mic ?? '').trim().toUpperCase() || null;
  if (mic !== null && !MIC.test(mic)) errors.mic = 'An exchange code (ISO 10383 MIC) is 4 letters or digits, like XNYS; leave it empty off exchange.';
  const currency = (text.currency ?? '').trim().toUpperCase();
  if (!CURRENCY.test(currency)) errors.currency = 'A currency is its 3-letter ISO 4217 code, like USD.';
  const decimalsText = (text.decimals ?? '').trim();
  const decimals = Number(decimalsText);
  if (!/^\d{1,2}$/.test(decimalsText) || decimals > MAX_DECIMALS) errors.decimals = `Decimal places are a whole number from 0 to ${MAX_DECIMALS}.`;
  const aliases = splitAliases(text.aliases ?? '');
  if (aliases.length > MAX_ALIASES) errors.aliases = `At most ${MAX_ALIASES} other names.`;
  else if (aliases.some((alias) => alias.length > MAX_ALIAS_LENGTH)) errors.aliases = `Each other name is at most ${MAX_ALIAS_LENGTH} characters.`;
  const isin = (text.isin ?? '').trim().toUpperCase() || null;
  if (isin !== null && !ISIN.test(isin)) errors.isin = 'An ISIN is 12 characters: 2 letters, 9 letters or digits, 1 check digit.';
  else if (isin !== null && !hasValidIsinCheckDigit(isin)) errors.isin = 'That ISIN’s check digit is wrong: check for a typing mistake.';
  const stripText = (text.strip ?? '').trim();
  const stripPosition = stripText ? Number(stripText) : null;
  if (stripText && (!/^\d{1,4}$/.test(stripText) || stripPosition! < 1 || stripPosition! > MAX_STRIP_POSITION)) {
    errors.strip = `A place in the strip is a whole number from 1 to ${MAX_STRIP_POSITION}; leave it empty to keep the instrument out of the strip.`;
  }
  const wrong = Object.keys(errors);
  if (wrong.length > 0) {
    throw new AppError('INSTRUMENT_INVALID', 'invalid', `Check the instrument: ${wrong.join(', ')}.`, errors);
  }
  return { symbol, mic, name, kind: kind as InstrumentKind, currency, decimals, aliases, isin, stripPosition };
}

/** An instrument as a form shows it (the inverse of `checkInstrument`). */
export function instrumentText(instrument: InstrumentFields): Required<InstrumentText> {
  return {
    symbol: instrument.symbol,
    name: instrument.name,
    kind: instrument.kind,
    mic: instrument.mic ?? '',
    currency: instrument.currency,
    decimals: String(instrument.decimals),
    aliases: instrument.aliases.join('\n'),
    isin: instrument.isin ?? '',
    strip: instrument.stripPosition === null ? '' : String(instrument.stripPosition),
  };
}
