import { describe, expect, test } from 'vitest';
import { parseSitemapFile, sitemapPartPath } from './sitemap-documents.js';
import { newsLanguage, writeSitemapIndex, writeUrlset } from './sitemap-xml.js';

describe('sitemap files', () => {
  test('names round-trip through sitemapPartPath and parseSitemapFile', () => {
    expect(sitemapPartPath('articles-2024-03', 1)).toBe('/sitemaps/articles-2024-03.xml');
    expect(sitemapPartPath('articles-2024-03', 2)).toBe('/sitemaps/articles-2024-03-2.xml');
    expect(parseSitemapFile('articles-2024-03.xml')).toEqual({ kind: 'articles', month: '2024-03', part: 1 });
    expect(parseSitemapFile('articles-2024-03-12.xml')).toEqual({ kind: 'articles', month: '2024-03', part: 12 });
    expect(parseSitemapFile('pages.xml')).toEqual({ kind: 'pages', part: 1 });
    expect(parseSitemapFile('pages-3.xml')).toEqual({ kind: 'pages', part: 3 });
  });

  test('anything else is not a sitemap (part 1 has one name only)', () => {
    for (const name of ['articles-2024-3.xml', 'articles-2024-00.xml', 'articles-2024-03-1.xml', 'articles-2024-03-0.xml', 'pages-1.xml', 'pages.xml.gz', '../x.xml', 'articles-2024-03-99999999.xml']) {
      expect(parseSitemapFile(name), name).toBeUndefined();
    }
  });
});

describe('sitemap XML', () => {
  test('a urlset writes loc and lastmod in the site zone, escaping the URL', () => {
    const xml = writeUrlset([{ url: 'https://n.example/a/?x=1&y=2', lastModified: '2024-03-01T10:00:00.000Z' }, { url: 'https://n.example/' }], 'Asia/Shanghai');
    expect(xml).toContain('<url><loc>https://n.example/a/?x=1&amp;y=2</loc><lastmod>2024-03-01T18:00:00+08:00</lastmod></url><url><loc>https://n.example/</loc></url>');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
  });

  test('an index lists sitemaps', () => {
    expect(writeSitemapIndex([{ url: 'https://n.example/sitemaps/pages.xml', lastModified: '2024-03-01T10:00:00.000Z' }], 'UTC')).toContain(
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://n.example/sitemaps/pages.xml</loc><lastmod>2024-03-01T10:00:00+00:00</lastmod></sitemap></sitemapindex>',
    );
  });

  test('news languages are ISO 639 codes, with zh-cn and zh-tw', () => {
    expect(newsLanguage('en-GB')).toBe('en');
    expect(newsLanguage('fil')).toBe('fil');
    expect(newsLanguage('zh-Hans-CN')).toBe('zh-cn');
    expect(newsLanguage('zh-TW')).toBe('zh-tw');
    expect(newsLanguage('zh-Hant')).toBe('zh-tw');
    expect(newsLanguage('zh')).toBe('zh-cn');
  });
});
