import { createHash } from 'node:crypto';
import { matchTokens } from './match-text.js';

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
 * A hash of a story's words (headline and body as given), blind to case, punctuation, spacing,
 * Unicode forms and number formatting: two feeds carrying the same copy agree on it. Hex SHA-256.
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(matchTokens(text, { keepStopWords: true }).join(' ')).digest('hex');
}
