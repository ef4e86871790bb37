import type { ArticleSummary } from '../../../content/articles/index.js';
import { KIND_HEADINGS, type MarketsFrontData } from '../../market-data.js';
import { MostReadBlock } from '../most-read-block.js';
import { LeadStory, Pager, StoryList } from '../story-parts.js';
import { MOVERS_PATH } from './movers-page.js';
import { QuoteTable } from './quote-table.js';

/**
 * The Markets section's first page: its stories (the newest as the lead, then the list and the
 * pager, as on any section front) beside the market data: a block per kind of instrument and the
 * shares' top gainers and losers, with a link to all the movers.
 */
export function MarketsFront({
  heading,
  intro,
  basePath,
  stories,
  hasOlder,
  mostRead,
  data,
  timeZone,
}: {
  heading: string;
  intro?: string;
  basePath: string;
  stories: ArticleSummary[];
  hasOlder: boolean;
  mostRead: ArticleSummary[];
  data: MarketsFrontData;
  timeZone: string;
}) {
  const [lead, ...rest] = stories;
  return (
    <>
      <h1 class="page-title">{heading}</h1>
      {intro && <p class="page-intro">{intro}</p>}
      <div class="markets-front">
        <div class="markets-stories">
          {lead ? <LeadStory story={lead} timeZone={timeZone} showSection={false} /> : <p>No stories yet.</p>}
          {rest.length > 0 && <StoryList stories={rest} timeZone={timeZone} headingLevel={2} />}
          <Pager basePath={basePath} page={1} hasOlder={hasOlder} />
        </div>
        <aside class="markets-data" aria-labelledby="market-data-title">
          <h2 id="market-data-title">Market data</h2>
          {data.kinds.map((block) => (
            <QuoteTable key={block.kind} id={`front-${block.kind}`} caption={KIND_HEADINGS[block.kind]} rows={block.rows} timeZone={timeZone} empty="no prices yet." showSymbol={false} />
          ))}
          {data.gainers.length + data.losers.length > 0 && (
            <section class="front-movers" aria-labelledby="front-movers-title">
              <h3 id="front-movers-title">Top movers</h3>
              <QuoteTable id="front-gainers" caption="Gainers" rows={data.gainers} timeZone={timeZone} empty="no share is up." showSymbol={false} />
              <QuoteTable id="front-losers" caption="Losers" rows={data.losers} timeZone={timeZone} empty="no share is down." showSymbol={false} />
              <p class="more-link">
                <a href={MOVERS_PATH}>All market movers</a>
              </p>
            </section>
          )}
        </aside>
      </div>
      <MostReadBlock stories={mostRead} />
    </>
  );
}
