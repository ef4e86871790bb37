// The ticker strip and quote chips: the strip's instruments kept in memory, and prices as the island shows them.
export { createStripInstruments, stripLabel, type StripInstruments, type StripLink } from './strip-instruments.js';
export { readQuoteViews, toQuoteView, type QuoteView } from './quote-view.js';
export { MAX_QUOTE_SYMBOLS, parseQuoteSymbols } from './quote-symbols.js';
