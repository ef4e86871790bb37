import { chartDataTable, RANGE_NAMES, renderPriceChart } from '../../../markets/chart/index.js';
import { exchangeName, type MarketState } from '../../../markets/exchanges/index.js';
import { delayLabel, formatPrice, formatVolume, sourceLabel } from '../../../markets/format/index.js';
import { CHART_RANGES } from '../../../markets/quotes/index.js';
import type { InstrumentKind } from '../../../markets/types.js';
import type { QuotePageData } from '../../quote-page-data.js';
import { StoryList } from '../story-parts.js';
import { PriceChange } from './price-change.js';

const KIND_NAMES: Record<InstrumentKind, string> = {
  index: 'Index',
  equity: 'Share',
  fx: 'Currency pair',
  commodity: 'Commodity',
  crypto: 'Cryptocurrency',
  rate: 'Yield',
};

const STATE_NAMES: Record<MarketState['state'], string> = { open: 'Open', closed: 'Closed', 'pre-market': 'Pre-market', 'after-hours': 'After hours' };

/** What the quote page view shows: the page's data, its own path (the range links and the feed link build on it) and the site's zone (the stories' times). */
export type QuotePageProps = QuotePageData & { path: string; timeZone: string };

/** An instrument's quote page: price, change, the day's figures, market state, one chart range with its data table, and the latest tagged stories. */
export function QuotePage({ snapshot, range, points, market, marketTimeZone, stories, topicPath, path, timeZone }: QuotePageProps) {
  const { last, previousClose, day, week52 } = snapshot;
  const price = (value: number) => formatPrice(value, snapshot);
  const chartPoints = points.map((point) => ({ t: point.at, price: point.price }));
  const chartOptions = { points: chartPoints, range, decimals: snapshot.decimals, currency: snapshot.currency, kind: snapshot.kind, market: { kind: snapshot.kind, mic: snapshot.mic } };
  const caption = `${snapshot.name}, ${RANGE_NAMES[range]}`;
  return (
    <article class="quote">
      <header class="quote-head">
        <h1 class="page-title">{snapshot.name}</h1>
        <p class="meta">
          <abbr title="Symbol">{snapshot.symbol}</abbr> · {exchangeName(snapshot.mic)} · {KIND_NAMES[snapshot.kind]}
        </p>
      </header>

      <section class="quote-price" aria-label="Price">
        {last ? (
          <>
            <p class="quote-last">
              <span class="num">{price(last.price)}</span>{' '}
              {previousClose !== null && <PriceChange previous={previousClose} price={last.price} instrument={snapshot} />}
            </p>
            <p class="meta quote-source">
              <strong>{sourceLabel(last.source)}</strong> · {delayLabel(last.delayMinutes)} · as of <MarketTime at={last.at} timeZone={marketTimeZone} />
            </p>
          </>
        ) : (
          <p class="quote-last">No price yet.</p>
        )}
        {market && <MarketStateLine market={market} timeZone={marketTimeZone} />}
      </section>

      <dl class="quote-facts">
        <Fact term="Previous close" value={previousClose === null ? null : price(previousClose)} />
        <Fact term="Open" value={day ? price(day.open) : null} />
        <Fact term="Day range" value={day ? `${price(day.low)} – ${price(day.high)}` : null} />
        <Fact term="52-week range" value={week52 ? `${price(week52.low)} – ${price(week52.high)}` : null} />
        <Fact term="Volume" value={day?.volume ? formatVolume(day.volume) : null} />
      </dl>

      <section class="quote-chart" aria-labelledby="quote-chart-heading">
        <h2 id="quote-chart-heading">Price chart</h2>
        <nav aria-label="Chart range">
          <ul class="chart-ranges">
            {CHART_RANGES.map((option) => (
              <li key={option}>
                <a href={option === '1D' ? path : `${path}?range=${option}`} aria-current={option === range ? 'page' : undefined}>
                  <abbr title={RANGE_NAMES[option]}>{option}</abbr>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {/* Drawn on the server (src/markets/chart): escaped there, no script. */}
        <figure dangerouslySetInnerHTML={{ __html: renderPriceChart({ ...chartOptions, title: snapshot.name, previousClose: range === '1D' ? previousClose : null, id: `quote-chart-${range}` }) }} />
        <details>
          <summary>Chart data as a table</summary>
          <div class="chart-table" dangerouslySetInnerHTML={{ __html: chartDataTable({ ...chartOptions, caption }) }} />
        </details>
      </section>

      <section class="related quote-news" aria-labelledby="quote-news-heading">
        <h2 id="quote-news-heading">Latest news on {snapshot.name}</h2>
        {stories.length === 0 ? <p>No stories about {snapshot.name} yet.</p> : <StoryList stories={stories} timeZone={timeZone} showSection />}
        <p class="meta">
          {topicPath && (
            <>
              <a href={topicPath}>All stories tagged {snapshot.symbol}</a> ·{' '}
            </>
          )}
          <a href={`${path}feed.xml`}>News feed for {snapshot.symbol} (RSS)</a>
        </p>
      </section>
    </article>
  );
}

function Fact({ term, value }: { term: string; value: string | null }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd class="num">{value ?? '—'}</dd>
    </div>
  );
}

/** "Open · closes Fri 16:00 EDT", "Closed · opens Mon 09:30 EDT"; a market that never closes says only "Open". */
function MarketStateLine({ market, timeZone }: { market: MarketState; timeZone: string }) {
  const next = market.state === 'open' ? market.nextClose && { words: 'closes', at: market.nextClose } : market.nextOpen && { words: 'opens', at: market.nextOpen };
  return (
    <p class="meta quote-market">
      Market: <strong>{STATE_NAMES[market.state]}</strong>
      {next && (
        <>
          {' '}· {next.words} <MarketTime at={next.at.toISOString()} timeZone={timeZone} />
        </>
      )}
    </p>
  );
}

const marketTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant on the market's clock with its zone ("Fri May 1 16:00 EDT"); a daily close's day as it is. */
function MarketTime({ at, timeZone }: { at: string; timeZone: string }) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return <time dateTime={at}>close of {at}</time>;
  let format = marketTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    marketTimeFormats.set(timeZone, format);
  }
  return <time dateTime={at}>{format.format(new Date(at)).replace(/,/g, '')}</time>;
}
