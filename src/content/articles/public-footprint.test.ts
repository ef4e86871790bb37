import { describe, expect, test } from 'vitest';
import { cacheKeysForChange, type PublicFootprint } from './public-footprint.js';

const story: PublicFootprint = { id: 7, sectionSlug: 'markets', tagSlugs: ['rates'], authorSlugs: ['ana-cruz'] };

describe('cacheKeysForChange', () => {
  test('a change to a story nobody can see (draft edit, autosave, schedule) dirties nothing', () => {
    expect(cacheKeysForChange(null, null)).toEqual([]);
  });

  test('a publish dirties exactly the pages that show the story, and cached 404s', () => {
    expect(cacheKeysForChange(null, story)).toEqual(
      ['article:7', 'author:ana-cruz', 'feeds', 'home', 'missing', 'section:markets', 'sitemaps', 'topic:rates'].sort(),
    );
  });

  test('an unpublish dirties the pages that showed it, not cached 404s', () => {
    expect(cacheKeysForChange(story, null)).toEqual(['article:7', 'author:ana-cruz', 'feeds', 'home', 'section:markets', 'sitemaps', 'topic:rates'].sort());
  });

  test('a section move, new topics and a new byline dirty the old pages and the new ones', () => {
    const moved: PublicFootprint = { id: 7, sectionSlug: 'business', tagSlugs: ['deals'], authorSlugs: ['li-wei'] };
    const keys = cacheKeysForChange(story, moved);
    for (const key of ['section:markets', 'section:business', 'topic:rates', 'topic:deals', 'author:ana-cruz', 'author:li-wei']) expect(keys).toContain(key);
    expect(keys.filter((key) => key.startsWith('section:'))).toHaveLength(2);
  });

  test('no other story, section, topic or author is named', () => {
    const keys = cacheKeysForChange(story, story);
    expect(keys.filter((key) => key.includes(':'))).toEqual(['article:7', 'author:ana-cruz', 'section:markets', 'topic:rates']);
  });
});
