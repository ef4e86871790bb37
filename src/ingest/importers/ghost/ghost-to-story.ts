import { htmlToText } from '../../../content/text/index.js';
import { normaliseOldPath } from '../../../content/articles/index.js';
import type { ImportItem } from '../import-stories.js';
import { hasText } from '../import-text.js';
import { sectionFor, type SectionChoice } from '../section-choice.js';

/** A tag of a Ghost export; internal tags (`#name`) organise the old site and are not topics. */
export interface GhostTag {
  name: string;
  slug: string;
  isInternal: boolean;
}

/** What a Ghost post's mapping needs from the rest of the export (gathered in the first pass) and from the operator. */
export interface GhostContext extends SectionChoice {
  users: ReadonlyMap<string, string>;
  tags: ReadonlyMap<string, GhostTag>;
  /** Post id → tag ids, in the post's order. */
  postTags: ReadonlyMap<string, string[]>;
  /** Post id → author (user) ids, in the post's order. */
  postAuthors: ReadonlyMap<string, string[]>;
  /** Post id → its featured image's alt and caption (Ghost 5 keeps them in posts_meta). */
  postMeta: ReadonlyMap<string, { alt: string; caption: string }>;
  /** The old site's address (`--site`), for `__GHOST_URL__` in links and images; without it they become site paths. */
  siteUrl?: string;
  language: string;
}

/** Ghost writes its own address as this placeholder in exported links and images. */
const GHOST_URL = '__GHOST_URL__';

/** The story (or the reason to skip) for one post of a Ghost export; pure. */
export function ghostPostToImport(value: unknown, context: GhostContext): ImportItem {
  const post = (value ?? {}) as Record<string, unknown>;
  const id = text(post.id);
  const title = text(post.title);
  const label = `post ${id || '?'} "${title.slice(0, 60)}"`;
  if (!id) return { kind: 'skipped', label, reason: 'no id' };
  const type = text(post.type) || 'post';
  if (type !== 'post') return { kind: 'skipped', label, reason: `${type}s are not imported (posts only)` };
  const ghostStatus = text(post.status);
  const status = ghostStatus === 'published' ? 'published' : ['draft', 'scheduled', 'sent'].includes(ghostStatus) ? 'draft' : undefined;
  if (!status) return { kind: 'skipped', label, reason: `status "${ghostStatus}"` };
  if (!title.trim()) return { kind: 'skipped', label, reason: 'no title' };
  const html = text(post.html);
  if (!html.trim()) {
    const reason = post.mobiledoc || post.lexical ? 'no html, only mobiledoc or lexical (export again from Ghost 4 or later, which writes html)' : 'empty post (no content)';
    return { kind: 'skipped', label, reason };
  }
  const bodyHtml = withSiteUrl(html, context.siteUrl);
  if (!hasText(bodyHtml)) return { kind: 'skipped', label, reason: 'empty post (no content)' };

  const notes: string[] = [];
  const tags = (context.postTags.get(id) ?? []).flatMap((tagId) => context.tags.get(tagId) ?? []).filter((tag) => !tag.isInternal);
  const sectionTag = tags.find((tag) => sectionFor(tag, context));
  const authorIds = context.postAuthors.get(id) ?? (text(post.author_id) ? [text(post.author_id)] : []);
  const bylines = authorIds.flatMap((authorId) => {
    const name = context.users.get(authorId);
    if (!name) notes.push(`author ${authorId} not among the export's users: left off the byline`);
    return name ? [name] : [];
  });
  const featured = text(post.feature_image);
  const meta = context.postMeta.get(id);
  const imageUrl = featured ? withSiteUrl(featured, context.siteUrl) : '';
  if (featured && !/^https?:\/\//i.test(imageUrl)) notes.push(`featured image ${featured.slice(0, 80)} has no web address (give --site)`);
  const slug = text(post.slug);
  const oldPath = status === 'published' && slug ? normaliseOldPath(`/${slug}/`) : undefined;

  return {
    kind: 'story',
    input: {
      uri: `urn:ghost:post:${id}`,
      slug: slug || undefined,
      status,
      title,
      dek: '',
      excerpt: text(post.custom_excerpt) || null,
      bodyHtml,
      section: sectionTag ? sectionFor(sectionTag, context)! : null,
      bylines,
      tags: tags.map((tag) => ({ kind: 'topic' as const, name: tag.name })),
      canonicalUrl: null,
      source: 'ghost',
      language: context.language,
      publishedAt: status === 'published' ? isoTime(post.published_at) : null,
      updatedAt: status === 'published' ? isoTime(post.updated_at) : null,
    },
    heroImage: /^https?:\/\//i.test(imageUrl)
      ? {
          url: imageUrl,
          alt: text(post.feature_image_alt) || meta?.alt || '',
          caption: htmlToText(text(post.feature_image_caption) || meta?.caption || ''),
          credit: '',
        }
      : undefined,
    oldPaths: oldPath ? [oldPath] : [],
    notes,
  };
}

/**
 * An entry of the export's redirects (`{ from, to }`, Ghost's redirects.json form) as an old
 * address. Ghost reads `from` as a regular expression: a plain path written as one (`^/old/$`) is
 * taken; a real pattern cannot be one lookup by key, and is skipped with its reason.
 */
export function ghostRedirectToImport(value: unknown, siteUrl: string | undefined): ImportItem {
  const entry = (value ?? {}) as Record<string, unknown>;
  const from = text(entry.from);
  const to = withSiteUrl(text(entry.to), siteUrl);
  const label = `redirect ${from.slice(0, 80)}`;
  const plain = from.replace(/^\^/, '').replace(/\$$/, '').replaceAll('\\/', '/').replace(/\/\?$/, '/');
  if (/[()*+?[\]{}|\\^$]/.test(plain)) return { kind: 'skipped', label, reason: 'redirect by a pattern (regular expression): not supported' };
  const oldPath = normaliseOldPath(plain);
  if (!oldPath) return { kind: 'skipped', label, reason: 'redirect from no path' };
  let target: URL;
  try {
    target = new URL(to, siteUrl ?? 'http://old.invalid');
  } catch {
    return { kind: 'skipped', label, reason: 'redirect to an address that is not one' };
  }
  const isSameSite = siteUrl ? target.origin === new URL(siteUrl).origin : target.origin === 'http://old.invalid';
  if (!isSameSite || !target.pathname.startsWith('/') || target.pathname.startsWith('//')) return { kind: 'skipped', label, reason: 'redirect to another site: not kept' };
  return { kind: 'redirect', oldPath, targetPath: target.pathname + target.search };
}

function withSiteUrl(value: string, siteUrl: string | undefined): string {
  return value.replaceAll(GHOST_URL, (siteUrl ?? '').replace(/\/$/, ''));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function isoTime(value: unknown): string | null {
  const time = typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
