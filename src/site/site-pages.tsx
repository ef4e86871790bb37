import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import type { Kysely } from 'kysely';
import { computeEveryTime, type RememberValue, type RenderedPage } from '../cache/index.js';
import {
  countPublishedArticles,
  findCurrentArticlePath,
  findOldAddressTarget,
  findPublishedArticle,
  formatIsoWithOffset,
  listPublishedArticles,
  listRelatedArticles,
  type ArticleSummary,
  type ListingFilter,
} from '../content/articles/index.js';
import { findActiveBanner, loadCuratedFrontPage } from '../content/curation/index.js';
import { findMedia, toArticleImage, type ArticleImage, type MediaItem } from '../content/media/index.js';
import { findPublicAuthorBySlug, findPublicTagBySlug, listSections, type Section } from '../content/taxonomy/index.js';
import { AppError } from '../errors.js';
import { toSameSitePath } from '../same-site-path.js';
import { instrumentFactsKey, MARKET_MOVERS_KEY } from '../markets/cache-keys.js';
import { findInstrumentsBySymbols } from '../markets/instruments/index.js';
import { MAX_QUOTE_SYMBOLS, type StripInstruments } from '../markets/strip/index.js';
import { listMostReadStories, MOST_READ_SHOWN, mostReadKey } from '../most-read/index.js';
import { MAX_QUERY_CHARACTERS, searchStories, type SearchParams } from '../search/index.js';
import type { Schema, SearchIndex } from '../storage/index.js';
import { articleStructuredData, feedAlternates, liveBlogPostingJsonLd, LOGO_PATH, LOGO_SIZE, organizationJsonLd, websiteJsonLd, type JsonLd, type Publication } from '../syndication/index.js';
import { findCoverage, liveCacheKey, listUpdates, type LiveCoverage } from '../content/live/index.js';
import { LiveCoverageSection, type ShownUpdate } from './views/live-coverage.js';
import { isMarketsFrontEmpty, MARKETS_SECTION_SLUG, readMarketsFrontData, readMoversPageData } from './market-data.js';
import { SITE_DESCRIPTION, SITE_NAME, type SiteContext } from './site-identity.js';
import type { Stylesheet } from './stylesheet.js';
import { ArticlePage } from './views/article-page.js';
import { ErrorPage } from './views/error-page.js';
import { FrontPage } from './views/front-page.js';
import { Layout, type PageMeta } from './views/layout.js';
import { ListingPage } from './views/listing-page.js';
import { MarketsFront } from './views/markets/markets-front.js';
import { MOVERS_PATH, MoversPage } from './views/markets/movers-page.js';
import { SearchPage } from './views/search-page.js';
import { QuotePage } from './views/markets/quote-page.js';
import { quotePageKeys, readQuotePage } from './quote-page-data.js';
import { quotePagePath } from './views/markets/quote-page-path.js';
import type { ChartRange } from '../markets/quotes/index.js';

/** Stories per page on section, topic and author pages. */
export const PAGE_SIZE = 20;
/** Listing pages whose existence is judged by a count that stops past them (1,001 stories), not by counting the whole listing. */
const SHALLOW_PAGES = 50;
/**
 * The deepest listing page served (10,000 stories back). A deeper page's OFFSET and the count that
 * finds its listing's end would read ever more of a busy section (a quarter of the archive) on the
 * event loop; older stories are reached by search, topics, authors and the sitemaps.
 */
export const MAX_LISTING_PAGE = 500;
const LATEST_COUNT = 12;
const SECTION_BLOCK_COUNT = 4;
const RELATED_COUNT = 4;

const CACHE_PAGE = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';
const CACHE_SHORT = 'public, max-age=60, s-maxage=60';
// Prices move: browsers keep a quote page 15 s, the edge 30 s (purged sooner, coalesced, on new quotes).
const CACHE_QUOTE = 'public, max-age=15, s-maxage=30, stale-while-revalidate=60';
// The page cache keeps a quote page no longer than the edge does: its market state ("Open", the
// next close) and 52-week range move with the clock, which no change announces.
const QUOTE_PAGE_LIFETIME_MS = 30_000;
/**
 * Pages showing many prices (movers, the Markets front): no quote purges them (a batch a second
 * would re-render them as often), so they live briefly and expire, here and at the edge.
 */
const PRICES_LIFETIME_SECONDS = 30;
const CACHE_PRICES = `public, max-age=${PRICES_LIFETIME_SECONDS}, s-maxage=${PRICES_LIFETIME_SECONDS}`;

/** What the reader pages need. */
export interface SitePagesOptions {
  db: Kysely<Schema>;
  /** The search page's index (the database's SearchIndex port). */
  searchIndex: Pick<SearchIndex, 'search'>;
  siteUrl: string;
  timeZone: string;
  language: string;
  stylesheet: Stylesheet;
  /** The app's clock: decides whether the breaking-news banner still shows. */
  now?: () => Date;
  /** Keeps a value derived from the database until its surrogate keys are purged (the page cache's remember); default: no memory. */
  remember?: RememberValue;
  /** The ticker strip's instruments, kept in memory (createStripInstruments); none: pages have no strip. */
  strip?: Pick<StripInstruments, 'list'>;
  /** URL of the market island (loadMarketIsland), which fills the strip's and quote chips' prices. */
  marketScript?: string;
  /** URL of the live coverage island (loadLiveIsland), which inserts a live story's new updates. */
  liveScript?: string;
}

/** What a listing page (section, topic, author) shows, found from its slug. */
interface ListingSource {
  heading: string;
  intro?: string;
  path: string;
  keys: string[];
  filter: ListingFilter;
  activeSection?: string;
  showSection: boolean;
  /** A section front shows its section's most read on its first page. */
  mostReadSection?: { id: number; slug: string };
  /** The Markets section's first page shows market data beside its stories. */
  showsMarketData?: boolean;
  /** An author page's photo, shown with the author's name as its alt text. */
  portrait?: MediaItem;
}

/** The publication the site speaks for, in feeds, sitemaps and structured data. */
export function sitePublication({ siteUrl, timeZone, language }: Pick<SitePagesOptions, 'siteUrl' | 'timeZone' | 'language'>): Publication {
  return { name: SITE_NAME, description: SITE_DESCRIPTION, url: siteUrl, language, timeZone, logoPath: LOGO_PATH, logoWidth: LOGO_SIZE, logoHeight: LOGO_SIZE };
}

/** Renders each kind of reader page from the database into a cacheable response. */
export function createSitePages({ db, searchIndex, siteUrl, timeZone, language, stylesheet, now = () => new Date(), remember = computeEveryTime, strip, marketScript, liveScript }: SitePagesOptions) {
  const publication = sitePublication({ siteUrl, timeZone, language });
  // The islands (market data, live coverage) are this site's only scripts: same origin, and they
  // fetch only from here. Fetches go to this origin alone (crawlers' tools, e.g. Lighthouse, read
  // robots.txt from the page), as does the web app manifest; fonts come only from data: URLs (the
  // brand mark's, inlined in the stylesheet).
  const scriptPolicy = marketScript || liveScript ? " script-src 'self';" : '';
  const securityHeaders = {
    'content-security-policy': `default-src 'none';${scriptPolicy} connect-src 'self'; style-src ${stylesheet.cspHash}; font-src data:; img-src 'self' https: data:; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };

  // A page reads the sections once: the section bar, a section page's own section and the front
  // page's blocks all come from that read. The strip's instruments come from memory, not a query.
  async function siteContext(sections: Promise<Section[]> = listSections(db)): Promise<SiteContext> {
    const [all, banner, stripLinks] = await Promise.all([sections, findActiveBanner(db, now()), strip?.list() ?? []]);
    return { url: siteUrl, timeZone, language, sections: all.map(({ slug, name }) => ({ slug, name })), banner, strip: stripLinks, marketScript };
  }

  // A page showing the banner must not outlive it: the cache drops it at the expiry (no content
  // change announces that moment), and browsers and CDNs are told to keep it no longer.
  function bannerLifetime(site: SiteContext, cacheControl: string): { cacheControl: string; expiresAt?: number } {
    if (!site.banner) return { cacheControl };
    const expiresAt = Date.parse(site.banner.expiresAt);
    const seconds = Math.max(0, Math.floor((expiresAt - now().getTime()) / 1000));
    return {
      cacheControl: cacheControl
        .replace(/(s-maxage|max-age)=(\d+)/g, (_, name: string, value: string) => `${name}=${Math.min(Number(value), seconds)}`)
        .replace(/, stale-while-revalidate=\d+/, ''),
      expiresAt,
    };
  }

  // A page with prices expires on its own (PRICES_LIFETIME_SECONDS), or with the banner if that goes first.
  function pricesLifetime(): { cacheControl: string; expiresAt: number } {
    return { cacheControl: CACHE_PRICES, expiresAt: now().getTime() + PRICES_LIFETIME_SECONDS * 1000 };
  }

  function html(site: SiteContext, meta: PageMeta, body: VNode, page: { status?: number; keys: string[]; cacheControl?: string; expiresAt?: number }): RenderedPage {
    const document = render(
      <Layout site={site} css={stylesheet.css} meta={meta}>
        {body}
      </Layout>,
    );
    const lifetime = bannerLifetime(site, page.cacheControl ?? CACHE_PAGE);
    const expiresAt = Math.min(lifetime.expiresAt ?? Infinity, page.expiresAt ?? Infinity);
    return {
      status: page.status ?? 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html>${document}`,
      keys: [...page.keys, 'sections'],
      cacheControl: lifetime.cacheControl,
      ...(expiresAt !== Infinity && { expiresAt }),
      headers: securityHeaders,
    };
  }

  async function listingStories(filter: ListingFilter, page: number) {
    const rows = await listPublishedArticles(db, filter, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    return { stories: rows.slice(0, PAGE_SIZE), hasOlder: rows.length > PAGE_SIZE && page < MAX_LISTING_PAGE };
  }

  // Past the last page the answer is the shared 404 without a query: the page count is
  // remembered under the listing's own keys (which its name gives without a lookup), so
  // ?page=123 costs one count until the listing changes, not an OFFSET scan per request, and a
  // page past MAX_LISTING_PAGE costs nothing. Counts stop past the pages they judge: the shallow
  // pages readers browse share one that stops at 1,001 stories, deeper pages one that stops at the
  // deepest page, so no count grows with the archive (a busy section holds a quarter of it).
  // The listing's source is found once, whether the page count needs it or not.
  async function listing(
    name: string,
    keys: string[],
    page: number,
    find: () => Promise<ListingSource | undefined>,
    sections = once(() => listSections(db)),
  ): Promise<RenderedPage | undefined> {
    const found = once(find);
    if (page > MAX_LISTING_PAGE) return undefined;
    if (page > 1) {
      const isShallow = page <= SHALLOW_PAGES;
      const lastPage = await remember(`${isShallow ? 'shallow-last-page' : 'last-page'}:${name}`, async () => {
        const source = await found();
        const upTo = (isShallow ? SHALLOW_PAGES : MAX_LISTING_PAGE) * PAGE_SIZE + 1;
        const stories = source ? await countPublishedArticles(db, source.filter, { upTo }) : 0;
        return { value: String(Math.max(1, Math.ceil(stories / PAGE_SIZE))), keys: [...keys, 'sections'] };
      });
      if (page > Number(lastPage)) return undefined;
    }
    const source = await found();
    return source && listingPage({ ...source, page }, sections());
  }

  async function listingPage(options: ListingSource & { page: number }, sections: Promise<Section[]>): Promise<RenderedPage | undefined> {
    const mostReadSection = options.page === 1 ? options.mostReadSection : undefined;
    const showsMarketData = options.page === 1 && options.showsMarketData === true;
    const [site, { stories, hasOlder }, mostRead, marketData] = await Promise.all([
      siteContext(sections),
      listingStories(options.filter, options.page),
      mostReadSection ? listMostReadStories(db, { sectionId: mostReadSection.id, limit: MOST_READ_SHOWN }) : [],
      showsMarketData ? readMarketsFrontData(db, now()) : undefined,
    ]);
    if (stories.length === 0 && options.page > 1) return undefined;
    const meta: PageMeta = {
      title: options.page > 1 ? `${options.heading} (page ${options.page})` : options.heading,
      description: options.intro ?? `The latest ${options.heading} news from ${SITE_NAME}.`,
      path: options.page > 1 ? `${options.path}?page=${options.page}` : options.path,
      activeSection: options.activeSection,
      feeds: feedAlternates(options.path, `${options.heading} · ${SITE_NAME}`),
    };
    const keys = mostReadSection ? [...options.keys, mostReadKey(mostReadSection.slug)] : options.keys;
    const body =
      marketData && !isMarketsFrontEmpty(marketData) ? (
        <MarketsFront heading={options.heading} intro={options.intro} basePath={options.path} stories={stories} hasOlder={hasOlder} mostRead={mostRead} data={marketData} timeZone={timeZone} />
      ) : (
        <ListingPage
          heading={options.heading}
          intro={options.intro}
          stories={stories}
          page={options.page}
          hasOlder={hasOlder}
          basePath={options.path}
          timeZone={timeZone}
          showSection={options.showSection}
          mostRead={mostRead}
          portrait={options.portrait && { item: options.portrait, name: options.heading }}
        />
      );
    // The Markets front stays short-lived even while it has no data: instruments and quotes arriving
    // purge no section page, so only its expiry lets them show.
    return html(site, meta, body, showsMarketData ? { keys: [...keys, MARKET_MOVERS_KEY], ...pricesLifetime() } : { keys });
  }

  async function notFound(message = 'There is no page at this address. It may have moved, or the link may be mistyped.'): Promise<RenderedPage> {
    const site = await siteContext();
    return html(site, { title: 'Page not found', description: message, path: '/', noindex: true }, <ErrorPage status={404} message={message} />, {
      status: 404,
      keys: ['missing'],
      cacheControl: CACHE_SHORT,
    });
  }

  // A former address's redirect is decided afresh on every request, never kept (not by the page
  // cache, the edge or a browser: no-cache): the newsroom may give a story a former slug back, and
  // a kept "old → new" would then meet a fresh "new → old" and send readers in a circle, on an
  // instance that has yet to read the change for as long as it takes. It costs what a 404 costs.
  function redirect(path: string): RenderedPage {
    const location = toSameSitePath(path) ?? '/';
    return { status: 301, contentType: 'text/plain; charset=utf-8', body: `Moved to ${location}`, keys: ['missing'], cacheControl: 'no-cache', headers: { location } };
  }

  // Page renderers answer undefined when there is nothing at the address: the routes then send
  // the shared, cached 404 page.
  return {
    notFound,
    redirect,

    /** A redirect for an old site's address kept by an import (asked only when nothing else is there), or undefined. */
    async moved(path: string): Promise<RenderedPage | undefined> {
      const target = await findOldAddressTarget(db, path);
      return target ? redirect(target) : undefined;
    },

    /** The 400 page: not cached, since it echoes nothing worth keeping. */
    async badRequest(message: string): Promise<RenderedPage> {
      const site = await siteContext();
      return html(site, { title: 'Bad request', description: message, path: '/', noindex: true }, <ErrorPage status={400} message={message} />, {
        status: 400,
        keys: [],
        cacheControl: 'no-store',
      });
    },

    async front(): Promise<RenderedPage> {
      const sections = listSections(db);
      // The most read come from the stored ranking (recomputed once a minute), not from counting views here.
      const [site, curated, mostRead] = await Promise.all([siteContext(sections), loadCuratedFrontPage(db), listMostReadStories(db, { limit: MOST_READ_SHOWN })]);
      // The curated lead and top stories come first; without them (or once they are unpublished)
      // the newest stories fill their places.
      const curatedIds = [...(curated.lead ? [curated.lead.id] : []), ...curated.top.map((story) => story.id)];
      const newest = await listPublishedArticles(db, { excludeIds: curatedIds }, { limit: LATEST_COUNT + 1, offset: 0 });
      const lead = curated.lead ?? newest.shift();
      const top = curated.top;
      const latest = newest.slice(0, LATEST_COUNT);
      const shown = [lead, ...top, ...latest].filter((story): story is ArticleSummary => story !== undefined).map((story) => story.id);
      const blocks = await Promise.all(
        (await sections).map(async (section) => ({
          slug: section.slug,
          name: section.name,
          stories: await listPublishedArticles(db, { sectionId: section.id, excludeIds: shown }, { limit: SECTION_BLOCK_COUNT, offset: 0 }),
        })),
      );
      return html(
        site,
        { title: SITE_NAME, description: SITE_DESCRIPTION, path: '/', brandIsHeading: true, structuredData: [websiteJsonLd(publication), organizationJsonLd(publication)] },
        <FrontPage lead={lead} top={top} latest={latest} blocks={blocks} mostRead={mostRead} timeZone={timeZone} />,
        { keys: ['home', mostReadKey()] },
      );
    },

    /**
     * The search page (/search/?q=…). Rendered for every request and never stored: one cache entry
     * per query would let anyone fill the page cache, and results change with every story
     * published. Its results are not for search engines (noindex: a page per query, never the same
     * twice); the bare search page, which asks for nothing, is a page of the site like any other.
     */
    async search(params: SearchParams): Promise<RenderedPage> {
      const [site, outcome] = await Promise.all([siteContext(), searchStories({ db, searchIndex, timeZone, now }, params)]);
      // The page shows (in its box, message and links) only the part of the text that was searched.
      const shown = { ...params, q: Array.from(params.q.slice(0, MAX_QUERY_CHARACTERS * 2)).slice(0, MAX_QUERY_CHARACTERS).join('') };
      const q = shown.q.trim();
      const { section, topic, author, from, to } = params;
      const asksNothing = !q && params.page === 1 && params.sort === 'relevance' && !section && !topic && !author && !from && !to;
      return html(
        site,
        { title: q ? `Search: ${q.slice(0, 80)}` : 'Search', description: `Search the ${SITE_NAME} archive.`, path: '/search/', noindex: !asksNothing },
        <SearchPage params={shown} outcome={outcome} sections={site.sections} timeZone={timeZone} />,
        { keys: [], cacheControl: 'no-store' },
      );
    },

    async section(slug: string, page: number): Promise<RenderedPage | undefined> {
      const sections = once(() => listSections(db));
      const find = async () => {
        const section = (await sections()).find((candidate) => candidate.slug === slug);
        if (!section) return undefined;
        return {
          heading: section.name,
          intro: section.description,
          path: `/${section.slug}/`,
          keys: [`section:${section.slug}`],
          filter: { sectionId: section.id },
          activeSection: section.slug,
          showSection: false,
          mostReadSection: { id: section.id, slug: section.slug },
          showsMarketData: section.slug === MARKETS_SECTION_SLUG,
        };
      };
      return listing(`/${slug}/`, [`section:${slug}`], page, find, sections);
    },

    /** Market movers (/markets/movers/): short-lived, never purged by quotes (see CACHE_PRICES). */
    async movers(): Promise<RenderedPage> {
      const [site, data] = await Promise.all([siteContext(), readMoversPageData(db, now())]);
      return html(
        site,
        { title: 'Market movers', description: `The biggest market moves since the previous close, from ${SITE_NAME}.`, path: MOVERS_PATH, activeSection: MARKETS_SECTION_SLUG },
        <MoversPage data={data} timeZone={timeZone} />,
        { keys: [MARKET_MOVERS_KEY], ...pricesLifetime() },
      );
    },

    async topic(slug: string, page: number): Promise<RenderedPage | undefined> {
      return listing(`/topic/${slug}/`, [`topic:${slug}`], page, async () => {
        const tag = await findPublicTagBySlug(db, slug);
        if (!tag) return undefined;
        return { heading: tag.name, path: `/topic/${tag.slug}/`, keys: [`topic:${tag.slug}`], filter: { tagId: tag.id }, showSection: true };
      });
    },

    async author(slug: string, page: number): Promise<RenderedPage | undefined> {
      return listing(`/author/${slug}/`, [`author:${slug}`], page, async () => {
        const author = await findPublicAuthorBySlug(db, slug);
        if (!author) return undefined;
        return {
          heading: author.name,
          intro: author.bio || `Stories by ${author.name}.`,
          portrait: author.photoMediaId === null ? undefined : await findMedia(db, author.photoMediaId),
          path: `/author/${author.slug}/`,
          keys: [`author:${author.slug}`],
          filter: { authorId: author.id },
          showSection: true,
        };
      });
    },

    /** An instrument's quote page with one chart range; undefined when no instrument has this symbol as stored (upper case). */
    async quote(symbol: string, range: ChartRange): Promise<RenderedPage | undefined> {
      const [data, site] = await Promise.all([readQuotePage(db, symbol, range, now()), siteContext()]);
      if (!data) return undefined;
      const { snapshot } = data;
      const path = quotePagePath(snapshot.symbol);
      const meta: PageMeta = {
        title: `${snapshot.name} (${snapshot.symbol})`,
        description: `${snapshot.name} (${snapshot.symbol}): price, change, chart and the latest news from ${SITE_NAME}.`,
        path: range === '1D' ? path : `${path}?range=${range}`,
        activeSection: 'markets',
        feeds: feedAlternates(path, `${snapshot.name} news · ${SITE_NAME}`),
      };
      const page = html(site, meta, <QuotePage {...data} path={path} timeZone={timeZone} />, { keys: quotePageKeys(snapshot.symbol), cacheControl: CACHE_QUOTE });
      return { ...page, expiresAt: Math.min(page.expiresAt ?? Infinity, now().getTime() + QUOTE_PAGE_LIFETIME_MS) };
    },

    async article(urlDate: string, slug: string): Promise<RenderedPage | undefined> {
      // Two rounds of reads side by side, not one read after another: on PostgreSQL each is a round trip.
      const [article, site] = await Promise.all([findPublishedArticle(db, urlDate, slug), siteContext()]);
      if (!article) {
        const moved = await findCurrentArticlePath(db, urlDate, slug);
        return moved ? redirect(moved) : undefined;
      }
      const tickers = article.tags.filter((tag) => tag.kind === 'ticker').map((tag) => tag.name.toUpperCase());
      const [related, hero, instruments, live] = await Promise.all([
        listRelatedArticles(db, { id: article.id, tagIds: article.tagIds ?? [] }, RELATED_COUNT),
        article.heroMediaId ? findMedia(db, article.heroMediaId) : undefined,
        findInstrumentsBySymbols(db, tickers),
        readLiveCoverage(db, article.id),
      ]);
      const path = `/${urlDate.replaceAll('-', '/')}/${article.slug}/`;
      const url = siteUrl + path;
      const heroImage = hero && toArticleImage(hero);
      // A chip per ticker tag naming a known instrument (as many as one quotes.json answers); the island adds prices.
      const quoteChips = instruments.slice(0, MAX_QUOTE_SYMBOLS);
      // Previews and structured data want absolute image URLs.
      const image: ArticleImage | null = heroImage ? { ...heroImage, url: siteUrl + heroImage.url } : null;
      const meta: PageMeta = {
        title: article.title,
        description: article.teaser,
        path,
        canonicalUrl: article.canonicalUrl ?? undefined,
        activeSection: article.sectionSlug,
        preview: {
          type: 'article',
          image,
          publishedTime: formatIsoWithOffset(article.publishedAt, timeZone),
          modifiedTime: formatIsoWithOffset(article.updatedAt ?? article.publishedAt, timeZone),
          section: article.sectionName,
          tags: article.tags.map((tag) => tag.name),
        },
        structuredData: liveStructuredData(articleStructuredData(article, { url, image, instruments }, publication), live, url, timeZone),
        // Live coverage may quote instruments in its updates, now or in those still to come.
        hasQuoteChips: quoteChips.length > 0 || live?.coverage.state === 'live' || live?.updates.some((shown) => shown.update.quoteSymbol !== null) === true,
        ...(live?.coverage.state === 'live' && liveScript && { liveScript }),
      };
      return html(
        site,
        meta,
        <ArticlePage
          article={article}
          related={related}
          hero={hero}
          quoteChips={quoteChips}
          timeZone={timeZone}
          live={live && <LiveCoverageSection coverage={live.coverage} updates={live.updates} timeZone={timeZone} />}
        />,
        // Related stories and topic names shown here change with those stories and topics; a story
        // newly published or tagged with one of this story's topics may join the related list.
        // The story's own key comes first: the view counter (src/most-read/) reads it.
        // Its ticker tags' instruments are in its structured data: a change to one (not a quote) purges it.
        // Its live coverage's changes name its live key (purged at most once a second).
        {
          keys: [`article:${article.id}`, liveCacheKey(article.id), ...related.map((story) => `article:${story.id}`), ...article.tags.map((tag) => `topic:${tag.slug}`), ...tickers.map(instrumentFactsKey)],
        },
      );
    },
  };
}

/** A story's live coverage with the updates it shows and their images; undefined if it has never been live. */
async function readLiveCoverage(db: Kysely<Schema>, articleId: number): Promise<{ coverage: LiveCoverage; updates: ShownUpdate[] } | undefined> {
  const coverage = await findCoverage(db, articleId);
  if (!coverage) return undefined;
  const updates = await listUpdates(db, articleId);
  const images = await Promise.all(updates.map((update) => (update.mediaId === null ? undefined : findMedia(db, update.mediaId))));
  // Key points first is the view's job; the list stays newest first.
  return { coverage, updates: updates.map((update, index) => ({ update, image: images[index] })) };
}

/** A live story's structured data: its NewsArticle node becomes a LiveBlogPosting with its updates. */
function liveStructuredData(nodes: JsonLd[], live: { coverage: LiveCoverage; updates: ShownUpdate[] } | undefined, url: string, timeZone: string): JsonLd[] {
  if (!live) return nodes;
  const [article, ...rest] = nodes;
  const updates = live.updates.map((shown) => shown.update);
  return [liveBlogPostingJsonLd(article!, { url, coverage: live.coverage, updates, timeZone }), ...rest];
}

/** Runs work on its first call only; later calls share its promise (a read one page needs in several places). */
function once<T>(work: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= work());
}

/** The reader pages, as created by createSitePages. */
export type SitePages = ReturnType<typeof createSitePages>;

/** Parses ?page=N: absent is 1; anything but a whole number from 1 is refused. */
export function parsePageNumber(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) {
    throw new AppError('INVALID_PAGE_NUMBER', 'invalid', 'The page number must be a whole number from 1 up, as in ?page=2.', { page: String(value) });
  }
  return Number(value);
}

/** Checks /yyyy/mm/dd/ path parts: returns YYYY-MM-DD, undefined if they aren't numbers, or throws if the date doesn't exist. */
export function parseUrlDate(yyyy: string, mm: string, dd: string): string | undefined {
  if (!/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm) || !/^\d{2}$/.test(dd)) return undefined;
  const date = new Date(Date.UTC(+yyyy, +mm - 1, +dd));
  if (date.getUTCFullYear() !== +yyyy || date.getUTCMonth() !== +mm - 1 || date.getUTCDate() !== +dd) {
    throw new AppError('INVALID_DATE', 'invalid', `${yyyy}-${mm}-${dd} is not a calendar date.`, { date: `${yyyy}-${mm}-${dd}` });
  }
  return `${yyyy}-${mm}-${dd}`;
}
