import { isMoversPageEmpty, KIND_HEADINGS, type MoversPageData } from '../../market-data.js';
import { QuoteTable } from './quote-table.js';

/** The movers page's address. */
export const MOVERS_PATH = '/markets/movers/';

/**
 * Market movers: the shares most up and most down since the previous close and the most traded
 * today, then each other kind of instrument by the size of its move. Says so when there is no
 * market data at all.
 */
export function MoversPage({ data, timeZone }: { data: MoversPageData; timeZone: string }) {
  if (isMoversPageEmpty(data)) {
    return (
      <>
        <h1 class="page-title">Market movers</h1>
        <p>No market data yet.</p>
      </>
    );
  }
  const { shares, kinds } = data;
  const hasShares = shares.gainers.length + shares.losers.length + shares.mostActive.length > 0;
  return (
    <>
      <h1 class="page-title">Market movers</h1>
      <p class="page-intro">The biggest moves since the previous close, and the most traded shares today.</p>
      {hasShares && (
        <section class="movers-block" aria-labelledby="movers-shares">
          <h2 id="movers-shares">Shares</h2>
          <div class="quote-tables">
            <QuoteTable id="gainers" caption="Gainers" rows={shares.gainers} timeZone={timeZone} empty="no share is up since the previous close." showVolume />
            <QuoteTable id="losers" caption="Losers" rows={shares.losers} timeZone={timeZone} empty="no share is down since the previous close." showVolume />
            <QuoteTable id="most-active" caption="Most active" rows={shares.mostActive} timeZone={timeZone} empty="no volume traded yet today." showVolume />
          </div>
        </section>
      )}
      {kinds.length > 0 && (
        <section class="movers-block" aria-labelledby="movers-others">
          <h2 id="movers-others">Biggest moves by market</h2>
          <div class="quote-tables">
            {kinds.map((block) => (
              <QuoteTable
                key={block.kind}
                id={`moves-${block.kind}`}
                caption={KIND_HEADINGS[block.kind]}
                rows={block.rows}
                timeZone={timeZone}
                empty="none moved."
                showVolume={block.kind === 'commodity' || block.kind === 'crypto'}
              />
            ))}
          </div>
        </section>
      )}
    </>
  );
}
