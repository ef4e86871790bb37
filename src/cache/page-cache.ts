import { createHash } from 'node:crypto';
import { compressForHotPage, compressForMiss, compressOffLoop, MAX_SYNC_COMPRESS_BYTES } from './compression.js';
import { ALL_PAGES_KEY } from './edge-purge.js';

/** A response a renderer produced, before caching. */
export interface RenderedPage {
  status: number;
  contentType: string;
  body: string | Buffer;
  /** Surrogate keys: what the page shows (home, section:markets, article:42, …). */
  keys: string[];
  /** Cache-Control value for browsers and CDNs. */
  cacheControl: string;
  headers?: Record<string, string>;
  /** When the page stops being true without any content change (ms since epoch), e.g. a banner's expiry. */
  expiresAt?: number;
}

/** Content codings the cache can serve. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** A cached response: bytes, lazily compressed variants and validators. */
export interface CachedPage {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly keys: readonly string[];
  readonly etag: string;
  readonly variants: Map<Encoding, Buffer>;
  /** Variants being recompressed at high quality off the event loop, or done (their bytes and ETag changed). */
  readonly recompressed: Map<Encoding, 'pending' | 'done'>;
  readonly expiresAt?: number;
  size: number;
}

/** Computes a value once and keeps it until one of the surrogate keys it returns is purged (PageCache.remember). */
export type RememberValue = (name: string, compute: () => Promise<{ value: string; keys: string[] }>) => Promise<string>;

/** A RememberValue with no memory: computes every time (for callers without a page cache). */
export const computeEveryTime: RememberValue = async (_name, compute) => (await compute()).value;

/** Options for the page cache. */
export interface PageCacheOptions {
  /** Upper bound on the bytes held, variants included; least recently used pages go first. */
  maxBytes: number;
  /** The current time in ms (the app's clock), for pages with an expiry; defaults to Date.now. */
  now?: () => number;
}

const ENTRY_OVERHEAD_BYTES = 512;

/** What the cache has done since it was made (running totals, read by /metrics). */
export interface PageCacheTotals {
  /** Requests answered with a cached page: before routing (findForRequest) or by a route (getOrRender). */
  hits: number;
  /** Requests for a page that was not cached, answered by rendering it (alone or joining a render in flight). */
  misses: number;
  /** Pages dropped, least recently used first, to stay within maxBytes. */
  evictions: number;
  /** Pages dropped because a change dirtied one of their keys. */
  purged: number;
  /** Pages dropped because their expiry passed (a breaking-news banner's end). */
  expired: number;
}

// Keys that no request URL can hold (NUL) name the cache's own entries: remembered values
// (PageCache.remember) and the shared 404 page. Their lookups are not counted as hits or misses,
// so each request counts once (an unknown URL's miss, not also the 404 page's hit).
const INTERNAL_PREFIX = '\u0000';
const REMEMBER_PREFIX = `${INTERNAL_PREFIX}remember:`;

/**
 * The page cache: URL → response bytes, bounded by bytes with LRU eviction, purged by
 * surrogate key, and coalescing concurrent misses for one URL into one render.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly urlsByKey = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, { generation: number; page: Promise<CachedPage> }>();
  private bytes = 0;
  // Plain numbers, so counting a hit on the hot path costs an increment and nothing more.
  private readonly counts: PageCacheTotals = { hits: 0, misses: 0, evictions: 0, purged: 0, expired: 0 };
  // Bumped by every purge, so a render that raced a purge is served but not stored.
  private generation = 0;
  // One recompression at a time: a burst of hot pages must not fill the thread pool (or memory).
  private isRecompressing = false;
  private readonly purgeListeners = new Set<(keys: readonly string[]) => void>();

  constructor(private readonly options: PageCacheOptions) {}

  /** The cached page for a URL, marking it recently used; a page past its expiry is dropped. */
  get(url: string): CachedPage | undefined {
    const page = this.entries.get(url);
    if (page?.expiresAt !== undefined && page.expiresAt <= (this.options.now ?? Date.now)()) {
      this.delete(url);
      this.counts.expired += 1;
      return undefined;
    }
    if (page) {
      this.entries.delete(url);
      this.entries.set(url, page);
    }
    return page;
  }

  /** The cached page for a request about to be answered from it (the hot path): get(), counted as a hit when found. */
  findForRequest(url: string): CachedPage | undefined {
    const page = this.get(url);
    if (page) this.counts.hits += 1;
    return page;
  }

  /**
   * The cached page, or renders it once however many requests ask at the same time (counted as a
   * hit or a miss). A page whose Cache-Control forbids keeping it (see mayBeKept) is rendered for
   * the requests that asked and not stored.
   */
  async getOrRender(url: string, render: () => Promise<RenderedPage>): Promise<{ page: CachedPage; isHit: boolean }> {
    const cached = this.get(url);
    const isPage = !url.startsWith(INTERNAL_PREFIX);
    if (cached) {
      if (isPage) this.counts.hits += 1;
      return { page: cached, isHit: true };
    }
    if (isPage) this.counts.misses += 1;
    // Join a render in flight only if no purge happened since it started: it may show old data.
    let pending = this.inflight.get(url);
    if (!pending || pending.generation !== this.generation) {
      const startedAt = this.generation;
      const entry = {
        generation: startedAt,
        page: render()
          .then((rendered) => {
            const page = toCachedPage(rendered);
            // The cache's own entries (remembered values) never leave the process: their header is moot.
            if (this.generation === startedAt && (!isPage || mayBeKept(rendered.cacheControl))) this.store(url, page);
            return page;
          })
          .finally(() => {
            if (this.inflight.get(url) === entry) this.inflight.delete(url);
          }),
      };
      pending = entry;
      this.inflight.set(url, entry);
    }
    return { page: await pending.page, isHit: false };
  }

  /**
   * A small value derived from the database (a listing's page count, say), computed once and
   * kept like a page until one of the surrogate keys it returns is purged.
   */
  readonly remember: RememberValue = async (name, compute) => {
    // No request URL holds a NUL character, so these entries never answer a request.
    const { page } = await this.getOrRender(`${REMEMBER_PREFIX}${name}`, async () => {
      const { value, keys } = await compute();
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: value, keys, cacheControl: 'no-store' };
    });
    return page.variants.get('identity')!.toString();
  };
  /** Hears the keys of every purge (a purge log: tests assert what a change purged, operators can count). Returns the unsubscribe. */
  addPurgeListener(listener: (keys: readonly string[]) => void): () => void {
    this.purgeListeners.add(listener);
    return () => this.purgeListeners.delete(listener);
  }

  /** Drops every page tagged with any of the keys ("*" drops all); returns how many were dropped. */
  purge(keys: Iterable<string>): number {
    this.generation += 1;
    if (this.purgeListeners.size > 0) {
      const purged = [...keys];
      for (const listener of this.purgeListeners) listener(purged);
      keys = purged;
    }
    let dropped = 0;
    for (const key of keys) {
      if (key === '*') {
        dropped += this.entries.size;
        this.clear();
        continue;
      }
      const urls = this.urlsByKey.get(key);
      if (!urls) continue;
      for (const url of [...urls]) dropped += this.delete(url) ? 1 : 0;
    }
    this.counts.purged += dropped;
    return dropped;
  }

  /** Empties the cache. */
  clear(): void {
    this.generation += 1;
    for (const url of [...this.entries.keys()]) this.delete(url);
  }

  /** Pages and bytes held. */
  stats(): { pages: number; bytes: number; maxBytes: number } {
    return { pages: this.entries.size, bytes: this.bytes, maxBytes: this.options.maxBytes };
  }

  /** Hits, misses and dropped pages since the cache was made. */
  totals(): Readonly<PageCacheTotals> {
    return { ...this.counts };
  }

  /**
   * The body in a content coding, compressing and remembering it on first use. The first
   * compression is a fast one (it runs on the event loop while a reader waits); a page asked
   * for again in that coding is recompressed smaller on the thread pool.
   */
  variant(url: string | undefined, page: CachedPage, encoding: Encoding): Buffer | undefined {
    const existing = page.variants.get(encoding);
    if (existing) {
      if (url !== undefined && encoding !== 'identity') this.recompressWhenHot(url, page, encoding);
      return existing;
    }
    if (encoding === 'identity') throw new Error('A cached page always holds its identity body.');
    const identity = page.variants.get('identity')!;
    if (identity.length > MAX_SYNC_COMPRESS_BYTES) {
      this.compressOffLoop(url, page, encoding);
      return undefined;
    }
    const compressed = compressForMiss(identity, encoding);
    this.addVariant(url, page, encoding, compressed);
    return compressed;
  }

  private addVariant(url: string | undefined, page: CachedPage, encoding: Encoding, compressed: Buffer): void {
    page.variants.set(encoding, compressed);
    page.size += compressed.length;
    if (url !== undefined && this.entries.get(url) === page) {
      this.bytes += compressed.length;
      this.evictOverflow();
    }
  }

  // A large body is compressed once on the thread pool; until then it is served uncompressed.
  private compressOffLoop(url: string | undefined, page: CachedPage, encoding: Exclude<Encoding, 'identity'>): void {
    if (page.recompressed.has(encoding)) return;
    page.recompressed.set(encoding, 'pending');
    compressOffLoop(page.variants.get('identity')!, encoding)
      .then((compressed) => {
        if (!page.variants.has(encoding)) this.addVariant(url, page, encoding, compressed);
      })
      .catch(() => page.recompressed.delete(encoding)); // tried again by the next request
  }

  // Once per page and coding: a page read once (a crawler's) never pays for it, a hot page
  // shrinks for every later reader. The swap happens only if the page is still cached as is.
  private recompressWhenHot(url: string, page: CachedPage, encoding: Exclude<Encoding, 'identity'>): void {
    if (page.recompressed.has(encoding) || this.isRecompressing) return;
    page.recompressed.set(encoding, 'pending');
    this.isRecompressing = true;
    compressForHotPage(page.variants.get('identity')!, encoding)
      .then((smaller) => {
        const current = page.variants.get(encoding);
        if (!smaller || !current || smaller.length >= current.length) return;
        page.variants.set(encoding, smaller);
        page.recompressed.set(encoding, 'done');
        const saved = current.length - smaller.length;
        page.size -= saved;
        if (this.entries.get(url) === page) this.bytes -= saved;
      })
      .catch(() => undefined) // the fast variant stays: nothing is lost
      .finally(() => {
        this.isRecompressing = false;
      });
  }

  private store(url: string, page: CachedPage): void {
    this.delete(url);
    if (page.size > this.options.maxBytes) return;
    this.entries.set(url, page);
    this.bytes += page.size;
    for (const key of page.keys) {
      let urls = this.urlsByKey.get(key);
      if (!urls) this.urlsByKey.set(key, (urls = new Set()));
      urls.add(url);
    }
    this.evictOverflow();
  }

  private delete(url: string): boolean {
    const page = this.entries.get(url);
    if (!page) return false;
    this.entries.delete(url);
    this.bytes -= page.size;
    for (const key of page.keys) {
      const urls = this.urlsByKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) this.urlsByKey.delete(key);
    }
    return true;
  }

  private evictOverflow(): void {
    for (const url of this.entries.keys()) {
      if (this.bytes <= this.options.maxBytes) return;
      this.delete(url);
      this.counts.evictions += 1;
    }
  }
}

/**
 * Whether a page may be kept and reused without asking its renderer again: not when its
 * Cache-Control says `no-store`, `no-cache` or `private` (RFC 9111 §5.2.2: a shared cache must not
 * reuse such a response unvalidated, and this cache has no way to validate but to render again).
 * Pages answered afresh each time say `no-cache` (a former address's redirect).
 */
function mayBeKept(cacheControl: string): boolean {
  return !/(?:^|,)\s*(?:no-store|no-cache|private)\s*(?:,|=|$)/i.test(cacheControl);
}

function toCachedPage(rendered: RenderedPage): CachedPage {
  const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body) : rendered.body;
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const keys = [...new Set(rendered.keys)];
  return {
    status: rendered.status,
    keys,
    etag,
    headers: {
      'content-type': rendered.contentType,
      'cache-control': rendered.cacheControl,
      // Every page also carries the all-pages key, so an edge that purges by key can be emptied with one.
      'surrogate-key': [...keys, ALL_PAGES_KEY].join(' '),
      ...rendered.headers,
    },
    variants: new Map([['identity', body]]),
    recompressed: new Map(),
    expiresAt: rendered.expiresAt,
    size: body.length + ENTRY_OVERHEAD_BYTES,
  };
}
