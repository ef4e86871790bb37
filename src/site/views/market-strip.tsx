import type { StripLink } from '../../markets/strip/index.js';
import { quotePagePath } from './markets/quote-page-path.js';


// Prices are never written here: a cached page would show them stale. The island (client/strip/)
// fills the empty slots from /markets/strip.json and /markets/quotes.json, with the source and
// delay in the data-source line; without script these are plain links.
function PriceSlots() {
  return (
    <>
      {' '}
      <span class="price" data-price="" />
      {' '}
      <span class="move" data-move="" />
    </>
  );
}

/** The ticker strip under the section bar: each instrument's short name linking to its quote page, in strip order. */
export function MarketStrip({ strip }: { strip: readonly StripLink[] }) {
  if (strip.length === 0) return null;
  return (
    <nav class="market-strip" aria-label="Market data" data-strip="">
      <div class="wrap">
        <ul>
          {strip.map((link) => (
            <li key={link.symbol} data-symbol={link.symbol}>
              <a href={quotePagePath(link.symbol)}>{link.label}</a>
              <PriceSlots />
            </li>
          ))}
        </ul>
        <p class="market-source" data-source="" />
      </div>
    </nav>
  );
}

/** Quote chips for a story's ticker tags: symbol and name linking to the quote page; the island adds price and change. */
export function QuoteChips({ instruments }: { instruments: readonly { symbol: string; name: string }[] }) {
  if (instruments.length === 0) return null;
  const symbols = instruments.map((instrument) => instrument.symbol).sort();
  return (
    <section class="quote-chips" aria-label="Quotes" data-quotes={symbols.join(',')}>
      <ul>
        {instruments.map((instrument) => (
          <li key={instrument.symbol} data-symbol={instrument.symbol}>
            <a href={quotePagePath(instrument.symbol)}>
              <span class="chip-symbol">{instrument.symbol}</span> {instrument.name}
            </a>
            <PriceSlots />
          </li>
        ))}
      </ul>
      <p class="market-source" data-source="" />
    </section>
  );
}

/** A live update's quote: its symbol linking to the quote page; the island adds price, change and source (no landmark: a page has many). */
export function LiveQuote({ symbol }: { symbol: string }) {
  return (
    <p class="live-quote" data-quotes={symbol}>
      <span data-symbol={symbol}>
        <a class="chip-symbol" href={quotePagePath(symbol)}>
          {symbol}
        </a>
        <PriceSlots />
      </span>{' '}
      <span class="market-source" data-source="" />
    </p>
  );
}
