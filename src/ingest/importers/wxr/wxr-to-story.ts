import { htmlToText } from '../../../content/text/index.js';
import { normaliseOldPath } from '../../../content/articles/index.js';
import type { RemoteImage } from '../../../content/media/index.js';
import type { ImportItem } from '../import-stories.js';
import { hasText } from '../import-text.js';
import { sectionFor, type SectionChoice } from '../section-choice.js';
import type { WxrItem } from './read-wxr.js';

/** What a WordPress post's mapping needs from the rest of the file and from the operator. */
export interface WxrContext extends SectionChoice {
  /** The old site's host: part of every story's uri. */
  site: string;
  /** `--categories`: categories become sections (the first that maps) or topics. */
  categoriesAs: 'sections' | 'topics';
  /** Author login → display name (`<wp:author>`). */
  authors: ReadonlyMap<string, string>;
  /** Attachment id → the image, for featured images (`_thumbnail_id`). */
  attachments: ReadonlyMap<string, RemoteImage>;
  language: string;
}

// WordPress statuses: published posts go live; unfinished ones come in as drafts; the rest are not posts anyone wrote.
const DRAFT_STATUSES = new Set(['draft', 'pending', 'future', 'private']);
const NO_DATE = '0000-00-00 00:00:00';

/** The story (or the reason to skip) for one WXR item; pure. */
export function wxrItemToImport(item: WxrItem, context: WxrContext): ImportItem {
  const label = `post ${item.postId} "${item.title.slice(0, 60)}"`;
  if (item.postType === 'attachment') return { kind: 'skipped', label, reason: 'attachments: not imported (those shown as featured images are kept as references)' };
  if (item.postType !== 'post') return { kind: 'skipped', label, reason: `${item.postType || 'untyped'} items are not imported (posts only)` };
  const status = item.status === 'publish' ? 'published' : DRAFT_STATUSES.has(item.status) ? 'draft' : undefined;
  if (!status) return { kind: 'skipped', label, reason: `status "${item.status}" (trash, auto-drafts and revisions are not imported)` };
  if (!item.title.trim()) return { kind: 'skipped', label, reason: 'no title' };
  const bodyHtml = wordpressBodyToHtml(item.contentHtml);
  if (!hasText(bodyHtml)) return { kind: 'skipped', label, reason: 'empty post (no content)' };

  const notes: string[] = [];
  const categories = item.terms.filter((term) => term.domain === 'category').map((term) => ({ name: term.name, slug: term.nicename }));
  const tags = item.terms.filter((term) => term.domain === 'post_tag').map((term) => term.name);
  // As topics, categories give a section only where the operator mapped one.
  const choice: SectionChoice = context.categoriesAs === 'sections' ? context : { sections: [], sectionMap: context.sectionMap };
  const sectionTerm = categories.find((term) => sectionFor(term, choice));
  const section = sectionTerm ? sectionFor(sectionTerm, choice)! : null;
  if (!section && context.categoriesAs === 'sections' && categories.length) notes.push(`categories matching no section (${categories[0]!.name}): default section`);
  const topics = [...(context.categoriesAs === 'topics' ? categories : categories.filter((term) => term !== sectionTerm)).map((term) => term.name), ...tags];

  const displayName = context.authors.get(item.creator);
  if (item.creator && !displayName) notes.push(`author "${item.creator}" not among the export's authors: bylined by login`);
  const thumbnailId = item.meta.get('_thumbnail_id');
  const heroImage = thumbnailId ? context.attachments.get(thumbnailId) : undefined;
  if (thumbnailId && !heroImage) notes.push('featured image missing from the export');
  const oldPath = item.link && !item.link.includes('?') ? normaliseOldPath(item.link) : undefined;
  if (item.link && !oldPath) notes.push('permalink with a query (?p=N) or no path: no redirect');

  return {
    kind: 'story',
    input: {
      uri: `urn:wordpress:${context.site}:post:${item.postId}`,
      slug: safeDecode(item.postName) || undefined,
      status,
      title: item.title,
      dek: '',
      excerpt: item.excerpt ? htmlToText(item.excerpt) || null : null,
      bodyHtml,
      section,
      bylines: item.creator ? [displayName ?? item.creator] : [],
      tags: topics.filter(Boolean).map((name) => ({ kind: 'topic' as const, name })),
      canonicalUrl: null,
      source: 'wordpress',
      language: context.language,
      publishedAt: status === 'published' ? wordpressTime(item.postDateGmt) : null,
      updatedAt: status === 'published' ? wordpressTime(item.modifiedGmt) : null,
    },
    heroImage,
    oldPaths: oldPath ? [oldPath] : [],
    notes,
  };
}

/** An attachment item as a remote image (caption from its excerpt, alt and credit from its meta), if it has a web address. */
export function wxrAttachmentImage(item: WxrItem): RemoteImage | undefined {
  if (!/^https?:\/\//i.test(item.attachmentUrl)) return undefined;
  // _wp_attachment_metadata is PHP-serialized: width, height and image_meta's credit are read by pattern, not unserialized.
  const metadata = item.meta.get('_wp_attachment_metadata') ?? '';
  const integer = (key: string) => Number(new RegExp(`s:${key.length}:"${key}";i:(\\d{1,6});`).exec(metadata)?.[1] ?? 0) || undefined;
  const credit = /s:6:"credit";s:\d+:"([^"]*)";/.exec(metadata)?.[1] ?? '';
  return {
    url: item.attachmentUrl,
    alt: item.meta.get('_wp_attachment_image_alt') ?? '',
    caption: item.excerpt ? htmlToText(item.excerpt) : '',
    credit,
    width: integer('width'),
    height: integer('height'),
  };
}

/**
 * WordPress stores post text as the editor left it: paragraphs as blank lines (its `wpautop` adds
 * the <p> when showing), and `[caption]` shortcodes around images. Made into plain HTML here; the
 * write path sanitizes it after.
 */
export function wordpressBodyToHtml(content: string): string {
  const unwrapped = content.replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/g, '$1');
  if (/<(p|div|h[1-6]|ul|ol|table|blockquote|figure)[\s>]/i.test(unwrapped)) return unwrapped;
  return unwrapped
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

/** "2019-05-03 10:00:00" (GMT) → ISO time; WordPress writes zeros for "never". */
function wordpressTime(gmt: string): string | null {
  if (!gmt || gmt === NO_DATE || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(gmt)) return null;
  return `${gmt.replace(' ', 'T')}Z`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
