import { describe, expect, test } from 'vitest';
import { escapeHtml, plainTextToHtml, sanitizeBodyHtml } from './sanitize-body.js';

describe('sanitizeBodyHtml', () => {
  test('removes <script> elements together with their content', () => {
    const out = sanitizeBodyHtml('<p>Before</p><script>alert("pwned")</script><p>After</p>');
    expect(out).toBe('<p>Before</p><p>After</p>');
    expect(out).not.toContain('alert');
  });

  test('drops a whole document head, title included', () => {
    expect(sanitizeBodyHtml('<html><head><title>Headline</title></head><body><p>Y</p></body></html>')).toBe('<p>Y</p>');
  });

  test('keeps responsive image candidates but drops unsafe ones', () => {
    const html = sanitizeBodyHtml('<img src="/media/a.jpg" srcset="/media/a-320.webp 320w, javascript:alert(1) 640w" sizes="100vw" alt="A">');
    expect(html).toContain('srcset="/media/a-320.webp 320w"');
    expect(html).toContain('sizes="100vw"');
    expect(html).not.toContain('javascript');
  });

  test('with a base URL, relative and protocol-relative links and images become absolute; unsafe ones still go', () => {
    const html = sanitizeBodyHtml(
      '<p><a href="../b">b</a> <a href="//cdn.example/x">x</a> <a href="javascript:alert(1)">j</a><img src="i.png" srcset="i-1.png 1x, //cdn.example/i-2.png 2x, javascript:alert(1) 3x" alt="I"></p>',
      { baseUrl: 'https://wire.example/a/story' },
    );
    expect(html).toBe(
      '<p><a href="https://wire.example/b">b</a> <a href="https://cdn.example/x">x</a> <a>j</a><img src="https://wire.example/a/i.png" srcset="https://wire.example/a/i-1.png 1x, https://cdn.example/i-2.png 2x" alt="I" /></p>',
    );
  });

  test('removes on* event handler attributes', () => {
    const out = sanitizeBodyHtml('<p onclick="steal()">Text <a href="https://example.com/" onmouseover="steal()">link</a></p>');
    expect(out).toBe('<p>Text <a href="https://example.com/">link</a></p>');
    expect(out).not.toMatch(/on\w+=/i);
  });

  test('drops javascript: and data: URLs from href and src', () => {
    const out = sanitizeBodyHtml(
      '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href="data:text/html,<b>x</b>">c</a>' +
        '<img src="data:image/png;base64,AAAA" alt="d"><img src="javascript:alert(1)" alt="e">',
    );
    expect(out).not.toMatch(/javascript:/i);
    expect(out).not.toContain('data:');
    expect(out).toContain('<a>a</a>');
    expect(out).toContain('<img alt="d" />');
  });

  test('keeps http(s) and mailto links and http(s) images', () => {
    expect(sanitizeBodyHtml('<a href="https://example.com/x?a=1&amp;b=2" title="t">x</a>')).toBe(
      '<a href="https://example.com/x?a=1&amp;b=2" title="t">x</a>',
    );
    expect(sanitizeBodyHtml('<a href="mailto:desk@example.com">mail</a>')).toBe('<a href="mailto:desk@example.com">mail</a>');
    expect(sanitizeBodyHtml('<img src="https://cdn.example.com/a.jpg" alt="A">')).toBe('<img src="https://cdn.example.com/a.jpg" alt="A" />');
  });

  test('removes style attributes', () => {
    expect(sanitizeBodyHtml('<p style="color:red">Red</p>')).toBe('<p>Red</p>');
  });

  test('removes <iframe>', () => {
    const out = sanitizeBodyHtml('<p>Watch</p><iframe src="https://evil.example/"></iframe>');
    expect(out).toBe('<p>Watch</p>');
  });

  test('keeps the structural allowlist intact', () => {
    const html =
      '<p>Para with <strong>bold</strong> and <em>italic</em> and <a href="https://example.com/">a link</a>.</p>' +
      '<h2>Sub</h2><blockquote>Quote</blockquote><ul><li>one</li><li>two</li></ul>';
    expect(sanitizeBodyHtml(html)).toBe(html);
  });

  test('turns h1 into h2', () => {
    expect(sanitizeBodyHtml('<h1>Headline in body</h1><p>x</p>')).toBe('<h2>Headline in body</h2><p>x</p>');
  });

  test('unwraps <section> and <div> but keeps their text', () => {
    const out = sanitizeBodyHtml('<section class="main"><div id="x"><p>Kept paragraph</p>Loose text</div></section>');
    expect(out).toBe('<p>Kept paragraph</p>Loose text');
    expect(out).not.toMatch(/<section|<div/);
  });

  test('drops empty paragraphs and trims', () => {
    expect(sanitizeBodyHtml('  <p></p><p>   </p><p>x</p>  ')).toBe('<p>x</p>');
  });
});

describe('plainTextToHtml', () => {
  test('makes one paragraph per blank-line separated block', () => {
    expect(plainTextToHtml('First paragraph.\n\nSecond paragraph.')).toBe('<p>First paragraph.</p><p>Second paragraph.</p>');
  });

  test('joins lines inside a paragraph and ignores extra blank lines', () => {
    expect(plainTextToHtml('\n\nOne\nline   two\n\n \n\n\nThree\n\n')).toBe('<p>One line two</p><p>Three</p>');
  });

  test('escapes HTML in the text', () => {
    expect(plainTextToHtml('Tom & Jerry <script>x</script>')).toBe('<p>Tom &#38; Jerry &#60;script&#62;x&#60;/script&#62;</p>');
  });

  test('empty text gives no paragraphs', () => {
    expect(plainTextToHtml('')).toBe('');
    expect(plainTextToHtml(' \n\n ')).toBe('');
  });
});

describe('escapeHtml', () => {
  test('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  test('leaves other text unchanged and escapes the ampersand of an existing entity', () => {
    expect(escapeHtml('Plain text, ünïcödé ’ quotes')).toBe('Plain text, ünïcödé ’ quotes');
    expect(escapeHtml('&#38;')).toBe('&#38;#38;');
  });
});
