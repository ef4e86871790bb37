import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPageHead } from '../support/html-head.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

type Node = Record<string, any>;

/** The JSON-LD nodes of a page, whether written as one node or a @graph. */
function nodesOf(jsonLd: unknown[]): Node[] {
  return jsonLd.flatMap((block) => {
    const document = block as Node;
    expect(document['@context']).toBe('https://schema.org');
    return document['@graph'] ?? [document];
  });
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('structured data and previews', () => {
  let site: TestApp;
  const articleUrl = '/2024/03/06/yen-slides-past-150-as-rate-bets-shift/';

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'Asia/Tokyo', SITE_LANGUAGE: 'en' });
    await createArticles(site, [
      articleInput({
        uri: 'urn:sd:yen',
        title: 'Yen slides past 150 as rate bets shift',
        excerpt: 'The yen fell to its weakest level in months as traders pushed back bets on a rate rise.',
        section: 'Markets',
        bylines: ['Aiko Tanaka', 'Ken Ito'],
        tags: [{ kind: 'topic', name: 'Currencies' }, { kind: 'place', name: 'Japan' }],
        publishedAt: '2024-03-05T23:30:00Z',
        updatedAt: '2024-03-06T02:00:00Z',
      }),
      articleInput({ uri: 'urn:sd:plain', title: 'A story without a byline', bylines: [], tags: [] }),
    ]);
  });
  afterAll(() => site.close());

  test('an article page carries a complete NewsArticle and a BreadcrumbList, parsed from the served HTML', async () => {
    const response = await site.app.inject({ url: articleUrl });
    expect(response.statusCode).toBe(200);
    const nodes = nodesOf(readPageHead(response.body).jsonLd);
    const article = nodes.find((node) => node['@type'] === 'NewsArticle')!;
    expect(article).toBeDefined();
    const pageUrl = `http://news.test${articleUrl}`;
    expect(article.headline).toBe('Yen slides past 150 as rate bets shift');
    expect(article.datePublished).toBe('2024-03-06T08:30:00+09:00');
    expect(article.dateModified).toBe('2024-03-06T11:00:00+09:00');
    expect(article.datePublished).toMatch(ISO_WITH_OFFSET);
    expect(article.author).toEqual([
      { '@type': 'Person', name: 'Aiko Tanaka', url: 'http://news.test/author/aiko-tanaka/' },
      { '@type': 'Person', name: 'Ken Ito', url: 'http://news.test/author/ken-ito/' },
    ]);
    expect(article.publisher).toMatchObject({
      '@type': 'NewsMediaOrganization',
      name: 'Fortune Sky',
      url: 'http://news.test/',
      logo: { '@type': 'ImageObject', url: 'http://news.test/logo.png', width: 144, height: 144 },
    });
    expect(article.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': pageUrl });
    expect(article.articleSection).toBe('Markets');
    expect(article.keywords).toEqual(['Currencies', 'Japan']);
    expect(article).not.toHaveProperty('image'); // no hero image until media arrive

    const crumbs = nodes.find((node) => node['@type'] === 'BreadcrumbList')!;
    expect(crumbs.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Fortune Sky', item: 'http://news.test/' },
      { '@type': 'ListItem', position: 2, name: 'Markets', item: 'http://news.test/markets/' },
      { '@type': 'ListItem', position: 3, name: 'Yen slides past 150 as rate bets shift', item: pageUrl },
    ]);

    const logo = await site.app.inject({ url: '/logo.png' });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toContain('max-age=86400');
  });

  test('a story without a byline is credited to the publisher', async () => {
    const nodes = nodesOf(readPageHead((await site.app.inject({ url: '/2024/03/01/a-story-without-a-byline/' })).body).jsonLd);
    expect(nodes.find((node) => node['@type'] === 'NewsArticle')!.author).toEqual([expect.objectContaining({ '@type': 'NewsMediaOrganization', name: 'Fortune Sky' })]);
  });

  test('an article page has lang, canonical, description from the teaser, OpenGraph and Twitter card meta', async () => {
    const head = readPageHead((await site.app.inject({ url: articleUrl })).body);
    const teaser = 'The yen fell to its weakest level in months as traders pushed back bets on a rate rise.';
    expect(head.lang).toBe('en');
    expect(head.links.find((link) => link.rel === 'canonical')?.href).toBe(`http://news.test${articleUrl}`);
    expect(head.meta.get('description')).toEqual([teaser]);
    expect(head.meta.get('og:type')).toEqual(['article']);
    expect(head.meta.get('og:title')).toEqual(['Yen slides past 150 as rate bets shift']);
    expect(head.meta.get('og:description')).toEqual([teaser]);
    expect(head.meta.get('og:url')).toEqual([`http://news.test${articleUrl}`]);
    expect(head.meta.get('og:site_name')).toEqual(['Fortune Sky']);
    expect(head.meta.get('og:image')).toEqual(['http://news.test/logo.png']);
    expect(head.meta.get('article:published_time')).toEqual(['2024-03-06T08:30:00+09:00']);
    expect(head.meta.get('article:modified_time')).toEqual(['2024-03-06T11:00:00+09:00']);
    expect(head.meta.get('article:section')).toEqual(['Markets']);
    expect(head.meta.get('article:tag')).toEqual(['Currencies', 'Japan']);
    expect(head.meta.get('twitter:card')).toEqual(['summary']);
    expect(head.meta.get('twitter:title')).toEqual(['Yen slides past 150 as rate bets shift']);
    expect(head.meta.get('twitter:description')).toEqual([teaser]);
  });

  test('a story first published elsewhere points canonical and og:url at the original', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:sd:syndicated', title: 'Syndicated story', canonicalUrl: 'https://wire.example/original', publishedAt: '2024-03-08T00:00:00Z' })]);
    const head = readPageHead((await site.app.inject({ url: '/2024/03/08/syndicated-story/' })).body);
    expect(head.links.find((link) => link.rel === 'canonical')?.href).toBe('https://wire.example/original');
    expect(head.meta.get('og:url')).toEqual(['https://wire.example/original']);
  });

  test('the front page has WebSite with a SearchAction and the NewsMediaOrganization', async () => {
    const nodes = nodesOf(readPageHead((await site.app.inject({ url: '/' })).body).jsonLd);
    const website = nodes.find((node) => node['@type'] === 'WebSite')!;
    expect(website).toMatchObject({ name: 'Fortune Sky', url: 'http://news.test/' });
    expect(website.potentialAction).toEqual({
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: 'http://news.test/search/?q={search_term_string}' },
      'query-input': 'required name=search_term_string',
    });
    expect(nodes.find((node) => node['@type'] === 'NewsMediaOrganization')).toMatchObject({ name: 'Fortune Sky', url: 'http://news.test/', logo: { url: 'http://news.test/logo.png' } });
  });

  test('every page links the site feeds; listing pages also link their own', async () => {
    const feedLinks = async (url: string) =>
      readPageHead((await site.app.inject({ url })).body)
        .links.filter((link) => link.rel === 'alternate')
        .map((link) => `${link.type} ${link.href}`);
    const siteFeeds = ['application/rss+xml /feed.xml', 'application/atom+xml /atom.xml', 'application/feed+json /feed.json'];
    expect(await feedLinks('/')).toEqual(siteFeeds);
    expect(await feedLinks(articleUrl)).toEqual(siteFeeds);
    expect(await feedLinks('/markets/')).toEqual([...siteFeeds, 'application/rss+xml /markets/feed.xml', 'application/atom+xml /markets/atom.xml', 'application/feed+json /markets/feed.json']);
    expect(await feedLinks('/topic/currencies/')).toContain('application/atom+xml /topic/currencies/atom.xml');
    expect(await feedLinks('/author/ken-ito/')).toContain('application/feed+json /author/ken-ito/feed.json');
    for (const url of ['/markets/feed.xml', '/topic/currencies/atom.xml', '/author/ken-ito/feed.json']) {
      expect((await site.app.inject({ url })).statusCode, url).toBe(200);
    }
  });

  test('a headline cannot break out of the JSON-LD block', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:sd:evil', title: 'Evil </script><script>alert(1)</script> headline', publishedAt: '2024-03-07T00:00:00Z' })]);
    const html = (await site.app.inject({ url: '/2024/03/07/evil-script-script-alert-1-script-headline/' })).body;
    expect(html).not.toContain('<script>alert(1)');
    const article = nodesOf(readPageHead(html).jsonLd).find((node) => node['@type'] === 'NewsArticle')!;
    expect(article.headline).toBe('Evil </script><script>alert(1)</script> headline');
  });
});
