import { changeBetween, directionWords, formatChange, type PriceFormat } from '../../../markets/format/index.js';

/** An instrument's quote page: `/markets/quote/{SYMBOL}/`, the symbol as stored. */
export function quotePagePath(symbol: string): string {
  return `/markets/quote/${encodeURIComponent(symbol)}/`;
}

/**
 * A change from the previous close, signed and coloured (green up, red down), with the direction in
 * words for screen readers beside it: never colour alone. A dash when there is no previous close.
 */
export function PriceChange({ previous, price, instrument }: { previous: number | null; price: number; instrument: PriceFormat }) {
  if (previous === null) {
    return (
      <span>
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">change not known</span>
      </span>
    );
  }
  const change = changeBetween(previous, price, instrument.decimals);
  return (
    <span class={`move move-${change.direction}`}>
      {formatChange(change, instrument)}
      <span class="visually-hidden"> ({directionWords(change, instrument)})</span>
    </span>
  );
}
