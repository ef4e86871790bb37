// The ticker strip's cost per page (issue 13): what the strip adds to a page's HTML and the market
// island every page loads, in brotli as browsers get them. Budget ≤ 3 KB. The page is rendered
// here with the demo set's strip (10 instruments) and its rules in the inlined stylesheet, and
// without both; the strip's share is the difference of the two compressed pages, so words the
// page repeats cost what they really cost.
// Usage: npx tsx bench/strip-cost.tsx (after npm run build:client); `npm run bench` runs it too.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { render } from 'preact-render-to-string';
import { DEMO_INSTRUMENTS } from '../src/markets/demo/demo-instruments.js';
import { stripLabel } from '../src/markets/strip/index.js';
import { loadMarketIsland } from '../src/site/market-island.js';
import type { SiteContext } from '../src/site/site-identity.js';
import { minifyCss } from '../src/site/stylesheet.js';
import { Layout } from '../src/site/views/layout.js';
import { checkBudget, formatTable } from './lib/report.js';

export const STRIP_COST_BUDGET_KB = 3;

/** Bytes the strip adds to a page (raw and brotli) and the island's (raw and brotli); undefined figures without a client build. */
export function measureStripCost() {
  const strip = DEMO_INSTRUMENTS.filter((instrument) => instrument.stripPosition !== null)
    .sort((a, b) => a.stripPosition! - b.stripPosition!)
    .map((instrument) => ({ symbol: instrument.symbol, label: stripLabel(instrument) }));
  const island = loadMarketIsland();
  // The stylesheet with and without the strip's rules (between its two marker comments in styles.css).
  const source = readFileSync(new URL('../src/site/styles.css', import.meta.url), 'utf8');
  const [start, end] = [source.indexOf('/* Market strip'), source.indexOf('/* End of market strip */')];
  if (start < 0 || end < start) throw new Error("styles.css has lost the market strip's marker comments");
  const paragraphs = Array.from({ length: 12 }, (_, n) => `Paragraph ${n + 1} of a story of ordinary length, with the figures, names and quotes a market report carries, set in the body's measure.`);
  const page = (site: SiteContext, css: string) =>
    Buffer.from(
      `<!doctype html>${render(
        <Layout site={site} css={css} meta={{ title: 'A market story', description: 'A story of ordinary length.', path: '/2026/05/01/a-market-story/' }}>
          <article class="article">
            <h1>A market story</h1>
            {paragraphs.map((text) => (
              <p key={text}>{text}</p>
            ))}
          </article>
        </Layout>,
      )}`,
    );
  const base: SiteContext = { url: 'https://news.example', timeZone: 'UTC', language: 'en', sections: ['Markets', 'Business', 'Industries', 'Internet'].map((name) => ({ slug: name.toLowerCase(), name })) };
  const without = page(base, minifyCss(source.slice(0, start) + source.slice(end)));
  const withStrip = page({ ...base, strip, marketScript: island?.url ?? '/assets/strip-00000000.js' }, minifyCss(source));
  const brotli = (bytes: Buffer) => brotliCompressSync(bytes).length;
  const htmlBytes = withStrip.length - without.length;
  const htmlBrotliBytes = brotli(withStrip) - brotli(without);
  const islandBytes = island ? island.body.length : NaN;
  const islandBrotliBytes = island ? brotli(island.body) : NaN;
  return { instruments: strip.length, htmlBytes, htmlBrotliBytes, islandBytes, islandBrotliBytes, totalBrotliKb: (htmlBrotliBytes + islandBrotliBytes) / 1024 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cost = measureStripCost();
  console.log(
    formatTable([
      ['strip cost per page', 'bytes', 'brotli bytes'],
      [`strip HTML and CSS in the page (${cost.instruments} instruments)`, cost.htmlBytes, cost.htmlBrotliBytes],
      ['market island script', cost.islandBytes, cost.islandBrotliBytes],
    ]),
  );
  console.log(`budget ≤ ${STRIP_COST_BUDGET_KB} KB brotli: ${checkBudget('strip cost per page', cost.totalBrotliKb, 'KB', STRIP_COST_BUDGET_KB, 'max').status} (${cost.totalBrotliKb.toFixed(2)} KB)`);
}
