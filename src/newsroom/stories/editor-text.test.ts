import { describe, expect, test } from 'vitest';
import { clipText, describeLength, LENGTH_LIMITS, previewAddress, previewDescription } from './editor-text.js';

describe('length advice', () => {
  test('counts characters (not UTF-16 units) of the trimmed text and says how far over', () => {
    expect(describeLength('  Rates hold  ', LENGTH_LIMITS.title)).toEqual({ text: '10 of 70 characters (search results show about 70)', isOver: false });
    expect(describeLength('€'.repeat(70), LENGTH_LIMITS.title).isOver).toBe(false);
    expect(describeLength('x'.repeat(165), LENGTH_LIMITS.excerpt)).toEqual({ text: '165 of 160 characters: 5 over (search results show about 160)', isOver: true });
  });
});

describe('previews', () => {
  test('a long text is cut at a word with an ellipsis; a short one is kept whole', () => {
    expect(clipText('Copper   climbs', 70)).toBe('Copper climbs');
    expect(clipText('one two three four five', 12)).toBe('one two…');
    // One long word is cut inside it rather than left nearly empty.
    expect(clipText('Supercalifragilistic', 10)).toBe('Supercali…');
  });

  test('the description is the teaser, else the dek, else the body', () => {
    expect(previewDescription({ excerpt: ' Teaser ', dek: 'Dek', bodyText: 'Body' })).toBe('Teaser');
    expect(previewDescription({ excerpt: '', dek: 'Dek', bodyText: 'Body' })).toBe('Dek');
    expect(previewDescription({ excerpt: '', dek: ' ', bodyText: 'Body text' })).toBe('Body text');
  });

  test('the address: host › section › the slug, else one made from the headline', () => {
    expect(previewAddress({ siteUrl: 'https://news.example/', section: 'Markets', slug: '', title: 'Öl: Preise fallen!' })).toBe('news.example › Markets › ol-preise-fallen');
    expect(previewAddress({ siteUrl: 'https://news.example', section: '', slug: 'My Slug', title: 'x' })).toBe('news.example › my-slug');
  });
});
