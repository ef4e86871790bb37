import { describe, expect, test } from 'vitest';
import { contentHash, normaliseUrl } from './exact-keys.js';
import { matchTokens, stem } from './match-text.js';

describe('normaliseUrl', () => {
  test.each([
    ['HTTPS://News.Example.COM:443/markets/story/?utm_source=feed&utm_medium=rss#top', 'https://news.example.com/markets/story'],
    ['http://example.com:80/a/?b=2&a=1&fbclid=xyz&gclid=1', 'http://example.com/a?a=1&b=2'],
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com:8443/a//', 'https://example.com:8443/a'],
    ['https://user:secret@example.com./a', 'https://example.com/a'],
    ['  https://example.com/a?id=7  ', 'https://example.com/a?id=7'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseUrl(input)).toBe(expected);
  });

  test('http and https stay apart; a path keeps its case', () => {
    expect(normaliseUrl('http://example.com/A')).not.toBe(normaliseUrl('https://example.com/A'));
    expect(normaliseUrl('https://example.com/A')).toBe('https://example.com/A');
  });

  test.each(['not a url', '/relative/path', 'ftp://example.com/file', 'javascript:alert(1)', ''])('%j has no key', (input) => {
    expect(normaliseUrl(input)).toBeUndefined();
  });
});

describe('contentHash', () => {
  test('blind to case, punctuation, spacing and Unicode forms', () => {
    const a = contentHash('Halden Motors’ Q1 profit: €1.42bn, down 18%.');
    expect(contentHash("HALDEN MOTORS'  Q1 profit — €1.42bn (down 18%)")).toBe(a);
    expect(contentHash('Ｈａｌｄｅｎ Motors’ Q1 profit: €1.42bn, down 18%.')).toBe(a);
    expect(contentHash('Halden Motors’ Q1\n\tprofit €1.42bn down 18')).toBe(a);
  });

  test('different words or figures give different hashes', () => {
    const a = contentHash('Halden Motors Q1 profit €1.42bn, down 18%');
    expect(contentHash('Halden Motors Q1 profit €1.42bn, down 19%')).not.toBe(a);
    expect(contentHash('Halden Motors Q2 profit €1.42bn, down 18%')).not.toBe(a);
  });
});

describe('matchTokens', () => {
  test('numbers are written one way, whatever the source wrote', () => {
    for (const text of ['€1.42bn', 'EUR 1.42 BLN', '1.42 billion euros', '1,420 million']) expect(matchTokens(text)).toContain('#1400000000');
    for (const text of ['4.5%', '4.50 per cent', '4.5 percent', '4.5 pct']) expect(matchTokens(text)).toEqual(['#4.5%']);
    expect(matchTokens('2,400 jobs, or 2.4k roles')).toEqual(['#2400', 'jobs', '#2400', 'roles']);
    expect(matchTokens('Q3 results')).toEqual(['third', 'quarter', 'results']);
  });

  test('stop words and possessives go; stemming is optional', () => {
    expect(matchTokens("The company's profits are falling")).toEqual(['profits', 'falling']);
    expect(matchTokens("The company's profits are falling", { stem: true })).toEqual(['profit', 'fall']);
  });

  test.each([
    ['cutting', 'cut'],
    ['rallied', 'rally'],
    ['companies', 'company'],
    ['sharply', 'sharp'],
    ['losses', 'loss'],
    ['taxes', 'tax'],
    ['bonus', 'bonus'],
    ['bus', 'bus'],
  ])('stem(%s) = %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});
