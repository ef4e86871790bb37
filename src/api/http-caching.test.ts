import { describe, expect, test } from 'vitest';
import { etagOf, matchesEtag } from './http-caching.js';

describe('ETags', () => {
  const etag = etagOf('{"items":[]}');

  test('an ETag is a quoted strong tag that changes with the body', () => {
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf('{"items":[1]}')).not.toBe(etag);
    expect(etagOf(Buffer.from('{"items":[]}'))).toBe(etag);
  });

  test.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['*', true],
    [etag, true],
    [`W/${etag}`, true],
    [`"other", ${etag}`, true],
    ['"other"', false],
    [etag.slice(1, -1), false],
  ])('If-None-Match %j → %s', (header, expected) => {
    expect(matchesEtag(header, etag)).toBe(expected);
  });
});
