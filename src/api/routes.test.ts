import { describe, expect, test } from 'vitest';
import { acceptsNinjs } from './routes.js';

describe('acceptsNinjs', () => {
  test.each<[string | undefined, boolean]>([
    [undefined, true],
    ['application/ninjs+json', true],
    ['application/json', true],
    ['*/*', true],
    ['text/html,application/xhtml+xml,*/*;q=0.8', true],
    ['application/*', true],
    ['text/html', false],
    ['application/xml', false],
    ['application/ninjs+json;q=0', false],
    ['application/ninjs+json; q=0.0, text/html', false],
  ])('%j → %s', (accept, expected) => {
    expect(acceptsNinjs(accept)).toBe(expected);
  });
});
