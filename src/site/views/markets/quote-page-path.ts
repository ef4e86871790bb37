/** Where an instrument's quote page is: `/markets/quote/{SYMBOL}/`, the symbol as stored (upper case). */
export function quotePagePath(symbol: string): string {
  return `/markets/quote/${encodeURIComponent(symbol)}/`;
}
