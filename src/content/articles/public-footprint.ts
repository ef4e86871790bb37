/** What readers can see of a story that decides which pages show it; null when the story is not public. */
export interface PublicFootprint {
  id: number;
  sectionSlug: string;
  /** Slugs of its tags: each has a topic page and feeds. */
  tagSlugs: readonly string[];
  /** Slugs of its byline authors: each has an author page and feeds. */
  authorSlugs: readonly string[];
}

/**
 * The cache keys a change to one story dirties, from what the public saw before and sees after:
 * nothing public on either side (a draft's save or autosave) dirties nothing; otherwise the
 * story's page, the front page, feeds and sitemaps, and its section, topic and author pages on
 * both sides (a section move dirties the old section and the new one). A story that is public
 * afterwards may answer at an address that was a cached 404 ("missing").
 */
export function cacheKeysForChange(before: PublicFootprint | null, after: PublicFootprint | null): string[] {
  if (!before && !after) return [];
  const keys = new Set<string>(['home', 'feeds', 'sitemaps']);
  for (const footprint of [before, after]) {
    if (!footprint) continue;
    keys.add(`article:${footprint.id}`);
    keys.add(`section:${footprint.sectionSlug}`);
    for (const slug of footprint.tagSlugs) keys.add(`topic:${slug}`);
    for (const slug of footprint.authorSlugs) keys.add(`author:${slug}`);
  }
  if (after) keys.add('missing');
  return [...keys].sort();
}
