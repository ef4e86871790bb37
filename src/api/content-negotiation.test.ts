import { describe, expect, test } from 'vitest';
import { chooseMediaType, JSON_MEDIA_TYPE, NINJS_MEDIA_TYPE } from './content-negotiation.js';

const ARTICLE = [JSON_MEDIA_TYPE, NINJS_MEDIA_TYPE];

describe('chooseMediaType', () => {
  test.each<[string | undefined, string | undefined]>([
    [undefined, JSON_MEDIA_TYPE],
    ['', JSON_MEDIA_TYPE],
    ['application/json', JSON_MEDIA_TYPE],
    ['*/*', JSON_MEDIA_TYPE],
    ['application/*', JSON_MEDIA_TYPE],
    ['application/ninjs+json', NINJS_MEDIA_TYPE],
    ['Application/NINJS+json', NINJS_MEDIA_TYPE],
    ['application/json;q=0.5, application/ninjs+json', NINJS_MEDIA_TYPE],
    ['application/ninjs+json;q=0.4, */*;q=0.8', JSON_MEDIA_TYPE],
    ['text/html,application/xhtml+xml,*/*;q=0.8', JSON_MEDIA_TYPE],
    ['text/html', undefined],
    ['application/xml', undefined],
    ['application/json;q=0, application/ninjs+json;q=0', undefined],
    ['*/*;q=0.5, application/json;q=0', NINJS_MEDIA_TYPE],
    ['nonsense', undefined],
    ['application/json;q=abc', undefined],
  ])('%j → %s', (accept, expected) => {
    expect(chooseMediaType(accept, ARTICLE)).toBe(expected);
  });

  test('a JSON-only resource refuses a ninjs-only Accept', () => {
    expect(chooseMediaType(NINJS_MEDIA_TYPE, [JSON_MEDIA_TYPE])).toBeUndefined();
  });
});
