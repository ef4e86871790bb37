import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, test, vi } from 'vitest';
import { compressForMiss } from './compression.js';
import { PageCache, type RenderedPage } from './page-cache.js';

// Each stored page costs its body bytes plus a fixed per-entry overhead (512 in page-cache.ts).
const OVERHEAD = 512;

function page(body: string | Buffer, keys: string[] = []): RenderedPage {
  return { status: 200, contentType: 'text/html; charset=utf-8', body, keys, cacheControl: 'public, max-age=60' };
}

/** A renderer that counts its calls and returns a fixed page. */
function counting(rendered: RenderedPage): { render: () => Promise<RenderedPage>; calls: () => number } {
  let calls = 0;
  return {
    render: async () => {
      calls += 1;
      return rendered;
    },
    calls: () => calls,
  };
}

/** A promise resolved from outside, to hold a render in flight. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PageCache.getOrRender', () => {
  test('renders on a miss, then serves the stored page as a hit', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const renderer = counting(page('<p>hello</p>', ['home']));

    const first = await cache.getOrRender('/', renderer.render);
    expect(first.isHit).toBe(false);
    expect(first.page.status).toBe(200);
    expect(first.page.variants.get('identity')?.toString()).toBe('<p>hello</p>');
    expect(first.page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.page.headers['cache-control']).toBe('public, max-age=60');
    expect(first.page.etag).toMatch(/^"[^"]+"$/);

    const second = await cache.getOrRender('/', renderer.render);
    expect(second.isHit).toBe(true);
    expect(second.page).toBe(first.page);
    expect(renderer.calls()).toBe(1);
    expect(cache.stats().pages).toBe(1);
  });

  test('different URLs are cached separately', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const a = await cache.getOrRender('/a', async () => page('A'));
    const b = await cache.getOrRender('/b', async () => page('B'));
    expect(a.page.variants.get('identity')?.toString()).toBe('A');
    expect(b.page.variants.get('identity')?.toString()).toBe('B');
    expect(a.page.etag).not.toBe(b.page.etag);
    expect(cache.get('/a')).toBe(a.page);
    expect(cache.get('/b')).toBe(b.page);
  });

  test('concurrent misses for one URL call the renderer once', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const gate = deferred<RenderedPage>();
    let calls = 0;
    const render = () => {
      calls += 1;
      return gate.promise;
    };
    const pending = [cache.getOrRender('/x', render), cache.getOrRender('/x', render), cache.getOrRender('/x', render)];
    gate.resolve(page('shared'));
    const results = await Promise.all(pending);
    expect(calls).toBe(1);
    for (const result of results) {
      expect(result.isHit).toBe(false);
      expect(result.page).toBe(results[0]!.page);
    }
    expect((await cache.getOrRender('/x', render)).isHit).toBe(true);
    expect(calls).toBe(1);
  });

  test('a failed render is not cached and the next call renders again', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    await expect(cache.getOrRender('/boom', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(cache.stats().pages).toBe(0);
    const retry = await cache.getOrRender('/boom', async () => page('ok'));
    expect(retry.isHit).toBe(false);
    expect(retry.page.variants.get('identity')?.toString()).toBe('ok');
  });

  test.each(['no-cache', 'no-store', 'private, max-age=60', 'public, no-cache="set-cookie"'])('a page marked %j is served to the requests that asked, and rendered again for the next', async (cacheControl) => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const renderer = counting({ ...page('Moved', ['missing']), status: 301, cacheControl });
    const together = await Promise.all([cache.getOrRender('/old/', renderer.render), cache.getOrRender('/old/', renderer.render)]);
    expect(together.map((result) => [result.page.status, result.isHit])).toEqual([
      [301, false],
      [301, false],
    ]);
    expect(renderer.calls()).toBe(1);
    expect(cache.stats().pages).toBe(0);
    expect((await cache.getOrRender('/old/', renderer.render)).isHit).toBe(false);
    expect(renderer.calls()).toBe(2);
  });

  test('a page whose Cache-Control only mentions such words in other directives is kept', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    await cache.getOrRender('/', async () => ({ ...page('home'), cacheControl: 'public, max-age=60, x-no-cache-hint' }));
    expect(cache.get('/')).toBeDefined();
  });
});

describe('PageCache renders racing a purge', () => {
  test('a request after a purge does not join a render that started before it', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const old = deferred<RenderedPage>();
    const before = cache.getOrRender('/a', () => old.promise);
    cache.purge(['home']);
    const after = cache.getOrRender('/a', async () => page('new', ['home']));
    old.resolve(page('old', ['home']));
    expect((await before).page.variants.get('identity')?.toString()).toBe('old');
    expect((await after).page.variants.get('identity')?.toString()).toBe('new');
    expect(cache.get('/a')?.variants.get('identity')?.toString()).toBe('new');
  });
});

describe('PageCache.purge', () => {
  test('drops exactly the pages tagged with the purged keys', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    await cache.getOrRender('/', async () => page('home', ['home', 'article:1', 'article:2']));
    await cache.getOrRender('/markets/', async () => page('markets', ['section:markets', 'article:2']));
    await cache.getOrRender('/2023/05/26/a/', async () => page('a1', ['article:1']));
    await cache.getOrRender('/tech/', async () => page('tech', ['section:tech', 'article:3']));

    expect(cache.purge(['article:2', 'unknown-key'])).toBe(2);
    expect(cache.get('/')).toBeUndefined();
    expect(cache.get('/markets/')).toBeUndefined();
    expect(cache.get('/2023/05/26/a/')).toBeDefined();
    expect(cache.get('/tech/')).toBeDefined();
    expect(cache.stats().pages).toBe(2);
    expect(cache.stats().bytes).toBe('a1'.length + 'tech'.length + 2 * OVERHEAD);
  });

  test('a page tagged with two purged keys is counted once', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    await cache.getOrRender('/', async () => page('home', ['home', 'article:1']));
    expect(cache.purge(['home', 'article:1'])).toBe(1);
    expect(cache.stats()).toEqual({ pages: 0, bytes: 0, maxBytes: 1_000_000 });
  });

  test('a purged page is rendered again on the next request', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const renderer = counting(page('v', ['article:9']));
    await cache.getOrRender('/a/', renderer.render);
    cache.purge(['article:9']);
    const again = await cache.getOrRender('/a/', renderer.render);
    expect(again.isHit).toBe(false);
    expect(renderer.calls()).toBe(2);
  });

  test('a render in flight during a purge is served to its callers but not stored', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const gate = deferred<RenderedPage>();
    const waiting = [cache.getOrRender('/a/', () => gate.promise), cache.getOrRender('/a/', () => gate.promise)];
    cache.purge(['article:1']);
    gate.resolve(page('stale', ['article:1']));
    const results = await Promise.all(waiting);
    for (const result of results) {
      expect(result.isHit).toBe(false);
      expect(result.page.variants.get('identity')?.toString()).toBe('stale');
    }
    expect(cache.get('/a/')).toBeUndefined();
    expect(cache.stats().pages).toBe(0);

    const renderer = counting(page('fresh', ['article:1']));
    const next = await cache.getOrRender('/a/', renderer.render);
    expect(renderer.calls()).toBe(1);
    expect(next.isHit).toBe(false);
    expect(next.page.variants.get('identity')?.toString()).toBe('fresh');
    expect(cache.get('/a/')).toBe(next.page);
  });
});

describe('PageCache byte bound', () => {
  const BODY = 'x'.repeat(100);
  const ENTRY = BODY.length + OVERHEAD;

  test('evicts the least recently used page when full', async () => {
    const cache = new PageCache({ maxBytes: ENTRY * 3 });
    await cache.getOrRender('/1', async () => page(BODY));
    await cache.getOrRender('/2', async () => page(BODY));
    await cache.getOrRender('/3', async () => page(BODY));
    expect(cache.stats()).toEqual({ pages: 3, bytes: ENTRY * 3, maxBytes: ENTRY * 3 });

    await cache.getOrRender('/4', async () => page(BODY));
    expect(cache.get('/1')).toBeUndefined();
    expect(cache.get('/2')).toBeDefined();
    expect(cache.get('/3')).toBeDefined();
    expect(cache.get('/4')).toBeDefined();
    expect(cache.stats().bytes).toBe(ENTRY * 3);
  });

  test('get refreshes recency, so the page read last survives', async () => {
    const cache = new PageCache({ maxBytes: ENTRY * 3 });
    await cache.getOrRender('/1', async () => page(BODY));
    await cache.getOrRender('/2', async () => page(BODY));
    await cache.getOrRender('/3', async () => page(BODY));
    expect(cache.get('/1')).toBeDefined(); // /1 is now the most recent; /2 the least

    await cache.getOrRender('/4', async () => page(BODY));
    expect(cache.get('/2')).toBeUndefined();
    expect(cache.get('/1')).toBeDefined();
    expect(cache.get('/3')).toBeDefined();
    expect(cache.get('/4')).toBeDefined();
  });

  test('a hit through getOrRender also refreshes recency', async () => {
    const cache = new PageCache({ maxBytes: ENTRY * 2 });
    await cache.getOrRender('/1', async () => page(BODY));
    await cache.getOrRender('/2', async () => page(BODY));
    expect((await cache.getOrRender('/1', async () => page('unused'))).isHit).toBe(true);
    await cache.getOrRender('/3', async () => page(BODY));
    expect(cache.get('/2')).toBeUndefined();
    expect(cache.get('/1')).toBeDefined();
  });

  test('stats().bytes never exceeds maxBytes, whatever the mix of sizes', async () => {
    const maxBytes = 5_000;
    const cache = new PageCache({ maxBytes });
    for (let i = 0; i < 60; i += 1) {
      const size = (i * 337) % 2_000;
      await cache.getOrRender(`/p${i}`, async () => page('y'.repeat(size), [`k${i % 4}`]));
      if (i % 3 === 0) cache.get(`/p${i - 2}`);
      expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(cache.stats().pages).toBeGreaterThan(0);
  });

  test('a page bigger than the bound is served but not stored, and evicts nothing', async () => {
    const cache = new PageCache({ maxBytes: ENTRY * 2 });
    await cache.getOrRender('/small', async () => page(BODY));
    const huge = 'z'.repeat(ENTRY * 2);
    const renderer = counting(page(huge));

    const first = await cache.getOrRender('/huge', renderer.render);
    expect(first.isHit).toBe(false);
    expect(first.page.variants.get('identity')?.toString()).toBe(huge);
    expect(cache.get('/huge')).toBeUndefined();
    expect(cache.get('/small')).toBeDefined();
    expect(cache.stats()).toEqual({ pages: 1, bytes: ENTRY, maxBytes: ENTRY * 2 });

    await cache.getOrRender('/huge', renderer.render);
    expect(renderer.calls()).toBe(2);
  });

  test('clear empties the cache', async () => {
    const cache = new PageCache({ maxBytes: ENTRY * 3 });
    await cache.getOrRender('/1', async () => page(BODY, ['a']));
    await cache.getOrRender('/2', async () => page(BODY, ['b']));
    cache.clear();
    expect(cache.stats()).toEqual({ pages: 0, bytes: 0, maxBytes: ENTRY * 3 });
    expect(cache.purge(['a', 'b'])).toBe(0);
  });
});

describe('PageCache.variant', () => {
  const BODY = `<!doctype html><p>${'Markets rallied on Friday as investors cheered. '.repeat(50)}</p>`;

  test('gzip bytes gunzip back to the body and are computed once', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const { page: cached } = await cache.getOrRender('/', async () => page(BODY));
    const gz = cache.variant('/', cached, 'gzip')!;
    expect(gunzipSync(gz).toString()).toBe(BODY);
    expect(gz.length).toBeLessThan(Buffer.byteLength(BODY));
    expect(cache.variant('/', cached, 'gzip')).toBe(gz);
  });

  test('brotli bytes decompress back to the body and are computed once', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const { page: cached } = await cache.getOrRender('/', async () => page(BODY));
    const br = cache.variant('/', cached, 'br')!;
    expect(brotliDecompressSync(br).toString()).toBe(BODY);
    expect(cache.variant('/', cached, 'br')).toBe(br);
    expect(br).not.toBe(cache.variant('/', cached, 'gzip'));
  });

  test('identity is the body itself', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const { page: cached } = await cache.getOrRender('/', async () => page(BODY));
    expect(cache.variant('/', cached, 'identity')!.toString()).toBe(BODY);
  });

  test('compressed variants count toward the cached bytes', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const { page: cached } = await cache.getOrRender('/', async () => page(BODY));
    const before = cache.stats().bytes;
    const gz = cache.variant('/', cached, 'gzip')!;
    const br = cache.variant('/', cached, 'br')!;
    expect(cache.stats().bytes).toBe(before + gz.length + br.length);
    cache.variant('/', cached, 'gzip');
    expect(cache.stats().bytes).toBe(before + gz.length + br.length);
    cache.purge(['nothing']);
    cache.clear();
    expect(cache.stats().bytes).toBe(0);
  });

  test('a variant that pushes the cache over its bound evicts the least recently used page', async () => {
    // Random bytes do not compress, so each variant costs about as much as the body.
    const body = randomBytes(1_000);
    const entry = body.length + OVERHEAD;
    const cache = new PageCache({ maxBytes: entry * 2 + 100 });
    await cache.getOrRender('/old', async () => page(body));
    const { page: recent } = await cache.getOrRender('/recent', async () => page(body));
    expect(cache.stats().pages).toBe(2);

    const gz = cache.variant('/recent', recent, 'gzip')!;
    expect(gunzipSync(gz).equals(body)).toBe(true);
    expect(cache.get('/old')).toBeUndefined();
    expect(cache.get('/recent')).toBe(recent);
    expect(cache.stats().bytes).toBe(entry + gz.length);
    expect(cache.stats().bytes).toBeLessThanOrEqual(cache.stats().maxBytes);
  });

  test('UTF-8 bodies survive compression', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const text = 'China Still Hasn’t Answered — 《 Fortune • Sky 》'.repeat(10);
    const { page: cached } = await cache.getOrRender('/u', async () => page(text));
    expect(gunzipSync(cache.variant('/u', cached, 'gzip')!).toString('utf8')).toBe(text);
    expect(brotliDecompressSync(cache.variant('/u', cached, 'br')!).toString('utf8')).toBe(text);
  });
});

describe('PageCache.variant: fast on a miss, smaller when hot', () => {
  const BODY = `<!doctype html><main>${'<p>Markets rallied on Friday as investors cheered the central bank’s pause, and bonds followed.</p>'.repeat(200)}</main>`;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  test('a page read once keeps its fast brotli bytes; read again, it is recompressed smaller off the event loop and counted', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const { page: cached } = await cache.getOrRender('/hot', async () => page(BODY));
    const fast = cache.variant('/hot', cached, 'br')!;
    expect(fast.equals(compressForMiss(Buffer.from(BODY), 'br'))).toBe(true);
    await settle();
    expect(cache.variant('/hot', cached, 'br')).toBe(fast); // nothing ran in between: still the miss bytes
    const bytesBefore = cache.stats().bytes;
    let smaller = cached.variants.get('br')!;
    for (let waited = 0; smaller === fast && waited < 50; waited += 1) {
      await settle();
      smaller = cached.variants.get('br')!;
    }
    expect(smaller.length).toBeLessThan(fast.length);
    expect(brotliDecompressSync(smaller).toString()).toBe(BODY);
    expect(cached.recompressed.get('br')).toBe('done');
    expect(cache.stats().bytes).toBe(bytesBefore - (fast.length - smaller.length));
    expect(cache.variant('/hot', cached, 'br')).toBe(smaller);
  });

  test('gzip stays at its miss bytes however often it is read', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const { page: cached } = await cache.getOrRender('/g', async () => page(BODY));
    const gz = cache.variant('/g', cached, 'gzip')!;
    cache.variant('/g', cached, 'gzip');
    await settle();
    expect(cache.variant('/g', cached, 'gzip')).toBe(gz);
  });
});

describe('PageCache.remember', () => {
  test('computes once, answers from memory until one of its keys is purged, and never answers a URL', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    let computed = 0;
    const count = async () => ({ value: String((computed += 1) * 10), keys: ['section:markets'] });
    expect(await cache.remember('last-page:/markets/', count)).toBe('10');
    expect(await cache.remember('last-page:/markets/', count)).toBe('10');
    expect(computed).toBe(1);
    expect(cache.get('last-page:/markets/')).toBeUndefined();
    cache.purge(['section:business']);
    expect(await cache.remember('last-page:/markets/', count)).toBe('10');
    cache.purge(['section:markets']);
    expect(await cache.remember('last-page:/markets/', count)).toBe('20');
  });

  test('a body too large to compress on the event loop is served uncompressed until the thread pool has compressed it', async () => {
    const cache = new PageCache({ maxBytes: 10_000_000 });
    const text = 'A full-text feed of long stories. '.repeat(10_000); // 340 KB
    const { page: cached } = await cache.getOrRender('/feed.xml', async () => page(text));
    expect(cache.variant('/feed.xml', cached, 'br')).toBeUndefined();
    await vi.waitFor(() => expect(cache.variant('/feed.xml', cached, 'br')).toBeDefined());
    expect(brotliDecompressSync(cache.variant('/feed.xml', cached, 'br')!).toString('utf8')).toBe(text);
    expect(cache.stats().bytes).toBe(cached.size);
  });
});

describe('PageCache.totals', () => {
  test('counts hits (before routing and by a route), misses, evictions, purged and expired pages', async () => {
    let now = 1_000;
    const cache = new PageCache({ maxBytes: 3 * (OVERHEAD + 1), now: () => now });
    expect(cache.totals()).toEqual({ hits: 0, misses: 0, evictions: 0, purged: 0, expired: 0 });
    await cache.getOrRender('/a', async () => page('A', ['a']));
    await cache.getOrRender('/a', async () => page('A', ['a']));
    expect(cache.findForRequest('/a')).toBeDefined();
    expect(cache.findForRequest('/nowhere')).toBeUndefined();
    expect(cache.get('/a')).toBeDefined(); // a plain get is not a request: not counted
    expect(cache.totals()).toMatchObject({ hits: 2, misses: 1 });

    await cache.getOrRender('/b', async () => page('B', ['b']));
    await cache.getOrRender('/c', async () => ({ ...page('C'), expiresAt: 2_000 }));
    await cache.getOrRender('/d', async () => page('D')); // over the bound: /a (least recently used) goes
    expect(cache.totals()).toMatchObject({ misses: 4, evictions: 1 });
    expect(cache.purge(['b'])).toBe(1);
    now = 2_000;
    expect(cache.findForRequest('/c')).toBeUndefined();
    expect(cache.totals()).toEqual({ hits: 2, misses: 4, evictions: 1, purged: 1, expired: 1 });
  });

  test("remembered values and the shared 404 page's own entries are not counted as requests", async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    await cache.remember('pages:markets', async () => ({ value: '3', keys: ['section:markets'] }));
    await cache.remember('pages:markets', async () => ({ value: '3', keys: ['section:markets'] }));
    await cache.getOrRender('\u0000not-found', async () => page('Not found'));
    expect(cache.totals()).toMatchObject({ hits: 0, misses: 0 });
  });
});
