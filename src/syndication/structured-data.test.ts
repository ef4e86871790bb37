import { describe, expect, test } from 'vitest';
import type { Publication } from './publication.js';
import { jsonLdScriptText, newsArticleJsonLd, type ArticleFacts } from './structured-data.js';

const publication: Publication = {
  name: 'Fortune Sky',
  description: 'Finance news.',
  url: 'https://news.example',
  language: 'en',
  timeZone: 'Europe/London',
  logoPath: '/logo.png',
  logoWidth: 144,
  logoHeight: 144,
};

const facts: ArticleFacts = {
  url: 'https://news.example/2024/07/01/story/',
  title: 'Story',
  description: 'Teaser.',
  language: 'en',
  publishedAt: '2024-07-01T09:00:00.000Z',
  updatedAt: null,
  sectionName: 'Markets',
  authors: [],
  keywords: [],
  image: null,
  wordCount: 120,
};

describe('newsArticleJsonLd', () => {
  test('includes the hero image when there is one', () => {
    const withImage = newsArticleJsonLd({ ...facts, image: { url: 'https://cdn.example/a.jpg', width: 1200, height: 800, alt: 'Trading floor' } }, publication);
    expect(withImage.image).toEqual([{ '@type': 'ImageObject', url: 'https://cdn.example/a.jpg', width: 1200, height: 800, caption: 'Trading floor' }]);
    expect(newsArticleJsonLd(facts, publication)).not.toHaveProperty('image');
  });

  test('dates carry the site offset; an unchanged story was modified when published', () => {
    const node = newsArticleJsonLd(facts, publication);
    expect(node.datePublished).toBe('2024-07-01T10:00:00+01:00');
    expect(node.dateModified).toBe('2024-07-01T10:00:00+01:00');
  });
});

describe('jsonLdScriptText', () => {
  test('one node keeps its own @context; several go in a @graph', () => {
    expect(JSON.parse(jsonLdScriptText([{ '@type': 'WebSite' }]))).toEqual({ '@context': 'https://schema.org', '@type': 'WebSite' });
    expect(JSON.parse(jsonLdScriptText([{ '@type': 'A' }, { '@type': 'B' }]))['@graph']).toHaveLength(2);
  });

  test('escapes "<" and the line separators so nothing can end the script block', () => {
    const text = jsonLdScriptText([{ name: '</script>\u2028\u2029' }]);
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(text).name).toBe('</script>\u2028\u2029');
  });
});
