import { describe, expect, test } from 'vitest';
import { PageCache, type RenderedPage } from './page-cache.js';

const page = (body: string, expiresAt?: number): RenderedPage => ({ status: 200, contentType: 'text/html', body, keys: ['home'], cacheControl: 'public', expiresAt });

describe('page expiry', () => {
  test('a page with an expiry is served until then and rendered afresh after it, by the injected clock', async () => {
    let now = 1_000;
    const cache = new PageCache({ maxBytes: 1_000_000, now: () => now });
    await cache.getOrRender('/', async () => page('with banner', 2_000));
    expect(cache.get('/')).toBeDefined();
    now = 1_999;
    expect(cache.get('/')).toBeDefined();
    now = 2_000;
    expect(cache.get('/')).toBeUndefined();
    expect(cache.stats().pages).toBe(0);
    const { page: fresh, isHit } = await cache.getOrRender('/', async () => page('without banner'));
    expect(isHit).toBe(false);
    expect(fresh.variants.get('identity')!.toString()).toBe('without banner');
  });

  test('a page without an expiry stays until purged', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, now: () => Number.MAX_SAFE_INTEGER });
    await cache.getOrRender('/', async () => page('plain'));
    expect(cache.get('/')).toBeDefined();
  });
});
