import { describe, expect, test } from 'vitest';
import { isSealedBody, sanitizeAndSealBody } from './body-seal.js';
import { sanitizeBodyHtml } from './sanitize-body.js';

describe('sealed bodies', () => {
  test('a body sealed by the sanitizer proves itself, with its links resolved', () => {
    const body = sanitizeAndSealBody('<p onclick="steal()">Copper <a href="../metals">rose</a>.</p><script>alert(1)</script>', { baseUrl: 'https://wire.example.com/news/a' });
    expect(body.html).toBe('<p>Copper <a href="https://wire.example.com/metals">rose</a>.</p>');
    expect(isSealedBody(body.html, body.text, body.seal)).toBe(true);
    expect(body.text).toBe('Copper rose.');
    // What saving would store: the seal only saves it the work.
    expect(sanitizeBodyHtml(body.html)).toBe(body.html);
  });

  test('a seal proves nothing for other HTML, and no seal or a made-up one proves nothing', () => {
    const body = sanitizeAndSealBody('<p>Clean copy.</p>');
    expect(isSealedBody('<p>Clean copy.</p><script>alert(1)</script>', body.text, body.seal)).toBe(false);
    expect(isSealedBody('<p>Clean copy. </p>', body.text, body.seal)).toBe(false);
    expect(isSealedBody(body.html, body.text, undefined)).toBe(false);
    expect(isSealedBody(body.html, body.text, '')).toBe(false);
    expect(isSealedBody(body.html, body.text, 'bm90IGEgc2VhbA')).toBe(false);
    expect(isSealedBody(body.html, body.text, `${body.seal}A`)).toBe(false);
    // Nor for the HTML with other text (a teaser or word count it does not have), or none.
    expect(isSealedBody(body.html, 'Other copy.', body.seal)).toBe(false);
    expect(isSealedBody(body.html, undefined, body.seal)).toBe(false);
  });

  test('a result that saving would still change is not sealed', () => {
    // The entity decodes to a control character, which saving's cleaning drops.
    const body = sanitizeAndSealBody('<p>Bell&#7;ringer</p>');
    expect(body.seal).toBeUndefined();
  });
});
