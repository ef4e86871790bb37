import { directionWords, formatChange, type Change, type PriceFormat } from '../../../markets/format/index.js';

/**
 * A change with its percentage, coloured by direction and never by colour alone: the sign is in the
 * figures, an arrow beside them, and the direction in words for screen readers ("up 0.84 per cent").
 */
export function PriceChange({ change, instrument }: { change: Change; instrument: PriceFormat }) {
  const arrow = change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : '';
  return (
    <span class={`price-change ${change.direction}`}>
      {arrow && <span aria-hidden="true">{arrow} </span>}
      {formatChange(change, instrument)}
      <span class="visually-hidden"> ({directionWords(change, instrument)})</span>
    </span>
  );
}
