import { AppError } from '../../errors.js';
import { plainTextToHtml, type ArticleInput, type ArticleStatus, type TagRef } from '../../content/articles/index.js';
import type { NinjsItem } from './ninjs-item.js';

/** Roles we write and read for Fortune Sky fields that ninjs has no property for. */
export const ALT_ID_ROLES = { status: 'fortune-sky:status', canonicalUrl: 'canonical-url' } as const;
export const BYLINE_RELS = new Set(['author', 'creator', 'byline', 'writer']);
const DEK_ROLES = new Set(['dek', 'standfirst', 'summary', 'sub', 'subheadline', 'subtitle']);
const TEASER_ROLES = new Set(['teaser', 'excerpt']);
const STATUSES = new Set<ArticleStatus>(['draft', 'in_review', 'scheduled', 'published', 'unpublished']);

/** Defaults for what an item may leave out. */
export interface NinjsDefaults {
  language: string;
  source: string;
}

/** Maps a validated ninjs item to the content model; throws AppError naming the field when it can't. */
export function ninjsToArticle(item: NinjsItem, defaults: NinjsDefaults): ArticleInput {
  const headline = pickByRole(item.headlines, ['main', 'headline']) ?? item.title;
  if (!headline?.trim()) throw new AppError('NINJS_NO_HEADLINE', 'invalid', 'the item has no headline', { field: 'headlines' });
  const bodyHtml = readBody(item);
  const altId = (role: string) => item.altIds?.find((a) => a.role === role)?.value;
  const status = readStatus(item, altId(ALT_ID_ROLES.status));
  const publishedAt = item.firstCreated ?? (status === 'published' ? (item.contentCreated ?? item.versionCreated ?? null) : null);
  const people = item.people ?? [];
  const authorPeople = people.filter((p) => p.rel && BYLINE_RELS.has(p.rel.toLowerCase()));
  const bylines = authorPeople.length > 0 ? authorPeople.map((p) => p.name ?? '') : parseByline(item.by);

  return {
    uri: item.uri,
    slug: item.slugline || undefined,
    status,
    title: headline,
    dek: item.descriptions?.find((d) => d.role && DEK_ROLES.has(d.role))?.value ?? pickByRole(item.headlines, [...DEK_ROLES]) ?? '',
    excerpt: item.descriptions?.find((d) => d.role && TEASER_ROLES.has(d.role))?.value ?? null,
    bodyHtml,
    section: item.subjects?.find((s) => s.rel === 'section')?.name ?? null,
    bylines,
    tags: [
      ...tagsFrom(item.subjects?.filter((s) => s.rel !== 'section' && s.rel !== 'ticker'), 'topic'),
      ...tagsFrom(people.filter((p) => !authorPeople.includes(p)), 'person'),
      // An organisation written for its ticker alone (rel "ticker", as this site writes them) is no organisation tag.
      ...tagsFrom(item.organisations?.filter((o) => o.rel !== 'ticker'), 'organisation'),
      ...tagsFrom(item.places, 'place'),
      ...tickerTags(item),
    ],
    canonicalUrl: altId(ALT_ID_ROLES.canonicalUrl) ?? null,
    source: item.infoSources?.find((s) => s.role === 'source')?.name ?? item.copyrightHolder ?? defaults.source,
    language: item.language ?? defaults.language,
    publishedAt,
    updatedAt: item.versionCreated ?? null,
  };
}

function pickByRole(values: { role?: string; value: string }[] | undefined, roles: string[]): string | undefined {
  if (!values?.length) return undefined;
  const match = values.find((v) => v.role && roles.includes(v.role.toLowerCase()));
  if (match) return match.value;
  // A headline without a role is the main one (ninjs: "for a simple headline … only the value").
  return roles.includes('main') ? values.find((v) => !v.role)?.value : undefined;
}

function readBody(item: NinjsItem): string {
  const bodies = item.bodies ?? [];
  const html = bodies.find((b) => /html/i.test(b.contentType ?? '') || /^(x?html)$/i.test(b.role ?? ''));
  if (html?.value.trim()) return html.value;
  const plain = bodies.find((b) => !b.contentType || /text\/plain/i.test(b.contentType));
  if (plain?.value.trim()) return plainTextToHtml(plain.value);
  // Some wires put the story text in a description with role "text" and send no bodies.
  const described = item.descriptions?.find((d) => d.role === 'text' || d.role === 'body');
  if (described?.value.trim()) return /html/i.test(described.contentType ?? '') ? described.value : plainTextToHtml(described.value);
  throw new AppError('NINJS_NO_BODY', 'invalid', 'the item has no text/html or text/plain body', { field: 'bodies' });
}

function readStatus(item: NinjsItem, declared: string | undefined): ArticleStatus {
  if (declared && STATUSES.has(declared as ArticleStatus)) return declared as ArticleStatus;
  return item.pubStatus === undefined || item.pubStatus === 'usable' ? 'published' : 'unpublished';
}

/** "By Jane Doe and John Roe, Reuters" → ["Jane Doe", "John Roe", "Reuters"]. */
export function parseByline(by: string | undefined): string[] {
  if (!by?.trim()) return [];
  return by
    .replace(/^\s*(by|von|par|por)\s+/i, '')
    // No \s* around the separators: on a long run of spaces that backtracks quadratically. Names are trimmed below.
    .split(/,|;|&|\band\b|\bund\b/i)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Ticker tags: organisations' symbols (ninjs 3.x), and subjects marked rel "ticker" (as older exports wrote them); each symbol once. */
function tickerTags(item: NinjsItem): TagRef[] {
  const symbols = [
    ...(item.organisations ?? []).flatMap((o) => (o.symbols ?? []).map((s) => (s.symbol ?? '').trim())),
    ...(item.subjects ?? []).filter((s) => s.rel === 'ticker').map((s) => (s.name ?? s.literal ?? '').trim()),
  ];
  return [...new Set(symbols.filter(Boolean))].map((name) => ({ kind: 'ticker', name }));
}

function tagsFrom(entries: { name?: string; literal?: string }[] | undefined, kind: TagRef['kind']): TagRef[] {
  return (entries ?? []).flatMap((entry) => {
    const name = (entry.name ?? entry.literal ?? '').trim();
    return name ? [{ kind, name }] : [];
  });
}
