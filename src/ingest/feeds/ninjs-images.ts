import type { NinjsItem } from '../ninjs/ninjs-item.js';
import type { FeedImage } from './feed-item.js';

// ninjs carries pictures as associations (an array in 2.x/3.x, an object keyed by name in 1.x), each
// a ninjs item of type picture or graphic with renditions of several sizes.

/** Widest rendition taken: larger ones are print originals of many megabytes. */
const MAX_RENDITION_WIDTH = 2048;
/** Pictures read from one item. */
const MAX_IMAGES = 20;

interface Rendition {
  href?: unknown;
  contentType?: unknown;
  width?: unknown;
}

/** The pictures associated with a ninjs item, as remote references with caption and credit. */
export function ninjsImages(item: NinjsItem): FeedImage[] {
  const raw = (item as { associations?: unknown }).associations;
  const associations = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
  const images: FeedImage[] = [];
  for (const association of associations.slice(0, MAX_IMAGES)) {
    if (!association || typeof association !== 'object') continue;
    const picture = association as Record<string, unknown>;
    if (picture.type !== 'picture' && picture.type !== 'graphic') continue;
    const url = bestRendition(picture.renditions);
    if (!url) continue;
    const descriptions = Array.isArray(picture.descriptions) ? (picture.descriptions as Array<{ role?: unknown; value?: unknown }>) : [];
    const described = (roles: Array<string | undefined>) => descriptions.find((d) => roles.includes(typeof d.role === 'string' ? d.role : undefined) && typeof d.value === 'string')?.value as string | undefined;
    const image: FeedImage = { url };
    const caption = described(['caption', undefined]) ?? text(picture.description_text);
    const credit = text(picture.by) ?? described(['creditline']) ?? text(picture.copyrightHolder);
    if (caption) image.caption = caption;
    if (credit) image.credit = credit;
    images.push(image);
  }
  return images;
}

// The widest image rendition no wider than MAX_RENDITION_WIDTH (else the narrowest), by http(s) URL.
function bestRendition(renditions: unknown): string | undefined {
  const list = (Array.isArray(renditions) ? renditions : renditions && typeof renditions === 'object' ? Object.values(renditions) : []) as Rendition[];
  const usable = list
    .filter((rendition) => typeof rendition?.href === 'string' && /^https?:\/\//i.test(rendition.href) && (rendition.contentType === undefined || /^image\//i.test(String(rendition.contentType))))
    .map((rendition) => ({ href: rendition.href as string, width: typeof rendition.width === 'number' ? rendition.width : 0 }));
  if (usable.length === 0) return undefined;
  const fitting = usable.filter((rendition) => rendition.width <= MAX_RENDITION_WIDTH).sort((a, b) => b.width - a.width);
  return (fitting[0] ?? usable.sort((a, b) => a.width - b.width)[0])!.href;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
