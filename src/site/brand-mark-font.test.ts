import { describe, expect, test } from 'vitest';
import { BRAND_MARK_FACES } from './brand-mark-font-data.js';
import { brandMarkFontCss, unicodeRange } from './brand-mark-font.js';
import { SITE_BRAND } from './site-identity.js';
import { minifyCss } from './stylesheet.js';

describe('the brand mark’s font', () => {
  test('unicodeRange lists each character by its code point', () => {
    expect(unicodeRange('⎯')).toBe('U+23AF');
    expect(unicodeRange('《》')).toBe('U+300A, U+300B');
  });

  test('the committed faces cover exactly the mark’s symbols outside Latin-1 and the general punctuation every serif has', () => {
    // "•" (U+2022) is left to the site's serif: DejaVu, Liberation and every serif in the stack have it.
    const symbols = [...new Set(SITE_BRAND)].filter((character) => character.codePointAt(0)! > 0x2022).sort();
    expect(BRAND_MARK_FACES.flatMap((face) => [...face.characters]).sort()).toEqual(symbols);
  });

  test('each face is a WOFF2 file inlined as a data: URL, bold, limited to its characters, and survives minifying', () => {
    const css = minifyCss(brandMarkFontCss([{ characters: '《》', font: 'Test', woff2: 'd09GMgABAAA=' }]));
    expect(css).toBe(
      '@font-face{font-family:"Fortune Sky Mark";src:url(data:font/woff2;base64,d09GMgABAAA=) format("woff2");font-weight:700;font-display:swap;unicode-range:U+300A,U+300B}',
    );
  });
});
