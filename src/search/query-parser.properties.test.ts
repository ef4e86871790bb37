// Property-based tests (fast-check) of the query parser: whatever is typed, it gives a bounded
// query of real terms or a reason there is nothing to search for.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_QUERY_CHARACTERS, MAX_TERMS, MIN_PREFIX_LENGTH, parseSearchQuery } from './query-parser.js';

/** CPU time this process spent running `work`, in ms: unlike wall time, other processes on a busy machine do not count. */
function cpuMsOf(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1_000;
}

// What readers and robots type: words, the query syntax, both dialects' syntax, quotes, Unicode and junk.
const piece = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10, unit: fc.constantFrom(...'abcxyzABCXYZ019') }),
  fc.constantFrom('"', '""', '*', '-', '+', '!', 'OR', 'or', 'AND', 'NOT', 'NEAR(', '(', ')', ':', ':*', '&', '|', '<->', '{title}', '^', "'", '\\', '\u0000', 'the', 'Straße', '中国', '📈', 'U.S.', 'e-commerce'),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
  fc.string({ maxLength: 6, unit: 'binary' }),
);
const junk = fc.oneof(
  fc.array(fc.tuple(piece, fc.constantFrom(' ', '', '  ', '\t', '\n')), { maxLength: 40 }).map((parts) => parts.map(([p, gap]) => p + gap).join('')),
  fc.string({ maxLength: 600, unit: 'binary' }),
);

describe('parseSearchQuery (properties)', () => {
  test('never fails; a query has 1 to MAX_TERMS terms, each with a letter or digit, prefixes single words of MIN_PREFIX_LENGTH letters or more', () => {
    fc.assert(
      fc.property(junk, (input) => {
        const parsed = parseSearchQuery(input);
        if (parsed.kind === 'nothing') {
          expect(parsed.message.length).toBeGreaterThan(0);
          return;
        }
        const terms = [...parsed.query.groups.flat(), ...parsed.query.excluded];
        expect(parsed.query.groups.length).toBeGreaterThan(0);
        expect(terms.length).toBeLessThanOrEqual(MAX_TERMS);
        for (const group of parsed.query.groups) expect(group.length).toBeGreaterThan(0);
        for (const term of terms) {
          expect(term.text).toMatch(/[\p{L}\p{N}]/u);
          expect(term.text).not.toMatch(/[\u0000-\u001f"]/);
          expect(Array.from(term.text).length).toBeLessThanOrEqual(MAX_QUERY_CHARACTERS);
          if (term.isPrefix) expect(term.text).toMatch(new RegExp(`^[\\p{L}\\p{N}]{${MIN_PREFIX_LENGTH},}$`, 'u'));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('reads a long input in time proportional to what it keeps, not to what it was sent', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 3, unit: 'grapheme' }), (unit) => {
        // Parsing all 50,000 repetitions (the bug this guards against) costs seconds; keeping 200 characters, well under 100 ms.
        expect(cpuMsOf(() => parseSearchQuery(unit.repeat(50_000)))).toBeLessThan(100);
      }),
      { numRuns: 50 },
    );
  });
});
