import type { StoredArticle } from '../../content/articles/index.js';
import type { TagKind } from '../../content/taxonomy/index.js';
import { ALT_ID_ROLES } from './ninjs-to-article.js';

/** A ninjs 3.x item (the properties Fortune Sky writes). */
export type NinjsOut = Record<string, unknown> & { uri: string };

const TAG_PROPERTY: Record<TagKind, 'subjects' | 'people' | 'organisations' | 'places'> = {
  topic: 'subjects',
  ticker: 'organisations',
  person: 'people',
  organisation: 'organisations',
  place: 'places',
};

/** Writes a stored story as ninjs 3.x; importing the result gives back the same story. */
export function articleToNinjs(article: StoredArticle): NinjsOut {
  const grouped: Record<'subjects' | 'people' | 'organisations' | 'places', { name: string; rel?: string; symbols?: { symbol: string }[] }[]> = {
    subjects: [{ name: article.sectionName, rel: 'section' }],
    people: article.bylines.map((name) => ({ name, rel: 'author' })),
    organisations: [],
    places: [],
  };
  // A ticker is the organisation's symbol (ninjs 3.x organisations[].symbols), named by it.
  for (const tag of article.tags) grouped[TAG_PROPERTY[tag.kind]].push(tag.kind === 'ticker' ? { name: tag.name, rel: 'ticker', symbols: [{ symbol: tag.name }] } : { name: tag.name });

  const descriptions = [
    ...(article.dek ? [{ role: 'dek', value: article.dek }] : []),
    ...(article.excerpt ? [{ role: 'teaser', value: article.excerpt }] : []),
  ];
  const altIds = [
    { role: ALT_ID_ROLES.status, value: article.status },
    ...(article.canonicalUrl ? [{ role: ALT_ID_ROLES.canonicalUrl, value: article.canonicalUrl }] : []),
  ];
  return {
    uri: article.uri,
    type: 'text',
    version: String(article.revision),
    ...(article.publishedAt ? { firstCreated: article.publishedAt } : {}),
    versionCreated: article.updatedAt ?? article.publishedAt ?? article.modifiedAt,
    contentCreated: article.createdAt,
    pubStatus: article.status === 'published' ? 'usable' : 'withheld',
    language: article.language,
    slugline: article.slug,
    ...(article.bylines.length ? { by: article.bylines.join(', ') } : {}),
    headlines: [{ role: 'main', value: article.title }],
    ...(descriptions.length ? { descriptions } : {}),
    bodies: [{ role: 'main', contentType: 'text/html', value: article.bodyHtml, wordCount: article.wordCount }],
    ...Object.fromEntries(Object.entries(grouped).filter(([, list]) => list.length > 0)),
    infoSources: [{ name: article.source, role: 'source' }],
    altIds,
  };
}
