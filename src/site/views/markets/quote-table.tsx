import { delayLabel, formatPrice, formatVolume, sourceLabel } from '../../../markets/format/index.js';
import type { QuoteSnapshot } from '../../../markets/quotes/index.js';
import { TimeStamp } from '../story-parts.js';
import { PriceChange } from './price-change.js';
import { quotePagePath } from './quote-page-path.js';

/** A priced snapshot: one whose last price is known. */
type PricedSnapshot = QuoteSnapshot & { last: NonNullable<QuoteSnapshot['last']> };

/** Who supplied a price and how late it is, as readers are told: "Demo data · Delayed 15 min". */
function priceLabels({ last }: PricedSnapshot): string {
  return `${sourceLabel(last.source)} · ${delayLabel(last.delayMinutes)}`;
}

/** The labels every row shares, or undefined when they differ (then each row carries its own). */
function sharedPriceLabels(rows: readonly PricedSnapshot[]): string | undefined {
  const labels = new Set(rows.map(priceLabels));
  return labels.size === 1 ? [...labels][0] : undefined;
}

/** The latest time among the rows' prices: an ISO instant (a tick) or a day (a daily close). */
function latestPriceTime(rows: readonly PricedSnapshot[]): string | undefined {
  return rows.reduce<string | undefined>((latest, { last }) => (latest === undefined || last.at > latest ? last.at : latest), undefined);
}

/** When a price is of: a tick's time in the site's zone, or the day of a daily close. */
function AsOf({ at, timeZone }: { at: string; timeZone: string }) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    return (
      <>
        the close of <time dateTime={at}>{at}</time>
      </>
    );
  }
  return <TimeStamp iso={at} timeZone={timeZone} />;
}

/**
 * A table of instruments' prices: the name linked to its quote page, the symbol, the last price,
 * the change from the previous close and (for what trades in shares or lots) the day's volume. The
 * source and delay are said once under the table when every row shares them, else on each row;
 * the time the prices are of comes with them. Scrolls sideways inside its own box on a narrow
 * screen, never the page; the box takes keyboard focus so it can be scrolled without a mouse.
 */
export function QuoteTable({
  id,
  caption,
  rows,
  timeZone,
  empty,
  showSymbol = true,
  showVolume = false,
}: {
  /** Unique on the page: names the table's caption. */
  id: string;
  caption: string;
  rows: readonly QuoteSnapshot[];
  timeZone: string;
  /** What to say when there are no rows. */
  empty: string;
  showSymbol?: boolean;
  showVolume?: boolean;
}) {
  const priced = rows.filter((row): row is PricedSnapshot => row.last !== null);
  if (priced.length === 0) {
    return (
      <div class="quote-table">
        <p class="quote-table-empty">
          <strong>{caption}:</strong> {empty}
        </p>
      </div>
    );
  }
  const shared = sharedPriceLabels(priced);
  const asOf = latestPriceTime(priced)!;
  const captionId = `${id}-caption`;
  return (
    <div class="quote-table">
      <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table class="quotes" id={id}>
          <caption id={captionId}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              {showSymbol && <th scope="col">Symbol</th>}
              <th scope="col" class="num">Last</th>
              <th scope="col" class="num">Change</th>
              {showVolume && <th scope="col" class="num">Volume</th>}
            </tr>
          </thead>
          <tbody>
            {priced.map((row) => (
              <tr key={row.symbol}>
                <th scope="row">
                  <a href={quotePagePath(row.symbol)}>{row.name}</a>
                  {shared === undefined && (
                    <>
                      {' '}
                      <span class="quote-row-labels">{priceLabels(row)}</span>
                    </>
                  )}
                </th>
                {showSymbol && <td>{row.symbol}</td>}
                <td class="num">{formatPrice(row.last.price, row)}</td>
                <td class="num">
                  <PriceChange previous={row.previousClose} price={row.last.price} instrument={row} />
                </td>
                {showVolume && <td class="num">{row.day?.volume == null ? '—' : formatVolume(row.day.volume)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="meta quote-note">
        {shared !== undefined && `${shared} · `}
        As of <AsOf at={asOf} timeZone={timeZone} />
      </p>
    </div>
  );
}
