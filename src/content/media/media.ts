/** Image formats the site stores and serves. */
export type MediaFormat = 'jpeg' | 'png' | 'webp' | 'avif';

/** The Content-Type of each stored format. */
export const MEDIA_MIME_TYPES: Record<MediaFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The file extension of each stored format. */
export const MEDIA_EXTENSIONS: Record<MediaFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };

/** Path under which media files are served. */
export const MEDIA_URL_PREFIX = '/media/';

/** One resized copy of an image. */
export interface MediaVariant {
  width: number;
  height: number;
  format: MediaFormat;
  fileKey: string;
  bytes: number;
}

/** An uploaded image with the words shown beside it and its variants (narrowest first). */
export interface MediaItem {
  id: number;
  fileKey: string;
  originalName: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  createdByUserId: number | null;
  createdAt: string;
  variants: MediaVariant[];
}

/** The public path of a stored media file. */
export function mediaUrl(fileKey: string): string {
  return MEDIA_URL_PREFIX + fileKey;
}

/** The format every browser shows: the original's (JPEG or PNG; WebP uploads stay WebP). */
export function fallbackFormat(item: Pick<MediaItem, 'variants'>): MediaFormat {
  return item.variants.find((variant) => variant.format !== 'webp')?.format ?? 'webp';
}

/** Variants of one format, narrowest first. */
export function variantsOf(item: Pick<MediaItem, 'variants'>, format: MediaFormat): MediaVariant[] {
  return item.variants.filter((variant) => variant.format === format).sort((a, b) => a.width - b.width);
}

/** A srcset attribute value: "/media/…jpg 320w, /media/…jpg 640w". */
export function srcsetFor(item: Pick<MediaItem, 'variants'>, format: MediaFormat): string {
  return variantsOf(item, format)
    .map((variant) => `${mediaUrl(variant.fileKey)} ${variant.width}w`)
    .join(', ');
}

/** The widest variant of a format no wider than maxWidth (else the narrowest). */
export function pickVariant(item: Pick<MediaItem, 'variants'>, format: MediaFormat, maxWidth = Infinity): MediaVariant | undefined {
  const candidates = variantsOf(item, format);
  return candidates.filter((variant) => variant.width <= maxWidth).pop() ?? candidates[0];
}

/** A picture shown with a story: its hero image (url a site path such as /media/…, or absolute). */
export interface ArticleImage {
  url: string;
  width?: number;
  height?: number;
  alt?: string;
  mimeType?: string;
  caption?: string;
  credit?: string;
}

/** The image feeds, link previews and structured data carry: the largest variant in the fallback format (path URL). */
export function toArticleImage(item: MediaItem): ArticleImage | null {
  const format = fallbackFormat(item);
  const variant = pickVariant(item, format);
  if (!variant) return null;
  return {
    url: mediaUrl(variant.fileKey),
    width: variant.width,
    height: variant.height,
    alt: item.alt,
    mimeType: MEDIA_MIME_TYPES[format],
    caption: item.caption || undefined,
    credit: item.credit || undefined,
  };
}
