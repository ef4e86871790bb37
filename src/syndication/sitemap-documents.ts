import type { Kysely } from 'kysely';
import { computeEveryTime, type RememberValue, type RenderedPage } from '../cache/index.js';
import {
  articlePath,
  formatIsoWithOffset,
  listListingPages,
  listRecentlyPublished,
  listSitemapArticles,
  listSitemapMonths,
} from '../content/articles/index.js';
import type { Schema } from '../storage/index.js';
import { laterOf } from './feed-times.js';
import { absoluteUrl, type Publication } from './publication.js';
import { NEWS_NAMESPACE, newsLanguage, URLS_PER_SITEMAP, writeSitemapIndex, writeUrlset, type SitemapEntry } from './sitemap-xml.js';
import { xmlElement, xmlText } from './xml.js';

/** Google News sitemaps: at most 1,000 URLs, of stories published in the last two days. */
export const NEWS_SITEMAP_LIMIT = 1_000;
export const NEWS_SITEMAP_WINDOW_MS = 48 * 3_600_000;

// The news sitemap drops stories as they pass 48 hours, which no content change announces: it is
// cached until the end of its ten-minute slot and rendered afresh in the next (no route purges it).
const NEWS_SLOT_MS = 10 * 60_000;

const SITEMAP_CACHE_CONTROL = 'public, max-age=300, s-maxage=300, stale-while-revalidate=600';

/** Path of part `part` (from 1) of a sitemap file: /sitemaps/pages.xml, /sitemaps/pages-2.xml. */
export function sitemapPartPath(name: string, part: number): string {
  return `/sitemaps/${name}${part > 1 ? `-${part}` : ''}.xml`;
}

/** Reads a sitemap file name: articles-YYYY-MM[-N].xml or pages[-N].xml; undefined for anything else. */
export function parseSitemapFile(file: string): { kind: 'articles'; month: string; part: number } | { kind: 'pages'; part: number } | undefined {
  const articles = /^articles-(\d{4}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d{1,5}))?\.xml$/.exec(file);
  if (articles) return { kind: 'articles', month: articles[1]!, part: Number(articles[2] ?? 1) };
  const pages = /^pages(?:-([2-9]|[1-9]\d{1,5}))?\.xml$/.exec(file);
  if (pages) return { kind: 'pages', part: Number(pages[1] ?? 1) };
  return undefined;
}

/** What the sitemap renderer needs. */
export interface SitemapRendererOptions {
  db: Kysely<Schema>;
  publication: Publication;
  now: () => Date;
  /** Keeps a value until its surrogate keys are purged (the page cache's remember); default: no memory. */
  remember?: RememberValue;
}

/** Renders the sitemap index, the monthly article sitemaps, the listing-page sitemap and the news sitemap. */
export function createSitemapRenderer({ db, publication, now, remember = computeEveryTime }: SitemapRendererOptions) {
  const { timeZone } = publication;
  const xml = (body: string, keys: string[] = ['sitemaps']): RenderedPage => ({
    status: 200,
    contentType: 'application/xml; charset=utf-8',
    body,
    keys,
    cacheControl: SITEMAP_CACHE_CONTROL,
    headers: { 'x-content-type-options': 'nosniff' },
  });

  async function listingEntries(): Promise<SitemapEntry[]> {
    const pages = await listListingPages(db);
    const newest = pages.reduce((latest, page) => laterOf(latest, page.lastModified ?? ''), '');
    return [
      // Always there, so the sitemap is never empty (the schema wants at least one URL).
      { url: absoluteUrl(publication, '/'), lastModified: newest || undefined },
      ...pages.map((page) => ({
        url: absoluteUrl(publication, page.kind === 'section' ? `/${page.slug}/` : `/${page.kind}/${page.slug}/`),
        lastModified: page.lastModified,
      })),
    ];
  }

  // A part number past the last answers the shared 404 without a query: the number of parts is
  // remembered until the sitemaps change, so made-up part numbers cost no scan each.
  async function isPastLastPart(name: string, part: number, count: () => Promise<number>): Promise<boolean> {
    if (part === 1) return false;
    const parts = await remember(`sitemap-parts:${name}`, async () => ({ value: String(Math.ceil((await count()) / URLS_PER_SITEMAP)), keys: ['sitemaps'] }));
    return part > Number(parts);
  }

  return {
    /** /sitemap.xml: every other sitemap, with when its newest entry changed. */
    async index(): Promise<RenderedPage> {
      const [months, listings] = await Promise.all([listSitemapMonths(db), listingEntries()]);
      const entries: SitemapEntry[] = [];
      const listingsChanged = listings[0]?.lastModified;
      for (let part = 1; part <= Math.ceil(listings.length / URLS_PER_SITEMAP); part += 1) {
        entries.push({ url: absoluteUrl(publication, sitemapPartPath('pages', part)), lastModified: listingsChanged });
      }
      for (const month of months) {
        for (let part = 1; part <= Math.ceil(month.count / URLS_PER_SITEMAP); part += 1) {
          entries.push({ url: absoluteUrl(publication, sitemapPartPath(`articles-${month.month}`, part)), lastModified: month.lastModified });
        }
      }
      return xml(writeSitemapIndex(entries, timeZone));
    },

    /** One month's stories (by the date in their URLs); undefined when that part holds none. */
    async articles(month: string, part: number): Promise<RenderedPage | undefined> {
      if (await isPastLastPart(`articles-${month}`, part, async () => (await listSitemapMonths(db)).find((entry) => entry.month === month)?.count ?? 0)) return undefined;
      const stories = await listSitemapArticles(db, month, { limit: URLS_PER_SITEMAP, offset: (part - 1) * URLS_PER_SITEMAP });
      if (stories.length === 0) return undefined;
      return xml(writeUrlset(stories.map((story) => ({ url: absoluteUrl(publication, articlePath(story)), lastModified: story.lastModified })), timeZone));
    },

    /** The front page, sections, topics and authors; undefined past the last part. */
    async pages(part: number): Promise<RenderedPage | undefined> {
      if (await isPastLastPart('pages', part, async () => (await listingEntries()).length)) return undefined;
      const entries = (await listingEntries()).slice((part - 1) * URLS_PER_SITEMAP, part * URLS_PER_SITEMAP);
      return entries.length === 0 && part > 1 ? undefined : xml(writeUrlset(entries, timeZone));
    },

    /** /news-sitemap.xml: stories first published in the last 48 hours, newest first. */
    async news(): Promise<RenderedPage> {
      const since = new Date(now().getTime() - NEWS_SITEMAP_WINDOW_MS).toISOString();
      const stories = await listRecentlyPublished(db, since, NEWS_SITEMAP_LIMIT);
      const entries: SitemapEntry[] = stories.map((story) => ({ url: absoluteUrl(publication, articlePath(story)), lastModified: story.publishedAt }));
      // A urlset needs at least one URL: on a quiet two days the front page stands in, without news tags.
      if (entries.length === 0) entries.push({ url: absoluteUrl(publication, '/'), });
      const body = writeUrlset(
        entries,
        timeZone,
        (_entry, index) => {
          const story = stories[index];
          if (!story) return [];
          return [
            xmlElement('news:news', {}, [
              xmlElement('news:publication', {}, [xmlText('news:name', publication.name), xmlText('news:language', newsLanguage(story.language))]),
              xmlText('news:publication_date', formatIsoWithOffset(story.publishedAt, timeZone)),
              xmlText('news:title', story.title),
            ]),
          ];
        },
        { 'xmlns:news': NEWS_NAMESPACE },
      );
      const slotEnd = (Math.floor(now().getTime() / NEWS_SLOT_MS) + 1) * NEWS_SLOT_MS;
      return { ...xml(body, ['sitemaps', 'news-sitemap']), expiresAt: slotEnd };
    },

    /** /robots.txt: the sitemaps, and the newsroom and API kept out of search indexes. */
    robots(): RenderedPage {
      const body = [
        'User-agent: *',
        'Disallow: /newsroom/',
        'Disallow: /api/',
        '',
        `Sitemap: ${absoluteUrl(publication, '/sitemap.xml')}`,
        `Sitemap: ${absoluteUrl(publication, '/news-sitemap.xml')}`,
        '',
      ].join('\n');
      return { status: 200, contentType: 'text/plain; charset=utf-8', body, keys: ['robots'], cacheControl: 'public, max-age=3600, s-maxage=3600' };
    },
  };
}

/** Renders sitemaps, as created by createSitemapRenderer. */
export type SitemapRenderer = ReturnType<typeof createSitemapRenderer>;
