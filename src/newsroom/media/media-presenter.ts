import { fallbackFormat, mediaUrl, pickVariant, srcsetFor, type MediaItem } from '../../content/media/index.js';

/** An image as the editor's JSON API returns it (docs/newsroom.md: id, url, width, height, alt, caption, credit, srcset). */
export interface MediaJson {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  srcset: string;
  sizes: string;
}

/** Widest variant the editor inserts as src; srcset lets browsers pick another. */
const EDITOR_SRC_WIDTH = 1024;

/** The `sizes` of an image shown in the article column. */
export const ARTICLE_IMAGE_SIZES = '(max-width: 760px) 100vw, 720px';

/** Chooses which fields of an image leave the server for the editor. */
export function presentMediaJson(item: MediaItem): MediaJson {
  const format = fallbackFormat(item);
  const variant = pickVariant(item, format, EDITOR_SRC_WIDTH)!;
  return {
    id: item.id,
    url: mediaUrl(variant.fileKey),
    width: variant.width,
    height: variant.height,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    srcset: srcsetFor(item, format),
    sizes: ARTICLE_IMAGE_SIZES,
  };
}
