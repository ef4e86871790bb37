import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { answerFromCache, chooseEncoding, matchesIfNoneMatch, variantEtag, type ConditionalRequest } from './negotiate.js';
import type { CachedPage, Encoding } from './page-cache.js';

const BODY = Buffer.from('<!doctype html><p>Hello, markets.</p>'.repeat(20));

function cachedPage(status = 200, etag = '"abc123"'): CachedPage {
  return {
    status,
    keys: ['home'],
    etag,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60', 'surrogate-key': 'home' },
    variants: new Map([['identity', BODY]]),
    recompressed: new Map(),
    size: BODY.length,
  };
}

/** A compress function that records which encodings were asked for. */
function compressor(): { compress: (encoding: Encoding) => Buffer; asked: Encoding[] } {
  const asked: Encoding[] = [];
  const bytes: Record<Encoding, Buffer> = { identity: BODY, gzip: gzipSync(BODY), br: brotliCompressSync(BODY) };
  return {
    asked,
    compress: (encoding) => {
      asked.push(encoding);
      return bytes[encoding];
    },
  };
}

function request(overrides: Partial<ConditionalRequest> = {}): ConditionalRequest {
  return { method: 'GET', acceptEncoding: undefined, ifNoneMatch: undefined, ...overrides };
}

describe('chooseEncoding', () => {
  test.each<[string | undefined, Encoding]>([
    ['gzip, deflate, br', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate, gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br; q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
    ['GZIP, BR', 'br'],
    ['gzip;q=0.5, br;q=0.1', 'br'],
  ])('%j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('variantEtag', () => {
  test('identity keeps the page etag; br and gzip get distinct tags', () => {
    const page = cachedPage();
    const tags = (['identity', 'gzip', 'br'] as const).map((encoding) => variantEtag(page, encoding));
    expect(tags[0]).toBe('"abc123"');
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/);
    expect(tags[1]).toBe('"abc123-gz"');
    expect(tags[2]).toBe('"abc123-br"');
  });
});

describe('matchesIfNoneMatch', () => {
  const page = cachedPage();

  test('absent header never matches', () => {
    expect(matchesIfNoneMatch(page, undefined)).toBe(false);
    expect(matchesIfNoneMatch(page, '')).toBe(false);
  });

  test('exact strong tag matches', () => {
    expect(matchesIfNoneMatch(page, '"abc123"')).toBe(true);
  });

  test('weak comparison: a W/ prefix still matches', () => {
    expect(matchesIfNoneMatch(page, 'W/"abc123"')).toBe(true);
  });

  test('a tag anywhere in a list matches', () => {
    expect(matchesIfNoneMatch(page, '"other", W/"nope",  "abc123"')).toBe(true);
    expect(matchesIfNoneMatch(page, '"other", "nope"')).toBe(false);
  });

  test('* matches any page', () => {
    expect(matchesIfNoneMatch(page, '*')).toBe(true);
    expect(matchesIfNoneMatch(page, ' * ')).toBe(true);
  });

  test("any variant's etag matches the page", () => {
    expect(matchesIfNoneMatch(page, variantEtag(page, 'br'))).toBe(true);
    expect(matchesIfNoneMatch(page, variantEtag(page, 'gzip'))).toBe(true);
    expect(matchesIfNoneMatch(page, `W/${variantEtag(page, 'gzip')}`)).toBe(true);
  });

  test('a different or merely similar tag does not match', () => {
    expect(matchesIfNoneMatch(page, '"abc12"')).toBe(false);
    expect(matchesIfNoneMatch(page, '"abc1234"')).toBe(false);
    expect(matchesIfNoneMatch(page, '"abc123-zz"')).toBe(false);
  });
});

describe('answerFromCache', () => {
  test('a matching If-None-Match on a 200 page gives 304 with no body', () => {
    const page = cachedPage();
    const { compress, asked } = compressor();
    const answer = answerFromCache(page, request({ acceptEncoding: 'gzip', ifNoneMatch: '"abc123-gz"' }), compress);
    expect(answer.status).toBe(304);
    expect(answer.body).toBeNull();
    expect(answer.headers.etag).toBe('"abc123-gz"');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('public, max-age=60');
    expect(asked).toEqual([]); // nothing compressed for a 304
  });

  test('a 304 is not given for a non-200 page', () => {
    const page = cachedPage(404);
    const { compress } = compressor();
    const answer = answerFromCache(page, request({ ifNoneMatch: '*' }), compress);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(BODY);
  });

  test('a non-matching If-None-Match gives the full page', () => {
    const { compress } = compressor();
    const answer = answerFromCache(cachedPage(), request({ ifNoneMatch: '"stale"' }), compress);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(BODY);
  });

  test('brotli: content-encoding, content-length of the compressed bytes, variant etag, vary', () => {
    const { compress, asked } = compressor();
    const answer = answerFromCache(cachedPage(), request({ acceptEncoding: 'gzip, deflate, br' }), compress);
    expect(asked).toEqual(['br']);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.body).not.toBeNull();
    expect(answer.headers['content-length']).toBe(String(answer.body!.length));
    expect(answer.body!.length).toBeLessThan(BODY.length);
    expect(answer.headers.etag).toBe('"abc123-br"');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  test('gzip: content-encoding gzip and its length', () => {
    const { compress } = compressor();
    const answer = answerFromCache(cachedPage(), request({ acceptEncoding: 'gzip' }), compress);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-length']).toBe(String(gzipSync(BODY).length));
    expect(answer.headers.etag).toBe('"abc123-gz"');
  });

  test('identity: no content-encoding, the page etag, the plain length', () => {
    const { compress } = compressor();
    const answer = answerFromCache(cachedPage(), request(), compress);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-length']).toBe(String(BODY.length));
    expect(answer.headers.etag).toBe('"abc123"');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.body).toEqual(BODY);
  });

  test('HEAD gets the headers of GET but a null body', () => {
    const { compress } = compressor();
    const get = answerFromCache(cachedPage(), request({ acceptEncoding: 'br' }), compress);
    const head = answerFromCache(cachedPage(), request({ method: 'HEAD', acceptEncoding: 'br' }), compress);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers).toEqual(get.headers);
  });

  test('redirects and other statuses are served uncompressed', () => {
    const { compress, asked } = compressor();
    const answer = answerFromCache(cachedPage(301), request({ acceptEncoding: 'br, gzip' }), compress);
    expect(asked).toEqual(['identity']);
    expect(answer.status).toBe(301);
    expect(answer.headers['content-encoding']).toBeUndefined();
  });

  test('does not mutate the cached page headers', () => {
    const page = cachedPage();
    const { compress } = compressor();
    answerFromCache(page, request({ acceptEncoding: 'br', ifNoneMatch: '"abc123"' }), compress);
    answerFromCache(page, request({ acceptEncoding: 'br' }), compress);
    expect(page.headers).toEqual({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60', 'surrogate-key': 'home' });
  });
});

describe('ETags of recompressed variants', () => {
  test('a variant recompressed smaller gets its own ETag, and If-None-Match accepts either', () => {
    const page = cachedPage();
    expect(variantEtag(page, 'br')).toBe('"abc123-br"');
    page.recompressed.set('br', 'pending');
    expect(variantEtag(page, 'br')).toBe('"abc123-br"');
    page.recompressed.set('br', 'done');
    expect(variantEtag(page, 'br')).toBe('"abc123-br2"');
    expect(matchesIfNoneMatch(page, '"abc123-br2"')).toBe(true);
    expect(matchesIfNoneMatch(page, '"abc123-br"')).toBe(true);
    expect(matchesIfNoneMatch(page, '"abc123-br3"')).toBe(false);
  });
});

describe('a coding not ready yet', () => {
  test('is answered uncompressed, with the identity ETag and no content-encoding', () => {
    const body = Buffer.from('<p>large</p>');
    const page = { status: 200, headers: { 'content-type': 'text/html' }, etag: '"abc"', variants: new Map([['identity', body]]), recompressed: new Map() } as unknown as Parameters<typeof answerFromCache>[0];
    const answer = answerFromCache(page, { method: 'GET', acceptEncoding: 'br', ifNoneMatch: undefined }, (encoding) => (encoding === 'identity' ? body : undefined));
    expect(answer.body).toBe(body);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.etag).toBe('"abc"');
  });
});
