import { Parser } from 'htmlparser2';

/** How many characters of body text make the default teaser. */
export const TEASER_LENGTH = 110;

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'pre', 'td', 'th', 'br', 'div', 'section']);

/** Gathers the readable text of HTML from a parser's events (decoding entities): `htmlToText`'s reading, for a caller that parses anyway. */
export class HtmlTextCollector {
  private readonly parts: string[] = [];

  /** The parser's text event. */
  addText(text: string): void {
    this.parts.push(text);
  }

  /** The parser's open and close tag events: a block is set apart by a space. */
  addTag(name: string): void {
    if (BLOCK_TAGS.has(name)) this.parts.push(' ');
  }

  /** The text so far, whitespace collapsed. */
  text(): string {
    return collapseWhitespace(this.parts.join(''));
  }
}

/** The readable text of an HTML fragment: tags dropped, blocks separated by a space, whitespace collapsed. */
export function htmlToText(html: string): string {
  const collector = new HtmlTextCollector();
  const parser = new Parser(
    {
      ontext: (text) => collector.addText(text),
      onopentag: (name) => collector.addTag(name),
      onclosetag: (name) => collector.addTag(name),
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return collector.text();
}

// C0 controls other than tab, line feed and carriage return, DEL, C1 controls and the two
// noncharacters XML 1.0 forbids: wire copy sometimes carries them, and neither HTML nor XML may.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** Removes control characters that HTML and XML forbid, keeping tabs and line breaks. */
export function cleanText(text: string): string {
  return text.replace(FORBIDDEN_CHARACTERS, '');
}

/** Replaces runs of whitespace with one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  // Runs of two or more, and single whitespace other than a space: a lone space (most of them) is
  // left in place, which makes this three times faster than replacing every run.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * The default teaser: the first 110 characters of the body text, cut back to the last
 * whole word, without an ellipsis (the house rule the seed page follows).
 */
export function deriveTeaser(bodyText: string, length = TEASER_LENGTH): string {
  // Only the opening matters: collapse a generous prefix, not the whole body.
  // The prefix is enough when it holds more than `length` characters (code points, not UTF-16 units:
  // 60 emoji are 120 units, and the words after a long gap must still count).
  const prefix = Array.from(collapseWhitespace(bodyText.slice(0, length * 8)));
  const characters = prefix.length > length || bodyText.length <= length * 8 ? prefix : Array.from(collapseWhitespace(bodyText));
  if (characters.length <= length) return characters.join('');
  const head = characters.slice(0, length).join('');
  const endsOnWordBoundary = /\s/.test(characters[length] ?? ' ');
  const cut = endsOnWordBoundary ? head : head.slice(0, Math.max(head.search(/\s\S*$/), 0));
  const teaser = cut.replace(/[\s,;:–—-]+$/u, '');
  // A first "word" longer than the limit (a long URL, say) is cut hard rather than dropped.
  return teaser || head;
}

/** Counts the words in plain text. */
export function countWords(text: string): number {
  // No need to collapse whitespace first: a word never contains any. One pass over a long body.
  const word = /[\p{L}\p{N}][\p{L}\p{N}’'.-]*/gu;
  let count = 0;
  while (word.exec(text)) count += 1;
  return count;
}

/** A URL-safe slug: lower case ASCII letters, digits and single hyphens, at most 80 characters. */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[đĐ]/g, 'd')
    .replace(/[łŁ]/g, 'l')
    .replace(/[þÞ]/g, 'th')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}
