// How market figures read: prices, changes, volumes, delays and sources (pure). The only file other modules import.
export {
  changeBetween,
  delayLabel,
  directionArrow,
  directionOf,
  directionWords,
  formatChange,
  formatNumber,
  formatPrice,
  formatVolume,
  MINUS,
  sourceLabel,
  type Change,
  type Direction,
  type PriceFormat,
} from './format.js';
