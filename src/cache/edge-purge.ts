// Purging the edge cache (a CDN such as Varnish with the xkey module) by surrogate key: the keys a
// change dirtied travel as `PURGE` requests carrying an `xkey` header, the convention of
// varnish-modules' xkey (`deploy/varnish/fortune-sky.vcl` is the configuration that accepts them).

/**
 * The surrogate key every cached page carries (and that the shipped VCL gives every object it
 * stores): purging it empties the edge. Used when a change's keys are unknown (its change event was
 * pruned before the purge ran) or when a change dirtied everything.
 */
export const ALL_PAGES_KEY = 'all';

/**
 * The longest xkey header value sent in one request. Varnish refuses a request whose header line
 * passes `http_req_hdr_len` (8 KB by default) or whose headers together pass `http_req_size`
 * (32 KB); 4,000 bytes leaves room for the rest of the request under both, and under the 8 KB
 * most proxies and CDNs accept per header. More keys than fit go in further requests.
 */
export const MAX_PURGE_HEADER_BYTES = 4000;

// The page cache's key for "every page" (PageCache.purge): bulk changes name it instead of listing keys.
const EVERY_PAGE = '*';

// A key travels as it is, so it must be a header-safe token: visible ASCII (RFC 9110 field values
// without obs-text), and neither space nor comma, the separators xkey splits its header on.
const HEADER_SAFE_KEY = /^[\x21-\x2b\x2d-\x7e]+$/;

/**
 * The xkey header values that purge these keys: each a space-separated list of at most maxBytes,
 * keys once each and sorted. When precision is impossible it purges everything instead of too
 * little: the page cache's "*", a key that is not a header-safe token (it could not have been
 * sent in a Surrogate-Key header either) or a key longer than a header all become ALL_PAGES_KEY.
 * No keys: no requests.
 */
export function edgePurgeHeaderValues(keys: Iterable<string>, maxBytes = MAX_PURGE_HEADER_BYTES): string[] {
  const unique = new Set<string>();
  for (const key of keys) {
    if (key === EVERY_PAGE || !HEADER_SAFE_KEY.test(key) || key.length > maxBytes) return [ALL_PAGES_KEY];
    unique.add(key);
  }
  const values: string[] = [];
  let current = '';
  for (const key of [...unique].sort()) {
    if (current !== '' && current.length + 1 + key.length > maxBytes) {
      values.push(current);
      current = key;
    } else {
      current = current === '' ? key : `${current} ${key}`;
    }
  }
  if (current !== '') values.push(current);
  return values;
}

/** What one purge did at the edge. */
export interface EdgePurgeResult {
  /** PURGE requests sent (one per header value). */
  requests: number;
  /** Objects the edge reports it dropped (the shipped VCL's `X-Purged` header; 0 when the edge does not say). */
  purged: number;
}

/** Sends surrogate keys to the edge cache. */
export interface EdgePurger {
  /** Purges every object tagged with any of the keys; rejects if any request fails or is refused (the caller retries the whole purge: purging twice is harmless). */
  purge(keys: Iterable<string>): Promise<EdgePurgeResult>;
}

/** Where the edge is and how long to wait for it. */
export interface EdgePurgerOptions {
  /** The edge cache's address (EDGE_PURGE_URL); PURGE requests go to it as they are. */
  url: string;
  /** How long one request may take before it counts as failed. */
  timeoutMs?: number;
  maxHeaderBytes?: number;
}

/**
 * Purges by key over HTTP: one `PURGE` request per header value, one after another, each with
 * `xkey: key1 key2 …`. A hard purge, not xkey's soft purge: a soft-purged object stays in grace
 * and would be served once more, stale, while it is fetched again, and the issue asks that a
 * publish be visible at once.
 */
export function createEdgePurger({ url, timeoutMs = 5000, maxHeaderBytes = MAX_PURGE_HEADER_BYTES }: EdgePurgerOptions): EdgePurger {
  return {
    async purge(keys) {
      const values = edgePurgeHeaderValues(keys, maxHeaderBytes);
      let purged = 0;
      for (const value of values) {
        let response: Response;
        try {
          response = await fetch(url, { method: 'PURGE', headers: { xkey: value }, signal: AbortSignal.timeout(timeoutMs) });
        } catch (error) {
          throw new Error(`The edge cache at ${url} did not answer a PURGE: ${describeFetchError(error)}`, { cause: error });
        }
        const body = await response.text();
        if (!response.ok) throw new Error(`The edge cache at ${url} refused a PURGE with ${response.status}: ${body.trim().slice(0, 200)}`);
        purged += Number(response.headers.get('x-purged')) || 0;
      }
      return { requests: values.length, purged };
    },
  };
}

// fetch() says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause.
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  if (error.name === 'TimeoutError') return 'no answer in time';
  return cause?.code ?? cause?.message ?? error.message;
}
