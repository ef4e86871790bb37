// What a story body may hold, as sanitize-html options: sanitize-body.ts applies it.
import type sanitizeHtml from 'sanitize-html';

/**
 * The body allowlist (sanitize-html options). Story bodies keep structure and links, nothing that
 * runs: no scripts, no event handlers, no style, no javascript: or data: URLs. h1 belongs to the
 * headline, so body h1 becomes h2.
 */
export const bodyPolicy: sanitizeHtml.IOptions = {
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

/** The policy a body's first pass takes: links and images resolved against `baseUrl` when it is a URL. */
export function bodyPolicyFor(baseUrl: string | undefined): sanitizeHtml.IOptions {
  return baseUrl && URL.canParse(baseUrl) ? policyResolvingAgainst(new URL(baseUrl)) : bodyPolicy;
}
