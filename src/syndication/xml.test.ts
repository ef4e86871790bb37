import { describe, expect, test } from 'vitest';
import { escapeXml, stripForbiddenXmlCharacters, xmlElement, xmlText } from './xml.js';

describe('escapeXml', () => {
  test('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  test('drops C0 controls but keeps tab, newline and carriage return', () => {
    expect(escapeXml('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\th\ni\rj')).toBe('abcdefg\th\ni\rj');
  });

  test('drops U+FFFE, U+FFFF and lone surrogates but keeps real pairs', () => {
    expect(stripForbiddenXmlCharacters('x\uFFFEy\uFFFFz')).toBe('xyz');
    expect(stripForbiddenXmlCharacters('a\uD800b\uDC00c')).toBe('abc');
    expect(stripForbiddenXmlCharacters('chart 📈 up')).toBe('chart 📈 up');
  });

  test('keeps ordinary Unicode text, including C1 characters XML allows', () => {
    expect(escapeXml('《 Fortune • Sky 》 €5 \u0085')).toBe('《 Fortune • Sky 》 €5 \u0085');
  });
});

describe('xmlElement and xmlText', () => {
  test('builds nested elements and leaves out undefined attributes', () => {
    expect(xmlElement('link', { href: 'http://a.test/?a=1&b=2', title: undefined })).toBe('<link href="http://a.test/?a=1&amp;b=2"/>');
    expect(xmlElement('item', {}, [xmlText('title', 'A < B')])).toBe('<item><title>A &lt; B</title></item>');
  });
});
