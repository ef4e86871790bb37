// How prices, changes, volumes, delays and sources read on the site (English, `en-US` digits).
// Negative numbers take the true minus sign (U+2212), as typeset figures do.
import type { DelayMinutes, InstrumentKind } from '../types.js';

/** What formatting a price needs to know of its instrument. */
export interface PriceFormat {
  kind: InstrumentKind;
  currency: string;
  decimals: number;
}

/** Which way a change went, once rounded as it is shown. */
export type Direction = 'up' | 'down' | 'unchanged';

export const MINUS = '\u2212';

// Prefix symbols readers know; other currencies show their ISO code before the number.
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: 'CN¥', HKD: 'HK$', AUD: 'A$', CAD: 'C$', INR: '₹', KRW: '₩' };

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number with thousands separators and exactly `decimals` places; a true minus sign. */
export function formatNumber(value: number, decimals: number): string {
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(decimals, format);
  }
  const text = format.format(value);
  // −0.00 reads as 0.00: a value that rounds to zero has no sign.
  return text.startsWith('-') ? (/[1-9]/.test(text) ? MINUS + text.slice(1) : text.slice(1)) : text;
}

/**
 * A price as readers see it: a yield as `4.125%`; an index level or exchange rate as a bare
 * number; anything else with its currency (`$1,234.50`, `CHF 12.30`, pence as `345.5p`).
 */
export function formatPrice(price: number, instrument: PriceFormat): string {
  const number = formatNumber(price, instrument.decimals);
  if (instrument.kind === 'rate') return `${number}%`;
  if (instrument.kind === 'index' || instrument.kind === 'fx') return number;
  if (instrument.currency === 'GBX') return `${number}p`;
  const symbol = SYMBOLS[instrument.currency];
  const [sign, digits] = number.startsWith(MINUS) ? [MINUS, number.slice(1)] : ['', number];
  return symbol ? `${sign}${symbol}${digits}` : `${instrument.currency} ${number}`;
}

/** Which way a change went, as shown at the instrument's decimals (a change that rounds to zero is unchanged). */
export function directionOf(change: number, decimals: number): Direction {
  const shown = Number(change.toFixed(decimals));
  return shown > 0 ? 'up' : shown < 0 ? 'down' : 'unchanged';
}

/** The arrow shown beside a change, so its direction never rests on colour alone: `▲`, `▼`, or none. */
export function directionArrow(direction: Direction): string {
  return direction === 'up' ? '▲' : direction === 'down' ? '▼' : '';
}

/** A signed number: `+1.25`, `−0.40`, `0.00`. */
function signed(value: number, decimals: number, direction: Direction): string {
  const digits = formatNumber(Math.abs(value), decimals);
  return direction === 'up' ? `+${digits}` : direction === 'down' ? `${MINUS}${digits}` : digits;
}

/** The change from a previous price to a price. */
export interface Change {
  change: number;
  /** Per cent of the previous price; null when that was zero. */
  percent: number | null;
  direction: Direction;
}

/** The change from `previous` to `price`, its percentage and direction at the instrument's decimals. */
export function changeBetween(previous: number, price: number, decimals: number): Change {
  const change = price - previous;
  return { change, percent: previous === 0 ? null : (change / Math.abs(previous)) * 100, direction: directionOf(change, decimals) };
}

/**
 * A change with its percentage, both signed: `+1.25 (+0.84%)`, `−0.40 (−0.27%)`, `0.00 (0.00%)`.
 * A yield's change is in percentage points, with basis points beside it: `+0.041 (+4.1 bp)`.
 */
export function formatChange(change: Change, instrument: PriceFormat): string {
  const amount = signed(change.change, instrument.decimals, change.direction);
  if (instrument.kind === 'rate') return `${amount} (${signed(change.change * 100, 1, change.direction)} bp)`;
  return change.percent === null ? amount : `${amount} (${signed(change.percent, 2, change.direction)}%)`;
}

/** The change in words for screen readers: "up 0.84 per cent", "down 4.1 basis points", "unchanged". */
export function directionWords(change: Change, instrument: PriceFormat): string {
  if (change.direction === 'unchanged') return 'unchanged';
  if (instrument.kind === 'rate') return `${change.direction} ${formatNumber(Math.abs(change.change * 100), 1)} basis points`;
  if (change.percent === null) return `${change.direction} ${formatNumber(Math.abs(change.change), instrument.decimals)}`;
  return `${change.direction} ${formatNumber(Math.abs(change.percent), 2)} per cent`;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A volume, compact: `950`, `12.4K`, `12.4M`, `3.1B`. */
export function formatVolume(volume: number): string {
  return compact.format(volume);
}

/** How late a price is, as readers are told: "Real time", "Delayed 15 min", "End of day". */
export function delayLabel(delayMinutes: DelayMinutes): string {
  if (delayMinutes === null) return 'End of day';
  return delayMinutes === 0 ? 'Real time' : `Delayed ${delayMinutes} min`;
}

/** Who supplied a price, as readers are told: "Demo data" for the demo provider, else the source's own name. */
export function sourceLabel(source: string): string {
  return source === 'demo' ? 'Demo data' : source;
}
