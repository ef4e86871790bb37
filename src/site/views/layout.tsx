import type { ComponentChildren } from 'preact';
import type { ArticleImage } from '../../content/media/index.js';
import { feedAlternates, jsonLdScriptText, LOGO_PATH, LOGO_SIZE, OPENSEARCH_PATH, SEARCH_PATH, type JsonLd } from '../../syndication/index.js';
import { SITE_BRAND, SITE_NAME, SITE_TAGLINE, type SiteContext } from '../site-identity.js';
import { APPLE_TOUCH_ICON_PATH, FAVICON_PATH, MANIFEST_PATH, SVG_ICON_PATH } from '../site-icons.js';
import { MarketStrip } from './market-strip.js';

/** A feed a page announces in its head. */
export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

/** What link previews (OpenGraph, Twitter cards) show of a page. */
export interface PreviewMeta {
  type: 'website' | 'article';
  image?: ArticleImage | null;
  /** ISO 8601 with offset. */
  publishedTime?: string;
  modifiedTime?: string;
  section?: string;
  tags?: string[];
}

/** What a page tells the layout about itself. */
export interface PageMeta {
  title: string;
  description: string;
  /** Path of the canonical URL, e.g. /markets/. */
  path: string;
  /** A canonical URL elsewhere (a story first published by another outlet). */
  canonicalUrl?: string;
  activeSection?: string;
  /** Set on pages search engines should not index (errors). */
  noindex?: boolean;
  /** With noindex: robots should not follow the page's links either (a draft shown through a preview link). */
  nofollow?: boolean;
  /** Whether the brand is the page's h1 (front page only). */
  brandIsHeading?: boolean;
  /** Feeds of this page's section, topic or author, announced besides the site's own. */
  feeds?: FeedLink[];
  /** Link preview facts; a plain website preview when absent. */
  preview?: PreviewMeta;
  /** schema.org JSON-LD nodes describing the page. */
  structuredData?: JsonLd[];
  /** Whether the page has quote chips (the market island then loads even without a strip). */
  hasQuoteChips?: boolean;
  /** The live coverage island's URL, on a live story's page while it is live. */
  liveScript?: string;
}

/** The HTML document around every reader page: head (with the OpenSearch link), masthead (with the search box), section bar, market strip, footer. */
export function Layout({ site, css, meta, children }: { site: SiteContext; css: string; meta: PageMeta; children: ComponentChildren }) {
  const fullTitle = meta.title === SITE_NAME ? SITE_NAME : `${meta.title} · ${SITE_NAME}`;
  const strip = site.strip ?? [];
  const showsPrices = strip.length > 0 || meta.hasQuoteChips === true;
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? <meta name="robots" content={meta.nofollow ? 'noindex, nofollow' : 'noindex'} /> : <link rel="canonical" href={meta.canonicalUrl ?? site.url + meta.path} />}
        {[...feedAlternates('/', SITE_NAME), ...(meta.feeds ?? [])].map((feed) => (
          <link key={feed.href} rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
        ))}
        <link rel="search" type="application/opensearchdescription+xml" title={SITE_NAME} href={OPENSEARCH_PATH} />
        <link rel="icon" href={FAVICON_PATH} sizes="32x32" />
        <link rel="icon" href={SVG_ICON_PATH} type="image/svg+xml" />
        <link rel="apple-touch-icon" href={APPLE_TOUCH_ICON_PATH} />
        <link rel="manifest" href={MANIFEST_PATH} />
        {!meta.noindex && <PreviewTags site={site} meta={meta} title={meta.title} />}
        <meta name="color-scheme" content="light dark" />
        <style dangerouslySetInnerHTML={{ __html: css }} />
        {meta.structuredData && meta.structuredData.length > 0 && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptText(meta.structuredData) }} />
        )}
        {/* A module runs after parsing (deferred) and never blocks reading. */}
        {showsPrices && site.marketScript && <script type="module" src={site.marketScript} />}
        {meta.liveScript && <script type="module" src={meta.liveScript} />}
      </head>
      <body>
        <a class="skip" href="#content">Skip to content</a>
        <header class="masthead">
          <div class="wrap">
            <p class="tagline">{SITE_TAGLINE}</p>
            {meta.brandIsHeading ? (
              <h1 class="brand-heading">
                <a class="brand" href="/">{SITE_BRAND}</a>
              </h1>
            ) : (
              <a class="brand" href="/" aria-label={`${SITE_NAME} front page`}>
                {SITE_BRAND}
              </a>
            )}
            <form class="masthead-search" action={SEARCH_PATH} method="get" role="search" aria-label="Site search">
              <label class="visually-hidden" for="masthead-q">Search stories</label>
              <input id="masthead-q" type="search" name="q" placeholder="Search stories" maxLength={200} />
              <button type="submit">Search</button>
            </form>
          </div>
          <nav class="sections" aria-label="Sections">
            <ul>
              {site.sections.map((section) => (
                <li key={section.slug}>
                  <a href={`/${section.slug}/`} aria-current={meta.activeSection === section.slug ? 'page' : undefined}>
                    {section.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <MarketStrip strip={strip} />
        {site.banner && (
          <aside class="breaking-banner" aria-label="Breaking news">
            <p class="wrap">
              <strong>Breaking:</strong>{' '}
              {site.banner.url ? <a href={site.banner.url}>{site.banner.text}</a> : site.banner.text}
            </p>
          </aside>
        )}
        <main id="content" class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label="Footer">
              <ul>
                <li><a href="/">Front page</a></li>
                {site.sections.map((section) => (
                  <li key={section.slug}><a href={`/${section.slug}/`}>{section.name}</a></li>
                ))}
              </ul>
            </nav>
            <p>{SITE_NAME}: {SITE_TAGLINE.replace(/^Fortune Sky is /, '')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** OpenGraph and Twitter card tags; without a story image the publisher logo stands in. */
function PreviewTags({ site, meta, title }: { site: SiteContext; meta: PageMeta; title: string }) {
  const preview = meta.preview ?? { type: 'website' };
  const image = preview.image ?? { url: site.url + LOGO_PATH, width: LOGO_SIZE, height: LOGO_SIZE, alt: SITE_NAME };
  return (
    <>
      <meta property="og:site_name" content={SITE_NAME} />
      <meta property="og:type" content={preview.type} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={meta.description} />
      <meta property="og:url" content={meta.canonicalUrl ?? site.url + meta.path} />
      <meta property="og:image" content={image.url} />
      {image.width && <meta property="og:image:width" content={String(image.width)} />}
      {image.height && <meta property="og:image:height" content={String(image.height)} />}
      {image.alt && <meta property="og:image:alt" content={image.alt} />}
      {preview.publishedTime && <meta property="article:published_time" content={preview.publishedTime} />}
      {preview.modifiedTime && <meta property="article:modified_time" content={preview.modifiedTime} />}
      {preview.section && <meta property="article:section" content={preview.section} />}
      {preview.tags?.map((tag) => <meta key={tag} property="article:tag" content={tag} />)}
      <meta name="twitter:card" content={preview.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={meta.description} />
      <meta name="twitter:image" content={image.url} />
    </>
  );
}
