import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toSameSitePath } from './same-site-path.js';

const SITE = 'https://news.test';

describe('toSameSitePath', () => {
  test('keeps an ordinary path and its query', () => {
    expect(toSameSitePath('/markets/')).toBe('/markets/');
    expect(toSameSitePath('/newsroom/stories/?status=draft&x=%2F%2F')).toBe('/newsroom/stories/?status=draft&x=%2F%2F');
    expect(toSameSitePath('/')).toBe('/');
  });

  test('collapses leading slashes, backslashes and their encodings into one "/"', () => {
    expect(toSameSitePath('//evil.example/phish/')).toBe('/evil.example/phish/');
    expect(toSameSitePath('/\\evil.example/phish/')).toBe('/evil.example/phish/');
    expect(toSameSitePath('\\\\evil.example/')).toBe('/evil.example/');
    expect(toSameSitePath('/%2F%2fevil.example/')).toBe('/evil.example/');
    expect(toSameSitePath('/%5Cevil.example/')).toBe('/evil.example/');
    expect(toSameSitePath('///\\/%5c/x')).toBe('/x');
  });

  test('refuses what is not a path, and whitespace, control and non-ASCII characters', () => {
    for (const target of ['https://evil.example/', 'evil.example', 'javascript:alert(1)', '', '/\t/evil.example/', '/\n/evil.example/', '/ /x', '/caf\u00e9/', '/a\u0000b', '/\u2028/x']) {
      expect(toSameSitePath(target), JSON.stringify(target)).toBeUndefined();
    }
  });

  test('whatever the input, a browser resolving the answer stays on this site', () => {
    const pathish = fc.stringMatching(/^[/\\%2fF5cC\t\n \w.:@?#-]{0,24}$/);
    fc.assert(
      fc.property(fc.oneof(pathish, fc.string()), (target) => {
        const path = toSameSitePath(target);
        if (path === undefined) return;
        expect(path.startsWith('/')).toBe(true);
        expect(new URL(path, `${SITE}/some/page/`).origin).toBe(SITE);
        // A proxy that decodes %2F and %5C before forwarding must not see a second slash either.
        expect(path).not.toMatch(/^\/(?:[/\\]|%2f|%5c)/i);
      }),
      { numRuns: 2000 },
    );
  });
});
