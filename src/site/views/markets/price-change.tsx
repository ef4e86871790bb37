import { changeBetween, directionArrow, directionWords, formatChange, type PriceFormat } from '../../../markets/format/index.js';

/**
 * A change from the previous close with its percentage, coloured by direction and never by colour
 * alone: the sign is in the figures, an arrow beside them, and the direction in words for screen
 * readers ("up 0.84 per cent"). A dash when there is no previous close.
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
  const arrow = directionArrow(change.direction);
  return (
    <span class={`price-change move ${change.direction}`}>
      {arrow && <span aria-hidden="true">{arrow} </span>}
      {formatChange(change, instrument)}
      <span class="visually-hidden"> ({directionWords(change, instrument)})</span>
    </span>
  );
}
