import type { Kysely } from 'kysely';
import type { Schema } from '../../src/storage/index.js';

const SECTIONS = ['markets', 'business', 'industries', 'internet'];
const SITE_WIDE = ['/', '/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/news-sitemap.xml', '/sitemaps/pages.xml'];

/**
 * Every page a reader can reach now (each story ever given an address, every topic and author
 * with its feed and its second page, the four sections with theirs, the front page, site feeds and
 * sitemaps), added to `seen`, which keeps the ones reachable before: a page that now answers 404
 * must do so everywhere.
 */
export async function readerUrls(db: Kysely<Schema>, seen: Set<string>): Promise<string[]> {
  const stories = await db.selectFrom('articles').select(['slug', 'url_date']).where('url_date', 'is not', null).execute();
  for (const story of stories) seen.add(`/${story.url_date!.replaceAll('-', '/')}/${story.slug}/`);
  const listings = [
    ...(await db.selectFrom('tags').select('slug').execute()).map((tag) => `/topic/${tag.slug}/`),
    ...(await db.selectFrom('authors').select('slug').execute()).map((author) => `/author/${author.slug}/`),
    ...SECTIONS.map((section) => `/${section}/`),
  ];
  // A listing's second page appears, moves and goes as stories come and go (20 a page).
  for (const listing of listings) seen.add(listing).add(`${listing}feed.xml`).add(`${listing}?page=2`);
  for (const url of SITE_WIDE) seen.add(url);
  return [...seen].sort();
}
