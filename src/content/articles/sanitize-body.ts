import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../errors.js';
import { checkBodyLimits, MAX_BODY_MARKUP, MAX_BODY_NESTING } from './body-limits.js';

// Story bodies keep structure and links, nothing that runs: no scripts, no event handlers,
// no style, no javascript: or data: URLs. h1 belongs to the headline, so body h1 becomes h2.
const bodyPolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup',
    'br', 'hr', 'code', 'pre', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'abbr', 'cite', 'q',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    // srcset URLs are checked against the allowed schemes like src (sanitize-html parses them).
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  // Dropped with their text, not just their tags: none of this is body copy.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'iframe', 'object'],
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: { h1: 'h2', h5: 'h4', h6: 'h4' },
  exclusiveFilter: (frame) => frame.tag === 'p' && frame.text.trim() === '' && !frame.mediaChildren.length,
};

/** The body policy with links and images resolved against a base URL (copy taken in from a feed, whose links are relative to it). */
function policyResolvingAgainst(base: URL): sanitizeHtml.IOptions {
  const resolve = (value: string | undefined) => {
    if (value === undefined) return undefined;
    try {
      return new URL(value.trim(), base).href;
    } catch {
      return value;
    }
  };
  const withResolved = (attribs: sanitizeHtml.Attributes, names: string[]) => {
    const resolved = { ...attribs };
    for (const name of names) if (resolved[name] !== undefined) resolved[name] = resolve(resolved[name])!;
    // srcset: comma-separated "URL descriptor" candidates.
    if (resolved.srcset !== undefined) {
      resolved.srcset = resolved.srcset
        .split(/,\s+/)
        .map((candidate) => candidate.trim().replace(/^\S+/, (url) => resolve(url)!))
        .join(', ');
    }
    return resolved;
  };
  return {
    ...bodyPolicy,
    transformTags: {
      ...bodyPolicy.transformTags,
      a: (tagName, attribs) => ({ tagName, attribs: withResolved(attribs, ['href']) }),
      img: (tagName, attribs) => ({ tagName, attribs: withResolved(attribs, ['src']) }),
    },
  };
}

/**
 * Cleans story HTML to the body allowlist; the result is safe to render as is. With `baseUrl`,
 * relative links and image sources (and protocol-relative ones, which the allowlist would drop)
 * are made absolute against it first. Refuses bodies too complex to parse in time (BODY_TOO_COMPLEX).
 */
export function sanitizeBodyHtml(html: string, { baseUrl }: { baseUrl?: string } = {}): string {
  const breach = checkBodyLimits(html);
  if (breach) {
    const message =
      breach === 'too_deep'
        ? `The body nests tags more than ${MAX_BODY_NESTING} levels deep: simplify its structure, or paste it as plain text.`
        : `The body holds more than ${MAX_BODY_MARKUP.toLocaleString('en')} tags and "<" or "&" characters: split it into several stories, or simplify it.`;
    throw new AppError('BODY_TOO_COMPLEX', 'invalid', message, { body: breach });
  }
  // One pass can leave nesting that a parser reads differently the next time (a <tr> inside a <td>,
  // a block inside a <p>); a second pass settles it, so saving a saved body changes nothing.
  const firstPolicy = baseUrl && URL.canParse(baseUrl) ? policyResolvingAgainst(new URL(baseUrl)) : bodyPolicy;
  return sanitizeHtml(sanitizeHtml(html, firstPolicy), bodyPolicy).trim();
}

/** Turns plain text (paragraphs separated by blank lines) into escaped paragraph HTML. */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
}

/** Escapes the five characters that matter in HTML text and attributes. */
export function escapeHtml(text: string): string {
  // Native replacements, not a callback per character: a body can hold hundreds of thousands.
  return text.replaceAll('&', '&#38;').replaceAll('<', '&#60;').replaceAll('>', '&#62;').replaceAll('"', '&#34;').replaceAll("'", '&#39;');
}
