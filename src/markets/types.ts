/** What an instrument is: it sets the demo walk's volatility, the strip's grouping and how prices read. */
export type InstrumentKind = 'index' | 'equity' | 'fx' | 'commodity' | 'crypto' | 'rate';

export const INSTRUMENT_KINDS: readonly InstrumentKind[] = ['index', 'equity', 'fx', 'commodity', 'crypto', 'rate'];

/** An instrument as the rest of the site sees it (a row of `instruments`, aliases parsed). */
export interface Instrument {
  id: number;
  /** Upper case: letters, digits, `.`, `-`, `_`; the quote page is `/markets/quote/{symbol}/`. */
  symbol: string;
  /** ISO 10383 market identifier code (XNYS, XNAS, XLON…); null off exchange (FX, coins). */
  mic: string | null;
  name: string;
  kind: InstrumentKind;
  /** ISO 4217; a rate's value is a yield in percent. */
  currency: string;
  /** Decimal places prices are shown with. */
  decimals: number;
  /** Other names it goes by in text ("Halden" for Halden Motors Inc). */
  aliases: string[];
  isin: string | null;
  /** Place in the ticker strip (1 first), or null. */
  stripPosition: number | null;
}

/**
 * How late a price is, as readers are told: minutes behind the market (0 real time, 15 "Delayed
 * 15 min") or null for "End of day".
 */
export type DelayMinutes = number | null;

/** One price of an instrument at one time, with who supplied it and how late it is. */
export interface Quote {
  symbol: string;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  price: number;
  /** Volume traded in the trading day up to this quote, when known. */
  dayVolume: number | null;
  source: string;
  delayMinutes: DelayMinutes;
}

/** One trading day of an instrument (the exchange's local date). */
export interface DailyBar {
  day: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number | null;
  volume: number | null;
  source: string;
  delayMinutes: DelayMinutes;
}
