// Pure text rules the editor page renders on the server and its island repeats as you type
// (client/editor/ imports this file), so the two always agree.

/** A field's recommended length, and why. */
export interface LengthLimit {
  recommended: number;
  reason: string;
}

/**
 * Headlines: search results show about 60–70 characters before cutting a title off (Google News
 * accepts up to 110); teasers: search engines show about 160 characters of a description.
 */
export const LENGTH_LIMITS = {
  title: { recommended: 70, reason: 'search results show about 70' },
  excerpt: { recommended: 160, reason: 'search results show about 160' },
} as const satisfies Record<string, LengthLimit>;

/** A field's length advice: the count as a person reads it, and whether it runs over. */
export function describeLength(text: string, limit: LengthLimit): { text: string; isOver: boolean } {
  const count = countCharacters(text.trim());
  const isOver = count > limit.recommended;
  const over = isOver ? `: ${count - limit.recommended} over` : '';
  return { text: `${count} of ${limit.recommended} characters${over} (${limit.reason})`, isOver };
}

// Characters as a person counts them (an emoji is one), without building an array of a long text.
function countCharacters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

/** How many characters of a description search results and link cards show. */
export const DESCRIPTION_PREVIEW_LENGTH = 160;
/** How many characters of a title search results show. */
export const TITLE_PREVIEW_LENGTH = 70;

/** Cuts text at a word boundary to at most `max` characters, with an ellipsis, as search results do. */
export function clipText(text: string, max: number): string {
  // Only the opening can show: a long body is cut to a bounded head before any work on it.
  const head = text.length > max * 8 ? text.slice(0, max * 8) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  const characters = Array.from(flat);
  if (characters.length <= max && head === text) return flat;
  const cut = characters.slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

/** The description a search result or link card shows: the teaser override, else the dek, else the body's opening. */
export function previewDescription(fields: { excerpt: string; dek: string; bodyText: string }): string {
  const source = fields.excerpt.trim() || fields.dek.trim() || fields.bodyText;
  return clipText(source, DESCRIPTION_PREVIEW_LENGTH);
}

/** The address line of a search result: host › section › slug (the slug as typed, else made from the headline). */
export function previewAddress(fields: { siteUrl: string; section: string; slug: string; title: string }): string {
  const host = fields.siteUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const slug = roughSlug(fields.slug) || roughSlug(fields.title);
  return [host, fields.section, slug].filter(Boolean).join(' › ');
}

// Close enough to the stored slug for a preview (the saved one may add a number when it is taken).
function roughSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
