import { formatIsoWithOffset, type ArticleView } from '../content/articles/index.js';
import type { ArticleImage } from '../content/media/index.js';
import type { Instrument } from '../markets/types.js';
import { SEARCH_PATH } from './opensearch.js';
import { absoluteUrl, type Publication } from './publication.js';

// schema.org JSON-LD as Google's article, breadcrumb and sitelinks-search-box guides describe it.

/** A JSON-LD node. */
export type JsonLd = Record<string, unknown>;

/** What the NewsArticle needs to know about a story; URLs absolute, times stored ISO instants. */
export interface ArticleFacts {
  url: string;
  title: string;
  description: string;
  language: string;
  publishedAt: string;
  updatedAt: string | null;
  sectionName: string;
  authors: { name: string; url: string }[];
  keywords: string[];
  image: ArticleImage | null;
  wordCount: number;
  /** Companies the story is about (its ticker tags that name a listed share). */
  corporations?: { name: string; tickerSymbol: string | null }[];
}

/**
 * The companies behind a story's ticker tags, as schema.org Corporations: shares only (an index or
 * a currency is no company). schema.org's tickerSymbol is the exchange's MIC and the symbol
 * separated by a space ("XNYS HALD").
 */
export function tickerCorporations(instruments: readonly Pick<Instrument, 'symbol' | 'mic' | 'name' | 'kind'>[]): { name: string; tickerSymbol: string | null }[] {
  return instruments.filter((instrument) => instrument.kind === 'equity').map((instrument) => ({ name: instrument.name, tickerSymbol: instrument.mic ? `${instrument.mic} ${instrument.symbol}` : null }));
}

/** The publisher as a NewsMediaOrganization with its logo. */
export function organizationJsonLd(publication: Publication): JsonLd {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': absoluteUrl(publication, '/#publisher'),
    name: publication.name,
    url: absoluteUrl(publication, '/'),
    logo: { '@type': 'ImageObject', url: absoluteUrl(publication, publication.logoPath), width: publication.logoWidth, height: publication.logoHeight },
  };
}

/** The front page's WebSite, with the search box action pointing at the search page. */
export function websiteJsonLd(publication: Publication): JsonLd {
  return {
    '@type': 'WebSite',
    '@id': absoluteUrl(publication, '/#website'),
    name: publication.name,
    description: publication.description,
    url: absoluteUrl(publication, '/'),
    inLanguage: publication.language,
    publisher: { '@id': absoluteUrl(publication, '/#publisher') },
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(publication, SEARCH_PATH)}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** A story as schema.org NewsArticle; a story without a byline is credited to the publisher. */
export function newsArticleJsonLd(article: ArticleFacts, publication: Publication): JsonLd {
  const publisher = organizationJsonLd(publication);
  return {
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.description,
    url: article.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.url },
    datePublished: formatIsoWithOffset(article.publishedAt, publication.timeZone),
    dateModified: formatIsoWithOffset(article.updatedAt ?? article.publishedAt, publication.timeZone),
    author: article.authors.length ? article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: author.url })) : [publisher],
    publisher,
    ...(article.image ? { image: [imageObject(article.image)] } : {}),
    articleSection: article.sectionName,
    keywords: article.keywords,
    ...(article.corporations?.length
      ? { about: article.corporations.map((corporation) => ({ '@type': 'Corporation', name: corporation.name, ...(corporation.tickerSymbol ? { tickerSymbol: corporation.tickerSymbol } : {}) })) }
      : {}),
    inLanguage: article.language,
    wordCount: article.wordCount,
    isAccessibleForFree: true,
  };
}

/** A BreadcrumbList from the front page down to the current page. */
export function breadcrumbJsonLd(trail: { name: string; url: string }[]): JsonLd {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({ '@type': 'ListItem', position: index + 1, name: crumb.name, item: crumb.url })),
  };
}

/** An article page's JSON-LD: its NewsArticle and the breadcrumb from the front page through its section. */
export function articleStructuredData(
  article: ArticleView,
  page: { url: string; image: ArticleImage | null; instruments?: readonly Pick<Instrument, 'symbol' | 'mic' | 'name' | 'kind'>[] },
  publication: Publication,
): JsonLd[] {
  const facts: ArticleFacts = {
    url: page.url,
    title: article.title,
    description: article.teaser,
    language: article.language,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    sectionName: article.sectionName,
    authors: article.bylines.map((byline) => ({ name: byline.name, url: absoluteUrl(publication, `/author/${byline.slug}/`) })),
    keywords: article.tags.map((tag) => tag.name),
    image: page.image,
    wordCount: article.wordCount,
    corporations: tickerCorporations(page.instruments ?? []),
  };
  return [
    newsArticleJsonLd(facts, publication),
    breadcrumbJsonLd([
      { name: publication.name, url: absoluteUrl(publication, '/') },
      { name: article.sectionName, url: absoluteUrl(publication, `/${article.sectionSlug}/`) },
      { name: article.title, url: page.url },
    ]),
  ];
}

/** JSON-LD nodes as the text of a <script type="application/ld+json">: "<" escaped so no "</script>" can close it early. */
export function jsonLdScriptText(nodes: JsonLd[]): string {
  const document = nodes.length === 1 ? { '@context': 'https://schema.org', ...nodes[0] } : { '@context': 'https://schema.org', '@graph': nodes };
  return JSON.stringify(document).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function imageObject(image: ArticleImage): JsonLd {
  return { '@type': 'ImageObject', url: image.url, ...(image.width ? { width: image.width } : {}), ...(image.height ? { height: image.height } : {}), ...(image.alt ? { caption: image.alt } : {}) };
}
