/**
 * Issue 10: a topic's and an author's stories are listed from their link rows, which keep their
 * story's publication time while it is published (kept by the database). Whatever the writes —
 * publishing, unpublishing, a changed publication time, tags and bylines changed, stories saved
 * in one batch or one by one — the listing equals the stories' own order, on both databases.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countPublishedArticles, listPublishedArticles, listPublishedArticlesAfter, type ArticleInput, type ArticleStatus } from '../../src/content/articles/index.js';
import { publishStory, unpublishStory, type StoryContext } from '../../src/content/stories/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => testApp.close());

/** The listing as the stories themselves order it: what the link rows must agree with. */
async function expectedIds(link: 'article_tags' | 'article_authors', ownerId: number): Promise<number[]> {
  const owner = link === 'article_tags' ? 'tag_id' : 'author_id';
  const rows = await testApp.database.db
    .selectFrom('articles')
    .select('articles.id')
    .where('articles.status', '=', 'published')
    .where('articles.id', 'in', (eb) => eb.selectFrom(link).select(`${link}.article_id`).where(owner, '=', ownerId))
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .execute();
  return rows.map((row) => Number(row.id));
}

async function idOf(table: 'tags' | 'authors', slug: string): Promise<number> {
  return Number((await testApp.database.db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
}

/** A small deterministic random sequence (the same writes on every run and database). */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('topic and author listings from their link rows', () => {
  test('agree with the stories’ own order through publishing, unpublishing, new times and changed links', async () => {
    const random = randomSequence(7);
    const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
    const statuses: ArticleStatus[] = ['published', 'published', 'published', 'draft', 'unpublished'];
    const story = (n: number): ArticleInput =>
      articleInput({
        uri: `urn:test:linked:${n}`,
        title: `Linked story ${n}`,
        status: pick(statuses),
        // Some share a publication time: the order then falls back to the id, newest first.
        publishedAt: `2024-0${1 + Math.floor(random() * 5)}-1${Math.floor(random() * 3)}T10:00:00Z`,
        bylines: random() < 0.5 ? ['Ada Ledger'] : ['Ada Ledger', 'Ben Margin'],
        tags: random() < 0.7 ? [{ kind: 'topic', name: 'Bonds' }, { kind: 'topic', name: 'Yields' }] : [{ kind: 'topic', name: 'Yields' }],
      });
    // One batch of 40, then 30 single saves that revise them at random (status, time, links) between 30 editorial steps.
    await createArticles(testApp, Array.from({ length: 40 }, (_, n) => story(n)));
    const [bonds, yields, ada, ben] = await Promise.all([idOf('tags', 'bonds'), idOf('tags', 'yields'), idOf('authors', 'ada-ledger'), idOf('authors', 'ben-margin')]);
    const listings = [
      { name: 'topic Bonds', filter: { tagId: bonds }, expected: () => expectedIds('article_tags', bonds) },
      { name: 'topic Yields', filter: { tagId: yields }, expected: () => expectedIds('article_tags', yields) },
      { name: 'author Ada Ledger', filter: { authorId: ada }, expected: () => expectedIds('article_authors', ada) },
      { name: 'author Ben Margin', filter: { authorId: ben }, expected: () => expectedIds('article_authors', ben) },
    ];
    // Editorial steps change a story's status (and a first publication its time) without touching its links.
    const editor: StoryContext = { now: new Date('2024-06-20T09:00:00Z'), timeZone: 'UTC', actor: { userId: null, name: 'Editor' }, audit: recordAudit };
    const allowed = () => undefined;
    const step = async (n: number) => {
      const { id, status } = await testApp.database.db.selectFrom('articles').select(['id', 'status']).where('uri', '=', `urn:test:linked:${n}`).executeTakeFirstOrThrow();
      const target = { id: Number(id), baseRevision: undefined };
      if (status === 'published') await unpublishStory(testApp.writer, target, editor, allowed);
      else await publishStory(testApp.writer, target, editor, allowed);
    };
    for (let round = 0; round <= 60; round += 1) {
      if (round > 0 && round % 2 === 0) await createArticles(testApp, [story(Math.floor(random() * 40))]);
      if (round % 2 === 1) await step(Math.floor(random() * 40));
      if (round % 10 !== 0) continue;
      for (const { name, filter, expected } of listings) {
        const ids = await expected();
        const listed = await listPublishedArticles(testApp.database.db, filter, { limit: 100, offset: 0 });
        expect(listed.map((s) => s.id), `${name} after ${round} revisions`).toEqual(ids);
        const secondPage = await listPublishedArticles(testApp.database.db, filter, { limit: 5, offset: 5 });
        expect(secondPage.map((s) => s.id)).toEqual(ids.slice(5, 10));
        expect(await countPublishedArticles(testApp.database.db, filter)).toBe(ids.length);
        expect(await countPublishedArticles(testApp.database.db, filter, { upTo: 3 })).toBe(Math.min(3, ids.length));
      }
    }
  });

  test('the database keeps the link rows’ times, whatever statement changes a story’s status or time', async () => {
    await createArticles(testApp, [1, 2, 3].map((n) => articleInput({ uri: `urn:test:direct:${n}`, title: `Direct ${n}`, publishedAt: `2024-04-0${n}T10:00:00Z`, tags: [{ kind: 'topic', name: 'Direct' }] })));
    const direct = { tagId: await idOf('tags', 'direct') };
    const titles = async () => (await listPublishedArticles(testApp.database.db, direct, { limit: 10, offset: 0 })).map((s) => s.title);
    expect(await titles()).toEqual(['Direct 3', 'Direct 2', 'Direct 1']);
    const { db } = testApp.database;
    await db.updateTable('articles').set({ status: 'unpublished' }).where('uri', '=', 'urn:test:direct:3').execute();
    await db.updateTable('articles').set({ published_at: '2024-04-09T10:00:00.000Z' }).where('uri', '=', 'urn:test:direct:1').execute();
    expect(await titles()).toEqual(['Direct 1', 'Direct 2']);
    await db.updateTable('articles').set({ status: 'published' }).where('uri', '=', 'urn:test:direct:3').execute();
    expect(await titles()).toEqual(['Direct 1', 'Direct 3', 'Direct 2']);
  });

  test('a walk of a topic by cursor, narrowed to an author, a section and a time, meets every story once in order', async () => {
    const stories = Array.from({ length: 12 }, (_, n) =>
      articleInput({
        uri: `urn:test:walk:${n}`,
        title: `Walked story ${n}`,
        publishedAt: `2024-05-${String(10 + n).padStart(2, '0')}T08:00:00Z`,
        section: n % 3 === 0 ? 'Business' : 'Markets',
        bylines: n % 2 === 0 ? ['Cara Coupon'] : ['Dan Duration'],
        tags: [{ kind: 'topic', name: 'Credit' }],
      }),
    );
    await createArticles(testApp, stories);
    const walk = async (filter: Parameters<typeof listPublishedArticlesAfter>[1]) => {
      const titles: string[] = [];
      let after: { publishedAt: string; id: number } | undefined;
      for (;;) {
        const page = await listPublishedArticlesAfter(testApp.database.db, filter, { after, limit: 5 });
        if (page.length === 0) return titles;
        titles.push(...page.map((s) => s.title));
        const last = page.at(-1)!;
        after = { publishedAt: last.publishedAt, id: last.id };
      }
    };
    const newestFirst = (keep: (n: number) => boolean) => [...Array(12).keys()].filter(keep).reverse().map((n) => `Walked story ${n}`);
    expect(await walk({ tagSlug: 'credit' })).toEqual(newestFirst(() => true));
    expect(await walk({ tagSlug: 'credit', authorSlug: 'cara-coupon' })).toEqual(newestFirst((n) => n % 2 === 0));
    expect(await walk({ tagSlug: 'credit', sectionSlug: 'business' })).toEqual(newestFirst((n) => n % 3 === 0));
    expect(await walk({ authorSlug: 'dan-duration' })).toEqual(newestFirst((n) => n % 2 === 1));
    expect(await walk({ tagSlug: 'no-such-topic' })).toEqual([]);
  });
});
