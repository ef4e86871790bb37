/**
 * Whether an HTML body has any words, by a cheap look (tags and entities for spaces dropped):
 * the full text extraction runs later in the write path, once.
 */
export function hasText(html: string): boolean {
  return /[^\s]/.test(html.replace(/<[^>]*>|&nbsp;|&#160;/g, ' '));
}
