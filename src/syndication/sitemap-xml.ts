import { formatIsoWithOffset } from '../content/articles/index.js';
import { XML_DECLARATION, xmlElement, xmlText } from './xml.js';

/** sitemaps.org protocol 0.9. */
export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Google News sitemap extension. */
export const NEWS_NAMESPACE = 'http://www.google.com/schemas/sitemap-news/0.9';

/**
 * At most 50,000 URLs per sitemap (sitemaps.org). Slugs are at most 80 characters, so an entry
 * stays under 400 bytes and a full file under 20 MB, well inside the 50 MB limit.
 */
export const URLS_PER_SITEMAP = 50_000;

/** A <url> or <sitemap> entry: an absolute URL and when what it shows last changed (ISO instant). */
export interface SitemapEntry {
  url: string;
  lastModified?: string;
}

/** A <urlset> of pages; `extra` adds child elements per entry (the news extension). */
export function writeUrlset(entries: SitemapEntry[], timeZone: string, extra?: (entry: SitemapEntry, index: number) => string[], namespaces: Record<string, string> = {}): string {
  const urls = entries.map((entry, index) =>
    xmlElement('url', {}, [xmlText('loc', entry.url), ...lastmod(entry, timeZone), ...(extra?.(entry, index) ?? [])]),
  );
  return `${XML_DECLARATION}${xmlElement('urlset', { xmlns: SITEMAP_NAMESPACE, ...namespaces }, urls)}\n`;
}

/** A <sitemapindex> of sitemaps. */
export function writeSitemapIndex(entries: SitemapEntry[], timeZone: string): string {
  const sitemaps = entries.map((entry) => xmlElement('sitemap', {}, [xmlText('loc', entry.url), ...lastmod(entry, timeZone)]));
  return `${XML_DECLARATION}${xmlElement('sitemapindex', { xmlns: SITEMAP_NAMESPACE }, sitemaps)}\n`;
}

function lastmod(entry: SitemapEntry, timeZone: string): string[] {
  return entry.lastModified ? [xmlText('lastmod', formatIsoWithOffset(entry.lastModified, timeZone))] : [];
}

/** Google News wants ISO 639 codes, with zh-cn and zh-tw for the two Chinese scripts. */
export function newsLanguage(bcp47: string): string {
  const tag = bcp47.toLowerCase();
  if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) return 'zh-tw';
  if (tag.startsWith('zh')) return 'zh-cn';
  return /^[a-z]{2,3}/.exec(tag)?.[0] ?? 'en';
}
