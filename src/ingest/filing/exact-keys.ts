import { createHash } from 'node:crypto';
import { normaliseForMatching } from './match-text.js';

// Query parameters that only say where a reader clicked from: the same story behind any of them.
const TRACKING_PARAMETERS = new Set(['fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'yclid', '_ga', 'ref_src']);
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * One spelling of a story's URL, so the same link from two feeds is one key: host lower case
 * (URL parsing does that and punycodes it), default port, fragment, `utm_*` and click-id
 * parameters dropped, remaining parameters sorted, a trailing slash dropped from any path but
 * the root, `http` and `https` kept apart (they can serve different things). `undefined` for what
 * is not an absolute http(s) URL.
 */
export function normaliseUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (DEFAULT_PORTS[url.protocol] === url.port) url.port = '';
  url.hostname = url.hostname.replace(/\.$/, '');
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParameter(name.toLowerCase()));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.toString();
}

function isTrackingParameter(name: string): boolean {
  return name.startsWith('utm_') || TRACKING_PARAMETERS.has(name);
}

/**
 * A hash of a story's words (headline and body as given), blind to case, punctuation, spacing and
 * Unicode forms: two feeds carrying the same copy agree on it. Hex SHA-256. Words as written (no
 * stop words or number rules), so a long body costs little; rewrites are the near-duplicate check's job.
 */
export function contentHash(text: string): string {
  // Two replaces over runs of punctuation and spacing: half the cost of listing every word.
  const words = normaliseForMatching(text).replace(NOT_WORD_OR_SPACE, ' ').replace(/ {2,}/g, ' ').trim();
  return createHash('sha256').update(words).digest('hex');
}

// Anything but letters, digits (ASCII and the BMP outside symbols and punctuation, as match-text
// reads words) and plain spaces.
const NOT_WORD_OR_SPACE = /[^a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2c00-\ud7ff\uf900-\uffef ]+/g;
