import type { Kysely } from 'kysely';
import type { RenderedPage } from '../cache/index.js';
import { listFeedArticles, type FeedFilter } from '../content/articles/index.js';
import { findPublicAuthorBySlug, findPublicTagBySlug, findPublicTickerTag, findSectionBySlug } from '../content/taxonomy/index.js';
import { instrumentFactsKey } from '../markets/cache-keys.js';
import { findInstrumentsBySymbols } from '../markets/instruments/index.js';
import type { Schema } from '../storage/index.js';
import { writeAtomFeed } from './atom-feed.js';
import { toFeedEntry, type FeedChannel } from './feed-entry.js';
import { formatHttpDate, laterOf } from './feed-times.js';
import { writeJsonFeed } from './json-feed.js';
import { absoluteUrl, type Publication } from './publication.js';
import { writeRssFeed } from './rss-feed.js';

/** The three syndication formats. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** Whose stories a feed carries: an instrument's are those tagged with its ticker (symbol as stored, upper case). */
export type FeedScope = { kind: 'site' } | { kind: 'section' | 'topic' | 'author'; slug: string } | { kind: 'instrument'; symbol: string };

/** Items per feed: the newest 50. */
export const FEED_ITEM_LIMIT = 50;

/** File name of each format, appended to the listing page's path. */
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const FEED_CACHE_CONTROL = 'public, max-age=300, s-maxage=300, stale-while-revalidate=600';

/** The page a scope's feeds follow: /, /markets/, /topic/china/, /author/ana-cruz/, /markets/quote/HALD/. */
export function scopePath(scope: FeedScope): string {
  if (scope.kind === 'site') return '/';
  if (scope.kind === 'instrument') return `/markets/quote/${encodeURIComponent(scope.symbol)}/`;
  return scope.kind === 'section' ? `/${scope.slug}/` : `/${scope.kind}/${scope.slug}/`;
}

/** What a feed renderer needs. */
export interface FeedRendererOptions {
  db: Kysely<Schema>;
  publication: Publication;
  now: () => Date;
}

/** Renders feeds from the database; resolves to undefined for a section, topic or author that does not exist. */
export function createFeedRenderer({ db, publication, now }: FeedRendererOptions) {
  // A filter of null: a feed that exists but has nothing to carry yet (an instrument no published story is tagged with).
  async function describe(scope: FeedScope): Promise<{ title: string; description: string; filter: FeedFilter | null; key: string } | undefined> {
    switch (scope.kind) {
      case 'site':
        return { title: publication.name, description: publication.description, filter: {}, key: 'home' };
      case 'section': {
        const section = await findSectionBySlug(db, scope.slug);
        return section && { title: `${section.name} · ${publication.name}`, description: section.description, filter: { sectionId: section.id }, key: `section:${section.slug}` };
      }
      case 'topic': {
        const tag = await findPublicTagBySlug(db, scope.slug);
        return tag && { title: `${tag.name} · ${publication.name}`, description: `Stories about ${tag.name} from ${publication.name}.`, filter: { tagId: tag.id }, key: `topic:${tag.slug}` };
      }
      case 'author': {
        const author = await findPublicAuthorBySlug(db, scope.slug);
        return author && { title: `${author.name} · ${publication.name}`, description: author.bio || `Stories by ${author.name}.`, filter: { authorId: author.id }, key: `author:${author.slug}` };
      }
      case 'instrument': {
        // The quote page's stories: those tagged with its ticker.
        const [[instrument], tag] = await Promise.all([findInstrumentsBySymbols(db, [scope.symbol]), findPublicTickerTag(db, scope.symbol)]);
        if (!instrument) return undefined;
        return {
          title: `${instrument.name} (${instrument.symbol}) · ${publication.name}`,
          description: `Stories about ${instrument.name} from ${publication.name}.`,
          filter: tag ? { tagId: tag.id } : null,
          key: instrumentFactsKey(instrument.symbol),
        };
      }
    }
  }

  return async function renderFeed(scope: FeedScope, format: FeedFormat): Promise<RenderedPage | undefined> {
    const about = await describe(scope);
    if (!about) return undefined;
    const articles = about.filter ? await listFeedArticles(db, about.filter, FEED_ITEM_LIMIT) : [];
    const entries = articles.map((article) => toFeedEntry(article, publication));
    const base = scopePath(scope);
    const channel: FeedChannel = {
      title: about.title,
      description: about.description,
      homeUrl: absoluteUrl(publication, base),
      rssUrl: absoluteUrl(publication, base + FEED_FILES.rss),
      atomUrl: absoluteUrl(publication, base + FEED_FILES.atom),
      jsonUrl: absoluteUrl(publication, base + FEED_FILES.json),
      // An empty feed has no newest story; "now" keeps Atom's required <updated> truthful.
      updated: entries.reduce((latest, entry) => laterOf(latest, entry.updated), '') || now().toISOString(),
      entries,
    };
    const write = format === 'rss' ? writeRssFeed : format === 'atom' ? writeAtomFeed : writeJsonFeed;
    return {
      status: 200,
      contentType: CONTENT_TYPES[format],
      body: write(channel, publication),
      // Every story change dirties "feeds"; the scope key and "sections" cover renamed sections, tags,
      // people and instruments (an instrument's first tagged story dirties "feeds" too).
      keys: ['feeds', about.key, 'sections'],
      cacheControl: FEED_CACHE_CONTROL,
      headers: { 'last-modified': formatHttpDate(channel.updated), 'x-content-type-options': 'nosniff' },
    };
  };
}

/** Renders one feed, as created by createFeedRenderer. */
export type FeedRenderer = ReturnType<typeof createFeedRenderer>;

/** The <link rel="alternate"> entries a listing page announces for its feeds. */
export function feedAlternates(path: string, title: string): { type: string; title: string; href: string }[] {
  return [
    { type: 'application/rss+xml', title: `${title} (RSS)`, href: path + FEED_FILES.rss },
    { type: 'application/atom+xml', title: `${title} (Atom)`, href: path + FEED_FILES.atom },
    { type: 'application/feed+json', title: `${title} (JSON Feed)`, href: path + FEED_FILES.json },
  ];
}
