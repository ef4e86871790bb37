import { articlePath, type StoredArticle } from '../content/articles/index.js';
import { articleToNinjs, type NinjsOut } from '../ingest/index.js';

/** The public ninjs 3.x representation of a published story: the export form plus its web page. */
export function presentArticleAsNinjs(article: StoredArticle, siteUrl: string): NinjsOut {
  const ninjs = articleToNinjs(article);
  if (!article.urlDate) return ninjs;
  // ninjs 3 has no "web page" property; a rendition of type text/html is how items point at one.
  return { ...ninjs, renditions: [{ name: 'web', href: `${siteUrl}${articlePath({ urlDate: article.urlDate, slug: article.slug })}`, contentType: 'text/html' }] };
}
