// Property-based tests (fast-check) of the body sanitizer: whatever HTML goes in, nothing that can
// run comes out, and sanitizing again changes nothing.
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, test } from 'vitest';
import { sanitizeBodyHtml } from './sanitize-body.js';

// The allowlist as readers' browsers will meet it (sanitize-body.ts); a tag outside it in the output fails.
const ALLOWED_TAGS = new Set([
  'p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup',
  'br', 'hr', 'code', 'pre', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'abbr', 'cite', 'q',
]);
const URL_ATTRIBUTES = new Set(['href', 'src']);
const SAFE_SCHEMES = /^(?:https?|mailto):/i;

// Pieces attackers and messy wire copy use; the generator strings them together with random text.
const dangerousPieces = [
  '<script>alert(1)</script>', '<script src="https://evil.example/x.js">', '</script>', '<style>p{color:red}</style>', '<style>',
  '<iframe src="https://evil.example/">', '<object data="x.swf">', '<embed src="x.swf">', '<svg onload="alert(1)">', '<math><mi xlink:href="javascript:alert(1)">',
  '<img src=x onerror=alert(1)>', '<img src="javascript:alert(1)">', '<img srcset="javascript:alert(1) 1x, data:image/png;base64,AA 2x">',
  '<a href="javascript:alert(1)">', '<a href="JaVaScRiPt:alert(1)">', '<a href="jav&#x09;ascript:alert(1)">', '<a href=" javascript:alert(1)">',
  '<a href="&#106;avascript:alert(1)">', '<a href="vbscript:msgbox(1)">', '<a href="data:text/html,<script>alert(1)</script>">',
  '<a href="java\nscript:alert(1)">', '<a href="//evil.example/">', '<a href="https://example.com/" onclick="x()">',
  '<p style="background:url(javascript:alert(1))">', '<form action="javascript:alert(1)"><button>', '<input onfocus=alert(1) autofocus>',
  '<base href="https://evil.example/">', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<link rel="stylesheet" href="x.css">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<template><script>alert(1)</script></template>', '<textarea><script>',
  '<!--', '-->', '<!-- <script>alert(1)</script> -->', '<![CDATA[<script>alert(1)</script>]]>', '<?xml version="1.0"?>', '<!DOCTYPE html>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>', '<<script>', '< script>', '</p', '<p', '"', "'", '>', '<', '&', '&lt;script&gt;', '&amp;lt;',
  '<table><td onmouseover=alert(1)>', '<abbr title="x" onmouseover="y">', '<h1>', '<h6>', '<div id=x>', '<select><option>',
];
const tamePieces = ['<p>', '</p>', '<strong>', '</strong>', '<em>', '</em>', '<a href="https://example.com/?a=1&b=2">', '</a>', '<ul><li>', '</li></ul>',
  '<img src="https://cdn.example.com/a.jpg" alt="A" width="10">', '<blockquote>', '</blockquote>', '<br>', '<h2>', '</h2>', '<table><tr><td>', '</td></tr></table>'];
const textPiece = fc.string({ maxLength: 20, unit: 'grapheme' });
const bodyHtml = fc
  .array(fc.oneof(fc.constantFrom(...dangerousPieces), fc.constantFrom(...tamePieces), textPiece, fc.string({ maxLength: 10, unit: 'binary' })), { maxLength: 40 })
  .map((pieces) => pieces.join(''));

/** Every element and attribute of an HTML fragment, as a parser reads them. */
function elementsOf(html: string): { name: string; attributes: Record<string, string> }[] {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return elements;
}

/** Whether a URL attribute's value could run or load something a body must not: only http(s), mailto and relative URLs pass. */
function isSafeUrl(value: string): boolean {
  // Browsers drop ASCII whitespace and control characters inside a scheme ("jav\tascript:").
  const squeezed = value.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(squeezed);
  return scheme ? SAFE_SCHEMES.test(scheme[0]) : !squeezed.startsWith('//');
}

describe('sanitizeBodyHtml (properties)', () => {
  test('the output holds only allowlisted elements, no event handlers or style, and only http(s), mailto and relative URLs', () => {
    fc.assert(
      fc.property(bodyHtml, (html) => {
        const out = sanitizeBodyHtml(html);
        // Every "<" left in the output opens (or closes) an allowed element: text keeps "<" escaped.
        for (const match of out.matchAll(/<(\/?)([^\s/>]*)/g)) expect(ALLOWED_TAGS.has(match[2]!.toLowerCase()), `"${match[0]}" in ${out}`).toBe(true);
        for (const { name, attributes } of elementsOf(out)) {
          expect(ALLOWED_TAGS.has(name)).toBe(true);
          for (const [attribute, value] of Object.entries(attributes)) {
            expect(attribute).not.toMatch(/^on|^style$|^xmlns|^xlink|^formaction$|^action$/i);
            if (URL_ATTRIBUTES.has(attribute)) expect(isSafeUrl(value), `${attribute}="${value}"`).toBe(true);
            if (attribute === 'srcset') for (const candidate of value.split(',')) expect(isSafeUrl(candidate.trim().split(/\s+/)[0] ?? ''), `srcset "${value}"`).toBe(true);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('images load only over http(s) or from this site, never from data: or other schemes', () => {
    fc.assert(
      fc.property(bodyHtml, (html) => {
        for (const { name, attributes } of elementsOf(sanitizeBodyHtml(html))) {
          if (name === 'img' && attributes.src) expect(attributes.src).toMatch(/^(?:https?:\/\/|\/(?!\/)|[^:]*$)/i);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('is idempotent: sanitizing twice gives what sanitizing once gave', () => {
    fc.assert(
      fc.property(bodyHtml, (html) => {
        const once = sanitizeBodyHtml(html);
        expect(sanitizeBodyHtml(once)).toBe(once);
      }),
      { numRuns: 1500 },
    );
  });

  test('plain text without markup characters comes through as the same text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }).filter((text) => !/[<>&"']/.test(text)), (text) => {
        expect(sanitizeBodyHtml(text)).toBe(text.trim());
      }),
      { numRuns: 300 },
    );
  });
});
