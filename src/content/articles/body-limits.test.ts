import { describe, expect, test } from 'vitest';
import { checkBodyLimits, countMarkup, htmlNestingDepth, MAX_BODY_MARKUP, MAX_BODY_NESTING } from './body-limits.js';
import { sanitizeBodyHtml } from './sanitize-body.js';

describe('body limits', () => {
  test('nesting is measured as the parser would open elements', () => {
    expect(htmlNestingDepth('<p>One <strong>two <em>three</em></strong></p><p>Four</p>')).toBe(3);
    expect(htmlNestingDepth('<p>a<p>b<p>c')).toBe(1);
    expect(htmlNestingDepth('<ul><li>a<li>b</ul>')).toBe(2);
    expect(htmlNestingDepth('<p>a<br>b<img src="x"></p>')).toBe(1);
    // Stray close tags do not pretend to close anything.
    expect(htmlNestingDepth('<b></i><b></i><b></i>')).toBe(3);
  });

  test('a real story is within the limits; deep nesting or floods of tags are not', () => {
    const story = '<h2>Rates</h2>' + '<p>The bank <a href="https://example.com/">held</a> rates &amp; waited.</p>'.repeat(200);
    expect(checkBodyLimits(story)).toBeUndefined();
    expect(checkBodyLimits('<blockquote>'.repeat(MAX_BODY_NESTING + 1))).toBe('too_deep');
    expect(checkBodyLimits('<br>'.repeat(MAX_BODY_MARKUP + 1))).toBe('too_much_markup');
    expect(countMarkup('a < b & c')).toBe(2);
  });

  test('the sanitizer refuses a body beyond the limits with BODY_TOO_COMPLEX, quickly', () => {
    for (const body of ['<b>'.repeat(300_000), '<'.repeat(1 << 20), '<div>'.repeat(MAX_BODY_NESTING + 1)]) {
      expect(() => sanitizeBodyHtml(body)).toThrow(expect.objectContaining({ code: 'BODY_TOO_COMPLEX', kind: 'invalid' }));
    }
  });
});
