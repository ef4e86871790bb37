import { loadDemoContent } from '../../src/demo/load-demo.js';
import { DEMO_INSTRUMENTS } from '../../src/markets/demo/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { storeDemoPrices } from './demo-prices.js';
import { createTestClock } from './newsroom.js';
import { createTestApp, type TestApp } from './test-app.js';

/** A site with the demo stories and a week of demo prices, as a first start shows it, and one page of each kind to visit. */
export interface DemoSite {
  site: TestApp;
  /** A path of each kind of reader page, by a name for reports. */
  pages: Record<string, string>;
}

/** The first same-site link in the HTML whose path matches. */
function firstLink(html: string, path: RegExp): string {
  const href = [...html.matchAll(/href="(\/[^"]*)"/g)].map((match) => match[1]!).find((candidate) => path.test(candidate));
  if (!href) throw new Error(`No link matching ${path}`);
  return href;
}

/**
 * Builds the demo site on a fresh database, at a Friday's New York market open (a fixed clock), and
 * finds one page of each kind: the front page, a section, the Markets section (with its price
 * tables), a story, one of its topics, its author, search and an equity's quote page.
 */
export async function createDemoSite(env: Record<string, string> = {}): Promise<DemoSite> {
  const clock = createTestClock('2026-05-01T15:00:00.000Z');
  const site = await createTestApp({ SITE_TIMEZONE: 'America/New_York', ...env }, { clock });
  await loadDemoContent(site.writer, { now: clock.now(), timeZone: site.config.siteTimeZone, audit: recordAudit });
  await storeDemoPrices(site.writer, clock.now());
  const html = async (path: string) => (await site.app.inject({ url: path })).body;
  const article = firstLink(await html('/'), /^\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/);
  const articleHtml = await html(article);
  const equity = DEMO_INSTRUMENTS.find((instrument) => instrument.kind === 'equity')!;
  const pages = {
    front: '/',
    section: '/business/',
    'markets section': '/markets/',
    article,
    topic: firstLink(articleHtml, /^\/topic\/[^/]+\/$/),
    author: firstLink(articleHtml, /^\/author\/[^/]+\/$/),
    search: '/search/',
    'search results': '/search/?q=market',
    quote: `/markets/quote/${equity.symbol}/`,
  };
  return { site, pages };
}
