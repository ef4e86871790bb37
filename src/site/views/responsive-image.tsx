import { fallbackFormat, MEDIA_MIME_TYPES, mediaUrl, pickVariant, srcsetFor, type MediaItem } from '../../content/media/index.js';

/**
 * An uploaded image at the width the layout needs: WebP for browsers that take it, the original's
 * format otherwise, each with a srcset of every width; width and height reserve the space.
 */
export function ResponsiveImage({ item, sizes, isEager = false }: { item: MediaItem; sizes: string; isEager?: boolean }) {
  const format = fallbackFormat(item);
  const src = pickVariant(item, format, 1024);
  if (!src) return null;
  return (
    <picture>
      {format !== 'webp' && <source type={MEDIA_MIME_TYPES.webp} srcset={srcsetFor(item, 'webp')} sizes={sizes} />}
      <img
        src={mediaUrl(src.fileKey)}
        srcset={srcsetFor(item, format)}
        sizes={sizes}
        width={src.width}
        height={src.height}
        alt={item.alt}
        loading={isEager ? 'eager' : 'lazy'}
        decoding="async"
        {...(isEager ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}
