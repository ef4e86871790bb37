import { AppError } from '../../errors.js';

/** The most symbols one `/markets/quotes.json` asks for (an article's quote chips). */
export const MAX_QUOTE_SYMBOLS = 10;

const SYMBOL = /^[A-Z0-9._-]{1,30}$/;

/**
 * Reads `?symbols=A,B` of `/markets/quotes.json`: 1 to 10 instrument symbols in upper case, sorted
 * and each once. Only that one spelling of a set is answered (any other is refused, naming the one
 * to use), so each set of symbols is one entry of the page cache, not one per ordering.
 */
export function parseQuoteSymbols(values: readonly string[]): string[] {
  const refuse = (message: string) => new AppError('INVALID_QUOTE_SYMBOLS', 'invalid', message, { symbols: message });
  if (values.length !== 1 || values[0] === '') throw refuse(`Name the instruments once, as in ?symbols=HALD,LUMA (1 to ${MAX_QUOTE_SYMBOLS} symbols).`);
  const symbols = values[0]!.split(',');
  if (symbols.length > MAX_QUOTE_SYMBOLS) throw refuse(`At most ${MAX_QUOTE_SYMBOLS} symbols at a time.`);
  const bad = symbols.find((symbol) => !SYMBOL.test(symbol));
  if (bad !== undefined) throw refuse(`${JSON.stringify(bad.slice(0, 40))} is not a symbol: symbols are 1 to 30 capital letters, digits, dots, hyphens or underscores.`);
  const canonical = [...new Set(symbols)].sort();
  if (canonical.join(',') !== values[0]) throw refuse(`List the symbols sorted and each once: ?symbols=${canonical.join(',')}.`);
  return canonical;
}
