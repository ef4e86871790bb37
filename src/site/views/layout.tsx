import type { ComponentChildren } from 'preact';
import { SITE_BRAND, SITE_NAME, SITE_TAGLINE, type SiteContext } from '../site-identity.js';

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
  /** Whether the brand is the page's h1 (front page only). */
  brandIsHeading?: boolean;
}

/** The HTML document around every reader page: head, masthead, section bar, footer. */
export function Layout({ site, css, meta, children }: { site: SiteContext; css: string; meta: PageMeta; children: ComponentChildren }) {
  const fullTitle = meta.title === SITE_NAME ? SITE_NAME : `${meta.title} · ${SITE_NAME}`;
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={meta.canonicalUrl ?? site.url + meta.path} />}
        <meta name="color-scheme" content="light dark" />
        <style dangerouslySetInnerHTML={{ __html: css }} />
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
