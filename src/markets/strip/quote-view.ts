import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { changeBetween, delayLabel, directionArrow, directionWords, formatChange, formatNumber, formatPrice, MINUS, sourceLabel, type Change, type Direction, type PriceFormat } from '../format/index.js';
import { readQuoteSnapshots, type QuoteSnapshot } from '../quotes/index.js';

/**
 * One instrument's price as the strip and the quote chips show it, formatted on the server (the
 * island only puts text in place): what `/markets/strip.json` and `/markets/quotes.json` carry.
 */
export interface QuoteView {
  symbol: string;
  /** `4,213.55`, `$42.30`, `4.125%`. */
  price: string;
  /** Against the previous close, `+1.25 (+0.84%)`; null when there is none. */
  change: string | null;
  /** The short form beside a price in the strip, with an arrow: `▲ +0.84%`, `▼ −4.1 bp`, `0.00%`. */
  move: string | null;
  /** Change in per cent, rounded to 2 places; null when there is no previous close (or it was 0). */
  percent: number | null;
  direction: Direction | null;
  /** The change in words for screen readers: "up 0.84 per cent". */
  words: string | null;
  /** Who supplied the price: "Demo data" for the demo provider. */
  source: string;
  /** "Real time", "Delayed 15 min", "End of day". */
  delay: string;
  /** When the price was (ISO 8601; a day for an end-of-day close). */
  at: string;
}

/** The short form of a change: per cent (`+0.84%`), or a yield's basis points (`+4.1 bp`). */
function formatMove(change: Change, instrument: PriceFormat): string {
  const sign = change.direction === 'up' ? '+' : change.direction === 'down' ? MINUS : '';
  const amount = instrument.kind === 'rate' ? `${formatNumber(Math.abs(change.change * 100), 1)} bp` : change.percent === null ? formatNumber(Math.abs(change.change), instrument.decimals) : `${formatNumber(Math.abs(change.percent), 2)}%`;
  const arrow = directionArrow(change.direction);
  return `${arrow ? `${arrow} ` : ''}${sign}${amount}`;
}

/** A snapshot as the strip shows it, or undefined when nothing is stored for the instrument yet. */
export function toQuoteView(snapshot: QuoteSnapshot): QuoteView | undefined {
  if (!snapshot.last) return undefined;
  const { last, previousClose } = snapshot;
  const change = previousClose === null ? undefined : changeBetween(previousClose, last.price, snapshot.decimals);
  return {
    symbol: snapshot.symbol,
    price: formatPrice(last.price, snapshot),
    change: change ? formatChange(change, snapshot) : null,
    move: change ? formatMove(change, snapshot) : null,
    percent: change?.percent == null ? null : Math.round(change.percent * 100) / 100,
    direction: change?.direction ?? null,
    words: change ? directionWords(change, snapshot) : null,
    source: sourceLabel(last.source),
    delay: delayLabel(last.delayMinutes),
    at: last.at,
  };
}

/** The prices of these instruments in the order given, in one query; `unknown` names the symbols no instrument has. */
export async function readQuoteViews(db: Kysely<Schema>, symbols: readonly string[], now: Date): Promise<{ quotes: QuoteView[]; unknown: string[] }> {
  const bySymbol = new Map((await readQuoteSnapshots(db, { symbols }, now)).map((snapshot) => [snapshot.symbol, snapshot]));
  const quotes = symbols.flatMap((symbol) => {
    const snapshot = bySymbol.get(symbol);
    const view = snapshot && toQuoteView(snapshot);
    return view ? [view] : [];
  });
  return { quotes, unknown: symbols.filter((symbol) => !bySymbol.has(symbol)) };
}
