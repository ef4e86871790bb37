import type { CachedPage, Encoding } from './page-cache.js';

/** What the client asked for that decides how a cached page is answered. */
export interface ConditionalRequest {
  method: string;
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
}

/** The best content coding the client accepts: brotli, then gzip, else none (RFC 9110 §12.5.3). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let best: Encoding = 'identity';
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) <= 0) continue;
    if (name === 'br') return 'br';
    if (name === 'gzip' || name === 'x-gzip') best = 'gzip';
  }
  return best;
}

const ETAG_SUFFIXES = ['-br', '-gz', '-br2', '-gz2'];

/**
 * A variant's entity tag: one per content coding, since each is a different representation,
 * and another once it was recompressed smaller (its bytes changed, RFC 9110 §8.8.3).
 */
export function variantEtag(page: Pick<CachedPage, 'etag' | 'recompressed'>, encoding: Encoding): string {
  if (encoding === 'identity') return page.etag;
  const suffix = `${encoding === 'br' ? '-br' : '-gz'}${page.recompressed.get(encoding) === 'done' ? '2' : ''}`;
  return `${page.etag.slice(0, -1)}${suffix}"`;
}

/** Whether If-None-Match names this page in any coding (weak comparison, RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(page: CachedPage, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const base = page.etag.slice(1, -1);
  return ifNoneMatch.split(',').some((tag) => {
    const opaque = tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return opaque === base || ETAG_SUFFIXES.some((suffix) => opaque === `${base}${suffix}`);
  });
}

/** The status, headers and body (null for HEAD and 304) to answer a request from a cached page. */
export function answerFromCache(
  page: CachedPage,
  request: ConditionalRequest,
  compress: (encoding: Encoding) => Buffer | undefined,
): { status: number; headers: Record<string, string>; body: Buffer | null } {
  const chosen = page.status === 200 || page.status === 404 ? chooseEncoding(request.acceptEncoding) : 'identity';
  // Copied with Object.assign, not an object spread: V8 kept the spread copies, once more headers
  // were added to them, alive through young-generation collections (some 150 KB promoted to the
  // old generation per scavenge on a cached page under load, none this way), so the hot path kept
  // the old generation growing and collecting.
  const headers: Record<string, string> = Object.assign({}, page.headers);
  headers.etag = variantEtag(page, chosen);
  headers.vary = 'Accept-Encoding';
  if (page.status === 200 && matchesIfNoneMatch(page, request.ifNoneMatch)) {
    delete headers['content-type'];
    return { status: 304, headers, body: null };
  }
  // A coding not ready yet (a large body being compressed off the event loop): answer uncompressed.
  const compressed = compress(chosen);
  const encoding = compressed ? chosen : 'identity';
  const body = compressed ?? compress('identity')!;
  headers.etag = variantEtag(page, encoding);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  return { status: page.status, headers, body: request.method === 'HEAD' ? null : body };
}
