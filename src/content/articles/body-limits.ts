/** How deep tags may nest in a story body: real copy stays under ten levels, lists and tables included. */
export const MAX_BODY_NESTING = 100;

/**
 * How many tags and character references ("<" and "&") a body may hold. The sanitizer spends a
 * few microseconds on each, so this keeps any body under a few tens of milliseconds of work; a
 * 5,000-word story with links, lists and tables uses well under a thousand.
 */
export const MAX_BODY_MARKUP = 5_000;

/** Why a body is refused before it is parsed, if it is. */
export type BodyLimitBreach = 'too_deep' | 'too_much_markup';

// Elements that never hold content, so they add no level (HTML "void elements").
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
// [^\s/<>]* cannot run past the next "<", so every character is scanned once: linear time.
const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)/g;

/**
 * An upper bound of how deep the tags of an HTML fragment nest, in one linear pass. The HTML
 * parser keeps open elements on a stack it shifts at every start tag, so deep nesting costs it
 * quadratic time: bodies are measured with this before they are parsed.
 */
export function htmlNestingDepth(html: string): number {
  const open: string[] = [];
  let deepest = 0;
  for (const [, slash, rawName] of html.matchAll(TAG)) {
    const name = rawName!.toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (slash) {
      // Only a close tag that matches the innermost element closes it; the bound stays an upper one.
      if (open[open.length - 1] === name) open.pop();
      continue;
    }
    // A paragraph or list item ends where the next one starts, as the parser does it.
    if ((name === 'p' || name === 'li') && open[open.length - 1] === name) open.pop();
    open.push(name);
    if (open.length > deepest) deepest = open.length;
  }
  return deepest;
}

/** How many "<" and "&" characters a text holds: the work an HTML parser does beyond plain text. */
export function countMarkup(html: string): number {
  let count = 0;
  for (let index = 0; index < html.length; index += 1) {
    const code = html.charCodeAt(index);
    if (code === 60 || code === 38) count += 1;
  }
  return count;
}

/** Why a body cannot be parsed within the time budget, or undefined when it can. */
export function checkBodyLimits(html: string): BodyLimitBreach | undefined {
  if (countMarkup(html) > MAX_BODY_MARKUP) return 'too_much_markup';
  if (htmlNestingDepth(html) > MAX_BODY_NESTING) return 'too_deep';
  return undefined;
}
