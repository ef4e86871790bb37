/** How many of the media library's newest images a picker offers (the story's hero, a live update's image). */
export const RECENT_LIBRARY_IMAGES = 50;

/** A picker's options for library images: none first, then each by its description and id. */
export function libraryImageOptions(images: readonly { id: number; alt: string }[]): { value: string; label: string }[] {
  return [{ value: '', label: 'None' }, ...images.map((image) => ({ value: String(image.id), label: `${image.alt} (image ${image.id})` }))];
}
