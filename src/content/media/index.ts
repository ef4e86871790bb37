// Uploaded images and their variants: srcset and variant helpers (pure) and their queries. The only
// file other modules import from this folder.
export {
  fallbackFormat,
  MEDIA_EXTENSIONS,
  MEDIA_MIME_TYPES,
  mediaUrl,
  pickVariant,
  srcsetFor,
  toArticleImage,
  type ArticleImage,
  type MediaFormat,
  type MediaItem,
} from './media.js';
export { findHeroImage, findMedia, insertMedia, keepRemoteImage, loadHeroImages, searchMedia, type RemoteImage } from './media-store.js';
