import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { ArticleView, Correction, StoredArticle } from '../../content/articles/index.js';
import type { MediaItem } from '../../content/media/index.js';
import type { Section } from '../../content/taxonomy/index.js';
import { slugify } from '../../content/text/index.js';
import type { SiteContext } from '../../site/site-identity.js';
import type { Stylesheet } from '../../site/stylesheet.js';
import { ArticlePage } from '../../site/views/article-page.js';
import { Layout } from '../../site/views/layout.js';

/**
 * A story exactly as readers will see it: the reader site's Layout and ArticlePage, marked
 * "Preview", noindex, never cached (the newsroom answers no-store). Drafts have no publication
 * time yet, so the preview shows the time of the preview. A preview link (src/newsroom/preview-links/)
 * gives its own note, the hero image, and asks robots not to follow the page's links either.
 */
export function renderPreview({
  article,
  corrections,
  sections,
  stylesheet,
  siteUrl,
  timeZone,
  language,
  now,
  hero,
  note,
  isNofollow = false,
}: {
  article: StoredArticle;
  corrections: Correction[];
  sections: Section[];
  stylesheet: Stylesheet;
  siteUrl: string;
  timeZone: string;
  language: string;
  now: Date;
  hero?: MediaItem;
  /** What the line above the story says; the newsroom's own by default. */
  note?: ComponentChildren;
  isNofollow?: boolean;
}): { html: string; contentSecurityPolicy: string } {
  const publishedAt = article.publishedAt ?? now.toISOString();
  const view: ArticleView = {
    id: article.id,
    slug: article.slug,
    urlDate: article.urlDate ?? publishedAt.slice(0, 10),
    title: article.title,
    teaser: article.teaser,
    publishedAt,
    sectionSlug: article.sectionSlug,
    sectionName: article.sectionName,
    uri: article.uri,
    dek: article.dek,
    bodyHtml: article.bodyHtml,
    updatedAt: article.updatedAt,
    canonicalUrl: article.canonicalUrl,
    source: article.source,
    language: article.language,
    wordCount: article.wordCount,
    bylines: article.bylines.map((name) => ({ name, slug: slugify(name) })),
    tags: article.tags.map((tag) => ({ ...tag, slug: slugify(tag.name) })),
    corrections,
  };
  const site: SiteContext = { url: siteUrl, timeZone, language, sections: sections.map(({ slug, name }) => ({ slug, name })) };
  const document = render(
    <Layout site={site} css={stylesheet.css} meta={{ title: `Preview: ${article.title}`, description: article.teaser, path: '/', noindex: true, nofollow: isNofollow }}>
      <p class="sample-note" role="note">
        {note ?? (
          <>
            <strong>Preview</strong>: not public. This is how the story will look to readers once it is published.
          </>
        )}
      </p>
      <ArticlePage article={view} related={[]} hero={hero} timeZone={timeZone} />
    </Layout>,
  );
  return {
    html: `<!doctype html>${document}`,
    contentSecurityPolicy: `default-src 'none'; style-src ${stylesheet.cspHash}; font-src data:; img-src 'self' https: data:; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  };
}
