// Property-based tests (fast-check) of the pure text rules: slugs, teasers, word counts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { collapseWhitespace, countWords, deriveTeaser, htmlToText, slugify, TEASER_LENGTH } from './article-text.js';

// Text as wire copy and editors produce it: words, Unicode letters, emoji, punctuation and odd whitespace.
const wordLike = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789') }),
  fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }),
  fc.constantFrom('Ærø', 'Straße', 'Łódź', 'Þór', 'naïve', '中国', '📈📉', 'Ça', '’s', 'S&P', '—', '-', ',', ';', '…', 'https://example.com/a-very-long-path'),
);
const separator = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u2003', ' \n\n ', '');
const prose = fc.array(fc.tuple(wordLike, separator), { maxLength: 80 }).map((parts) => parts.map(([word, gap]) => word + gap).join(''));
// Characters outside the Basic Multilingual Plane take two UTF-16 units each: 56 to 110 of them pass
// the teaser length in units while staying within it in characters.
const astralText = fc.string({ minLength: 56, maxLength: 110, unit: fc.constantFrom('📈', '📉', '😀', '𝔸', '𝟙') });
const anyText = fc.oneof(prose, fc.string({ maxLength: 400, unit: 'grapheme' }), fc.string({ maxLength: 300, unit: 'binary' }));

describe('slugify (properties)', () => {
  test('gives lower-case ASCII letters and digits in hyphen-separated runs, within the maximum length', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 120 }), (text, maxLength) => {
        const slug = slugify(text, maxLength);
        expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
        expect(slug.length).toBeLessThanOrEqual(maxLength);
      }),
      { numRuns: 400 },
    );
  });

  test('is idempotent: a slug slugifies to itself', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const slug = slugify(text);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 300 },
    );
  });
});

describe('collapseWhitespace (properties)', () => {
  test('reads as replacing every run of whitespace with one space, then trimming (its plain definition)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 500 },
    );
  });
});

describe('deriveTeaser (properties)', () => {
  test('is the opening of the collapsed text, at most the limit in characters, never ending in whitespace', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const full = collapseWhitespace(text);
        const teaser = deriveTeaser(text);
        expect(full.startsWith(teaser)).toBe(true);
        expect(Array.from(teaser).length).toBeLessThanOrEqual(TEASER_LENGTH);
        expect(teaser).toBe(teaser.trim());
        if (Array.from(full).length <= TEASER_LENGTH) expect(teaser).toBe(full);
        else if (full) expect(teaser.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  test('only ever drops whole words: it ends where the text has a break, or cuts a first word longer than the limit', () => {
    fc.assert(
      fc.property(prose, (text) => {
        const full = collapseWhitespace(text);
        const teaser = deriveTeaser(text);
        if (teaser === full) return;
        const next = full.slice(teaser.length);
        const isHardCut = !teaser.includes(' ') && Array.from(teaser).length === TEASER_LENGTH;
        expect(isHardCut || /^[\s,;:–—-]/u.test(next)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test('a long run of whitespace anywhere reads as one space (the words after it still count)', () => {
    fc.assert(
      fc.property(fc.oneof(prose, astralText), fc.integer({ min: 1, max: 3000 }), prose, (before, gap, after) => {
        expect(deriveTeaser(before + ' '.repeat(gap) + after)).toBe(deriveTeaser(`${before} ${after}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('countWords and htmlToText (properties)', () => {
  test('counting never throws, is a whole number, and adding a word adds one', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const count = countWords(text);
        expect(Number.isInteger(count) && count >= 0).toBe(true);
        expect(countWords(`${text} extra`)).toBe(count + 1);
      }),
      { numRuns: 300 },
    );
  });

  test('text without markup characters reads back as itself, collapsed', () => {
    fc.assert(
      fc.property(anyText.map((t) => t.replace(/[<&]/g, ' ')), (text) => {
        expect(htmlToText(text)).toBe(collapseWhitespace(text));
      }),
      { numRuns: 300 },
    );
  });
});
