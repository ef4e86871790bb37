export { mediaRoutes, type MediaRoutesOptions } from './media-routes.js';
export { createMediaFileStore, FILE_KEY_PATTERN, type MediaFileStore } from './media-files.js';
export { uploadMedia, MAX_UPLOAD_BYTES, MediaDetailsSchema, type MediaDetails, type UploadedFile, type UploadContext } from './upload-media.js';
export { processImage, sniffImageFormat, VARIANT_WIDTHS, type ProcessedImage, type EncodedVariant } from './image-variants.js';
export { presentMediaJson, ARTICLE_IMAGE_SIZES, type MediaJson } from './media-presenter.js';
