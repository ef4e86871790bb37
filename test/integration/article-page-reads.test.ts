// What a story's page reads from the database, on both databases: the story with its bylines, tags
// and corrections, each in its order, and the related stories, ranked by the leading tags they share.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findPublishedArticle, listRelatedArticles, type ArticleInput } from '../../src/content/articles/index.js';
import { addCorrection, findStoryRecord, type StoryContext } from '../../src/content/stories/index.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
beforeAll(async () => {
  site = await createTestApp();
});
afterAll(() => site.close());

const topics = (...names: string[]): ArticleInput['tags'] => names.map((name) => ({ kind: 'topic', name }));
const at = (day: number) => `2024-05-${String(day).padStart(2, '0')}T10:00:00Z`;

async function idOf(uri: string): Promise<number> {
  const row = await site.database.db.selectFrom('articles').select('id').where('uri', '=', uri).executeTakeFirstOrThrow();
  return Number(row.id);
}

describe('findPublishedArticle', () => {
  const context = (now: string): StoryContext => ({ now: new Date(now), timeZone: 'UTC', actor: { userId: null, name: 'Desk' }, audit: async () => {} });

  beforeAll(async () => {
    await createArticles(site, [
      articleInput({
        uri: 'urn:reads:story',
        slug: 'rates-hold',
        title: 'Rates hold',
        bylines: ['Zoe Adams', 'Al Brown'],
        tags: [...topics('Rates', 'Banks'), { kind: 'place', name: 'Asia' }],
        publishedAt: at(1),
      }),
      articleInput({ uri: 'urn:reads:draft', slug: 'draft-story', status: 'draft', publishedAt: null }),
    ]);
    const id = await idOf('urn:reads:story');
    for (const [text, now] of [['The rate was 4.5 per cent, not 5.', '2024-05-03T09:00:00Z'], ['The bank is in Osaka.', '2024-05-02T09:00:00Z']] as const) {
      const story = (await findStoryRecord(site.database.db, id))!;
      await addCorrection(site.writer, { id, baseRevision: story.article.revision, text }, context(now), () => {});
    }
  });

  test('reads the story with its bylines and tags in their order and its corrections by time', async () => {
    const story = (await findPublishedArticle(site.database.db, '2024-05-01', 'rates-hold'))!;
    expect(story.title).toBe('Rates hold');
    expect(story.bylines).toEqual([
      { name: 'Zoe Adams', slug: 'zoe-adams' },
      { name: 'Al Brown', slug: 'al-brown' },
    ]);
    expect(story.tags).toEqual([
      { name: 'Rates', slug: 'rates', kind: 'topic' },
      { name: 'Banks', slug: 'banks', kind: 'topic' },
      { name: 'Asia', slug: 'asia', kind: 'place' },
    ]);
    const tagRows = await site.database.db.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', ['rates', 'banks', 'asia']).execute();
    expect(story.tagIds).toEqual(['rates', 'banks', 'asia'].map((slug) => Number(tagRows.find((tag) => tag.slug === slug)!.id)));
    expect(story.corrections).toEqual([
      { text: 'The bank is in Osaka.', publishedAt: '2024-05-02T09:00:00.000Z' },
      { text: 'The rate was 4.5 per cent, not 5.', publishedAt: '2024-05-03T09:00:00.000Z' },
    ]);
  });

  test('finds nothing at another date, nor a story that is not published', async () => {
    expect(await findPublishedArticle(site.database.db, '2024-05-02', 'rates-hold')).toBeUndefined();
    const draft = await site.database.db.selectFrom('articles').select(['slug']).where('uri', '=', 'urn:reads:draft').executeTakeFirstOrThrow();
    expect(await findPublishedArticle(site.database.db, '2024-03-01', draft.slug)).toBeUndefined();
  });
});

describe('listRelatedArticles', () => {
  const titlesRelatedTo = async (slug: string, limit = 4) => {
    const story = (await findPublishedArticle(site.database.db, '2024-05-10', slug))!;
    return (await listRelatedArticles(site.database.db, { id: story.id, tagIds: story.tagIds ?? [] }, limit)).map((related) => related.title);
  };

  beforeAll(async () => {
    // The story's leading tags are Oil, Gas and Coal (by position); Solar, its fourth, does not count.
    await createArticles(site, [
      articleInput({ uri: 'urn:related:main', slug: 'main', title: 'Main', tags: topics('Oil', 'Gas', 'Coal', 'Solar'), publishedAt: at(10) }),
      articleInput({ uri: 'urn:related:three', title: 'Shares three', tags: topics('Coal', 'Gas', 'Oil'), publishedAt: at(2) }),
      articleInput({ uri: 'urn:related:two-old', title: 'Shares two, older', tags: topics('Oil', 'Gas'), publishedAt: at(3) }),
      articleInput({ uri: 'urn:related:two-new', title: 'Shares two, newer', tags: topics('Gas', 'Coal'), publishedAt: at(4) }),
      articleInput({ uri: 'urn:related:one', title: 'Shares one', tags: topics('Coal'), publishedAt: at(5) }),
      articleInput({ uri: 'urn:related:fourth', title: 'Shares only the fourth tag', tags: topics('Solar'), publishedAt: at(6) }),
      articleInput({ uri: 'urn:related:draft', title: 'Draft sharing three', status: 'draft', tags: topics('Oil', 'Gas', 'Coal'), publishedAt: null }),
      articleInput({ uri: 'urn:related:none', slug: 'shares-nothing', title: 'Shares nothing', tags: topics('Wheat'), publishedAt: at(10) }),
    ]);
  });

  test('ranks published stories by how many leading tags they share, then newest first, up to the limit', async () => {
    expect(await titlesRelatedTo('main')).toEqual(['Shares three', 'Shares two, newer', 'Shares two, older', 'Shares one']);
    expect(await titlesRelatedTo('main', 2)).toEqual(['Shares three', 'Shares two, newer']);
  });

  test('a story with no tags, or whose tags no other story has, has no related stories', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:related:untagged', slug: 'untagged', tags: [], publishedAt: at(10) })]);
    expect(await titlesRelatedTo('untagged')).toEqual([]);
    expect(await titlesRelatedTo('shares-nothing')).toEqual([]);
  });
});
