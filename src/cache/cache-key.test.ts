import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createCacheKeys } from './cache-key.js';

const keys = createCacheKeys([
  { path: /^\/search$/, parameters: ['q', 'page'] },
  { path: /^\/(?:topic\/|author\/)?[^/]+\/$/, parameters: ['page'] },
]);

describe('createCacheKeys', () => {
  test('a URL without a query is its own key', () => {
    expect(keys.keyFor('/markets/')).toBe('/markets/');
    expect(keys.keyFor('/feed.xml')).toBe('/feed.xml');
  });

  test('drops parameters the page does not use', () => {
    expect(keys.keyFor('/?cb=1')).toBe('/');
    expect(keys.keyFor('/markets/?cb=1&page=2&utm_source=x')).toBe('/markets/?page=2');
    expect(keys.keyFor('/feed.xml?page=2')).toBe('/feed.xml');
    expect(keys.keyFor('/2024/03/01/story/?page=2')).toBe('/2024/03/01/story/');
    expect(keys.keyFor('/markets/?')).toBe('/markets/');
  });

  test('lists the kept parameters in the rule’s order, however they were sent (the coming /search?q=)', () => {
    expect(keys.keyFor('/search?page=2&utm=x&q=rates')).toBe('/search?q=rates&page=2');
    expect(keys.keyFor('/search?q=rates&page=2')).toBe('/search?q=rates&page=2');
    expect(keys.canonical('/search?page=2&q=central+banks').query.get('q')).toBe('central banks');
  });

  test('decodes parameter names and values as the router does, so the key matches what is rendered', () => {
    expect(keys.keyFor('/markets/?pag%65=%32')).toBe('/markets/?page=2');
    expect(keys.canonical('/markets/?pag%65=%32').query.get('page')).toBe('2');
  });

  test('unreserved characters written as escapes are the same path', () => {
    expect(keys.keyFor('/mark%65ts/')).toBe('/markets/');
    expect(keys.keyFor('/topic/%e4%b8%ad/')).toBe('/topic/%E4%B8%AD/');
  });

  test('any extra parameters map to the key of the page without them', () => {
    const junk = fc.dictionary(fc.string({ minLength: 1 }).filter((name) => name !== 'page'), fc.string(), { maxKeys: 5 });
    fc.assert(
      fc.property(junk, fc.integer({ min: 1, max: 999 }), (extra, page) => {
        const query = new URLSearchParams({ ...extra, page: String(page) });
        expect(keys.keyFor(`/markets/?${query}`)).toBe(`/markets/?page=${page}`);
      }),
    );
  });
});
