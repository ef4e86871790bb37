import { parseFeed as parseWithRowanmanning } from '@rowanmanning/feed-parser';
import { parseJsonFeed } from 'feedsmith';
import RssParser from 'rss-parser';
import { JsonFeed11Schema } from './json-feed-schema.js';

/** What a parser saw of one feed item, normalised for comparison (dates as ISO instants in UTC). */
export interface ParsedItem {
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string;
}

/** A parser's name and how to read a feed's items with it. */
export interface FeedParser {
  name: string;
  parse(body: string): Promise<ParsedItem[]>;
}

const iso = (value: string | Date | null | undefined): string => (value ? new Date(value).toISOString() : '');

const rssParser = new RssParser({ customFields: { item: ['dc:date', 'published', 'updated'] } });

/** rss-parser (xml2js/sax): RSS and Atom. */
export const rssParserPackage: FeedParser = {
  name: 'rss-parser',
  async parse(body) {
    const feed = await rssParser.parseString(body);
    return feed.items.map((item) => {
      // Atom's <id> and the custom fields are typed loosely by rss-parser.
      const fields = item as unknown as Record<string, string | undefined>;
      return {
        id: item.guid ?? fields.id ?? '',
        title: item.title ?? '',
        link: item.link ?? '',
        published: iso(item.isoDate),
        updated: iso(fields['dc:date'] ?? fields.updated),
      };
    });
  },
};

/** @rowanmanning/feed-parser (fast-xml-parser): RSS and Atom. */
export const rowanmanningParser: FeedParser = {
  name: '@rowanmanning/feed-parser',
  async parse(body) {
    return parseWithRowanmanning(body).items.map((item) => ({
      id: item.id ?? '',
      title: item.title ?? '',
      link: item.url ?? '',
      published: iso(item.published),
      updated: iso(item.updated),
    }));
  },
};

/** feedsmith's JSON Feed parser. */
export const feedsmithJsonParser: FeedParser = {
  name: 'feedsmith (JSON Feed)',
  async parse(body) {
    const feed = parseJsonFeed(JSON.parse(body));
    return (feed.items ?? []).map((item) => ({
      id: String(item.id ?? ''),
      title: item.title ?? '',
      link: item.url ?? '',
      published: iso(item.date_published as string | undefined),
      updated: iso(item.date_modified as string | undefined),
    }));
  },
};

/** Our own reading of the JSON Feed 1.1 spec, as a zod schema. */
export const jsonFeedSpecParser: FeedParser = {
  name: 'JSON Feed 1.1 schema (zod)',
  async parse(body) {
    const feed = JsonFeed11Schema.parse(JSON.parse(body));
    return feed.items.map((item) => ({
      id: item.id,
      title: item.title ?? '',
      link: item.url ?? '',
      published: iso(item.date_published),
      updated: iso(item.date_modified),
    }));
  },
};
