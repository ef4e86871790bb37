// A page is cached under its URL, so every distinct URL costs a render and room in the cache.
// Query parameters a page does not read (?cb=1, ?utm_source=…) would let anyone fill the cache
// with copies of one page: the key keeps only the parameters the page uses, in a fixed order.

/** The query parameters one kind of page uses; every other parameter is left out of its cache key. */
export interface QueryRule {
  /** Which paths (without the query string) the rule covers; the first matching rule applies. */
  path: RegExp;
  /** The parameters that change the page, in the order the key lists them. */
  parameters: readonly string[];
}

/** A request URL reduced to what the page depends on: the cache key, and the query a renderer may read. */
export interface CanonicalUrl {
  key: string;
  query: URLSearchParams;
}

/** Maps request URLs to canonical cache keys, shared by the pre-routing hot path and the routes. */
export interface CacheKeys {
  /** The cache key and the kept parameters of a request URL. */
  canonical(url: string): CanonicalUrl;
  /** The cache key of a request URL (the URL itself when it has no query and no escapes). */
  keyFor(url: string): string;
}

// RFC 3986 §6.2.2: percent-encoded unreserved characters equal the characters themselves, and
// hex digits are case-insensitive. "/mark%65ts/" is "/markets/" to the router, so to the cache too.
const ESCAPE = /%([0-9a-fA-F]{2})/g;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

function normalizePath(path: string): string {
  if (!path.includes('%')) return path;
  return path.replace(ESCAPE, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : escape.toUpperCase();
  });
}

/** Builds the key mapping from per-path rules; paths no rule covers use no parameters at all (feeds, sitemaps, articles). */
export function createCacheKeys(rules: readonly QueryRule[]): CacheKeys {
  function canonical(url: string): CanonicalUrl {
    const mark = url.indexOf('?');
    const path = normalizePath(mark === -1 ? url : url.slice(0, mark));
    const parameters = rules.find((rule) => rule.path.test(path))?.parameters ?? [];
    const given = new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1));
    const query = new URLSearchParams();
    for (const name of parameters) for (const value of given.getAll(name)) query.append(name, value);
    const search = query.toString();
    return { key: search ? `${path}?${search}` : path, query };
  }
  return {
    canonical,
    keyFor: (url) => (url.includes('?') || url.includes('%') ? canonical(url).key : url),
  };
}
