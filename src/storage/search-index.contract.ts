import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { enqueueJob } from './job-queue.js';
import { migrateToLatest } from './migrate.js';
import type { OpenTwoConnections, TwoConnections } from './port-contract-fixture.js';
import type { Database } from './database.js';
import { SEARCH_BACKFILL_JOB } from './search-backfill.js';
import { planRefresh, type RefreshPlan } from './search-entries.js';
import { SEARCH_MATCH_LIMIT, SEARCH_PHRASE_WINDOW, type SearchFilter, type SearchQuery, type SearchRequest, type SearchTerm } from './search-index.js';
import { createWriter, type Transaction, type Writer } from './unit-of-work.js';

const NOW = new Date('2026-06-01T12:00:00Z');

/** A story as the contract writes it, straight into the tables (no content module here). */
interface StoryRow {
  title: string;
  dek?: string;
  body?: string;
  status?: string;
  publishedAt?: string;
  section?: 'markets' | 'business';
  tags?: string[];
  bylines?: string[];
}

const word = (text: string): SearchTerm => ({ text, isPrefix: false });
const prefix = (text: string): SearchTerm => ({ text, isPrefix: true });
/** Every argument a group of its own (AND); an array is one group (OR). */
const all = (...groups: (SearchTerm | SearchTerm[])[]): SearchQuery => ({ groups: groups.map((group) => [group].flat()), excluded: [] });

/**
 * The SearchIndex contract, run unchanged against every dialect's implementation: pass a function
 * that opens two connections to one fresh, migrated database (two processes).
 */
export function describeSearchIndexContract(dialectName: string, open: OpenTwoConnections): void {
  describe(`SearchIndex contract (${dialectName})`, () => {
    let connections: TwoConnections;
    let database: Database;
    let writer: Writer;
    let sequence = 0;

    beforeEach(async () => {
      connections = await open();
      database = connections.first;
      writer = writerOf(database);
      await database.db
        .insertInto('sections')
        .values([
          { slug: 'markets', name: 'Markets', description: '', position: 0 },
          { slug: 'business', name: 'Business', description: '', position: 1 },
        ])
        .execute();
    });
    afterEach(async () => connections.close());

    const writerOf = (connection: Database) =>
      createWriter({ db: connection.db, dialect: connection.dialect, searchIndex: connection.searchIndex, recordChange: async () => undefined });

    async function idOf(table: 'sections' | 'tags' | 'authors', slug: string): Promise<number> {
      const row = await database.db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
      return Number(row.id);
    }

    /** Writes stories and names them for reindexing in one unit of work; returns their ids. */
    async function addStories(stories: StoryRow[], { through = writer }: { through?: Writer } = {}): Promise<number[]> {
      return through.run(NOW, async ({ trx, reindex }) => {
        const ids: number[] = [];
        for (const story of stories) {
          sequence += 1;
          const sectionId = Number((await trx.selectFrom('sections').select('id').where('slug', '=', story.section ?? 'markets').executeTakeFirstOrThrow()).id);
          const publishedAt = story.publishedAt ?? '2026-05-01T10:00:00.000Z';
          const { id } = await trx
            .insertInto('articles')
            .values({
              uri: `urn:contract:${sequence}`,
              slug: `story-${sequence}`,
              url_date: publishedAt.slice(0, 10),
              status: story.status ?? 'published',
              title: story.title,
              dek: story.dek ?? '',
              excerpt: null,
              teaser: '',
              body_html: story.body ?? '<p>Nothing to see.</p>',
              section_id: sectionId,
              language: 'en',
              canonical_url: null,
              source: 'test',
              word_count: 0,
              published_at: publishedAt,
              updated_at: null,
              created_at: publishedAt,
              modified_at: publishedAt,
              revision: 1,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          for (const [position, name] of (story.tags ?? []).entries()) {
            const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
            await trx.insertInto('tags').values({ slug, name, kind: 'topic' }).onConflict((oc) => oc.column('slug').doNothing()).execute();
            const tag = await trx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
            await trx.insertInto('article_tags').values({ article_id: Number(id), tag_id: Number(tag.id), position }).execute();
          }
          for (const [position, name] of (story.bylines ?? []).entries()) {
            const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
            await trx.insertInto('authors').values({ slug, name, bio: '', created_at: publishedAt }).onConflict((oc) => oc.column('slug').doNothing()).execute();
            const author = await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
            await trx.insertInto('article_authors').values({ article_id: Number(id), author_id: Number(author.id), position }).execute();
          }
          ids.push(Number(id));
        }
        reindex(ids);
        return ids;
      });
    }

    async function updateStory(id: number, values: { status?: string; title?: string }): Promise<void> {
      await writer.run(NOW, async ({ trx, reindex }) => {
        await trx.updateTable('articles').set(values).where('id', '=', id).execute();
        reindex([id]);
      });
    }

    const search = (query: SearchQuery, options: Partial<Omit<SearchRequest, 'query'>> = {}, connection: Database = database) =>
      connection.searchIndex.search({ query, filter: {}, sort: 'relevance', offset: 0, limit: 20, now: NOW, ...options });
    const found = async (query: SearchQuery, options: Partial<Omit<SearchRequest, 'query'>> = {}) => (await search(query, options)).articleIds;

    test('finds a published story by any word of its title, dek, body, tags or bylines; never a draft, a scheduled or an unpublished story', async () => {
      const [published, draft, scheduled, unpublished] = await addStories([
        { title: 'Harbour cranes idle', dek: 'Dockworkers walk out', body: '<p>The <em>container</em> backlog grows.</p>', tags: ['Shipping', 'KSHP'], bylines: ['Mira Okafor'] },
        { title: 'Harbour draft', status: 'draft' },
        { title: 'Harbour scheduled', status: 'scheduled' },
        { title: 'Harbour unpublished', status: 'unpublished' },
      ]);
      for (const text of ['harbour', 'dockworkers', 'container', 'shipping', 'kshp', 'okafor', 'Mira Okafor']) expect(await found(all(word(text))), text).toEqual([published]);
      expect([draft, scheduled, unpublished]).not.toContain(published);
      expect(await found(all(word('backlog'), word('cranes')))).toEqual([published]);
      expect(await found(all(word('backlog'), word('submarine')))).toEqual([]);
    });

    test('follows each story in its transaction: publishing indexes it, unpublishing removes it, an edit replaces its words, a rolled-back change leaves it as it was', async () => {
      const [id] = await addStories([{ title: 'Copper smelter expands', status: 'draft' }]);
      expect(await found(all(word('smelter')))).toEqual([]);
      await updateStory(id!, { status: 'published' });
      expect(await found(all(word('smelter')))).toEqual([id]);
      await updateStory(id!, { title: 'Zinc refinery expands' });
      expect(await found(all(word('smelter')))).toEqual([]);
      expect(await found(all(word('refinery')))).toEqual([id]);
      const failed = writer.run(NOW, async ({ trx, reindex }) => {
        await trx.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id!).execute();
        reindex([id!]);
        await trx.selectFrom('articles').select('id').execute();
        throw new Error('refused');
      });
      await expect(failed).rejects.toThrow('refused');
      expect(await found(all(word('refinery')))).toEqual([id]);
      await updateStory(id!, { status: 'unpublished' });
      expect(await found(all(word('refinery')))).toEqual([]);
      // Refreshing a story that is not there (any more) is no error.
      await writer.run(NOW, async ({ reindex }) => reindex([9_999_999]));
    });

    test('a save that changes nothing searchable leaves the entry alone, not stemmed again; a change to what is searched makes it again', async () => {
      const [id] = await addStories([{ title: 'Nickel mine reopens', tags: ['Mining'], bylines: ['Lea Park'] }]);
      /** What refreshing the story would do after `change`, in one transaction rolled back after. */
      const planAfter = async (change: (trx: Transaction) => Promise<unknown>) => {
        let plan: RefreshPlan | undefined;
        const rollBack = new Error('rolled back');
        await database.db
          .transaction()
          .execute(async (trx) => {
            await change(trx);
            plan = await planRefresh(trx, [id!]);
            throw rollBack;
          })
          .catch((error: unknown) => {
            if (error !== rollBack) throw error;
          });
        return { removedIds: plan!.removedIds, addedIds: plan!.added.map((document) => document.articleId) };
      };
      const unchanged = { removedIds: [], addedIds: [] };
      const remade = { removedIds: [id], addedIds: [id] };
      expect(await planAfter(async () => undefined)).toEqual(unchanged);
      expect(await planAfter((trx) => trx.updateTable('articles').set({ slug: 'renamed', teaser: 'New teaser', modified_at: NOW.toISOString() }).where('id', '=', id!).execute())).toEqual(unchanged);
      expect(await planAfter((trx) => trx.updateTable('articles').set({ body_html: '<p>Output <b>doubles</b>.</p>' }).where('id', '=', id!).execute())).toEqual(remade);
      expect(await planAfter((trx) => trx.updateTable('articles').set({ published_at: '2026-05-02T10:00:00.000Z' }).where('id', '=', id!).execute())).toEqual(remade);
      expect(await planAfter((trx) => trx.updateTable('tags').set({ name: 'Metals mining' }).where('slug', '=', 'mining').execute())).toEqual(remade);
      expect(await planAfter((trx) => trx.updateTable('authors').set({ name: 'Lea Park-Sun' }).where('slug', '=', 'lea-park').execute())).toEqual(remade);
      expect(await planAfter((trx) => trx.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id!).execute())).toEqual({ removedIds: [id], addedIds: [] });
      // An entry made before digests were kept is made again.
      expect(await planAfter((trx) => trx.updateTable('search_entries').set({ digest: null }).where('article_id', '=', id!).execute())).toEqual(remade);
      // A save that changed nothing searchable still finds the story by every word; one that did, by its new words.
      await updateStory(id!, { status: 'published' });
      expect(await found(all(word('nickel'), word('mining'), word('park')))).toEqual([id]);
      await updateStory(id!, { title: 'Nickel mine closes' });
      expect(await found(all(word('closes')))).toEqual([id]);
      expect(await found(all(word('reopens')))).toEqual([]);
    });

    test('another process finds what one committed', async () => {
      const [id] = await addStories([{ title: 'Lumber futures slide' }], { through: writerOf(connections.second) });
      expect((await search(all(word('lumber')), {}, connections.first)).articleIds).toEqual([id]);
    });

    test('phrases, prefixes, exclusions and OR', async () => {
      const [rateCut, cutRate, inflation, crypto] = await addStories([
        { title: 'Central bank delivers a rate cut' },
        { title: 'Cut to the lending rate surprises' },
        { title: 'Inflationary pressure builds' },
        { title: 'Crypto lenders cut rates too' },
      ]);
      expect((await found(all(word('rate cut')))).sort()).toEqual([rateCut].sort());
      expect((await found(all(word('rate'), word('cut')))).sort()).toEqual([rateCut, cutRate, crypto].sort());
      expect(await found(all(prefix('infla')))).toEqual([inflation]);
      expect((await found({ groups: [[word('cut')]], excluded: [word('crypto')] })).sort()).toEqual([rateCut, cutRate].sort());
      expect((await found(all([word('inflationary'), word('crypto')]))).sort()).toEqual([inflation, crypto].sort());
      expect((await found(all([word('lending'), word('crypto')], word('rates')))).sort()).toEqual([cutRate, crypto].sort());
      expect(await found({ groups: [[word('rate')]], excluded: [word('crypto'), word('lending')] })).toEqual([rateCut]);
    });

    test('words are stemmed as the stories were: "rates" finds "rate", "cutting" finds "cut"', async () => {
      const [id] = await addStories([{ title: 'Lenders cut the mortgage rate' }]);
      expect(await found(all(word('rates')))).toEqual([id]);
      expect(await found(all(word('cutting'), word('mortgages')))).toEqual([id]);
    });

    test('ranks a match in the title above one in the tags and bylines, above the dek, above the body', async () => {
      const ids = await addStories([
        { title: 'Quarterly results', body: '<p>Analysts watched Veltrax closely.</p>' },
        { title: 'Quarterly results', dek: 'Veltrax beats forecasts' },
        { title: 'Quarterly results', tags: ['Veltrax'] },
        { title: 'Veltrax results' },
      ]);
      expect(await found(all(word('veltrax')))).toEqual([...ids].reverse());
    });

    test('among equal matches the newer ranks first; sorting by date puts the newest first whatever the relevance', async () => {
      const [old, recent, titled] = await addStories([
        { title: 'Grain prices', body: '<p>Sorghum harvest.</p>', publishedAt: '2024-01-01T00:00:00.000Z' },
        { title: 'Grain prices', body: '<p>Sorghum harvest.</p>', publishedAt: '2026-05-30T00:00:00.000Z' },
        { title: 'Sorghum harvest record', publishedAt: '2025-01-01T00:00:00.000Z' },
      ]);
      expect(await found(all(word('sorghum')))).toEqual([titled, recent, old]);
      expect(await found(all(word('sorghum')), { sort: 'date' })).toEqual([recent, titled, old]);
    });

    test('filters by section, tag, author and publication date', async () => {
      const [a, b, c] = await addStories([
        { title: 'Tanker rates jump', section: 'markets', tags: ['Oil'], bylines: ['Ana Ruiz'], publishedAt: '2026-01-10T08:00:00.000Z' },
        { title: 'Tanker maker hires', section: 'business', tags: ['Shipbuilding'], bylines: ['Ben Cole'], publishedAt: '2026-02-10T08:00:00.000Z' },
        { title: 'Tanker fleet ages', section: 'business', tags: ['Oil'], bylines: ['Ana Ruiz'], publishedAt: '2026-03-10T08:00:00.000Z' },
      ]);
      const tanker = all(word('tanker'));
      const filtered = async (filter: SearchFilter) => (await found(tanker, { filter, sort: 'date' })).sort();
      expect(await filtered({ sectionId: await idOf('sections', 'business') })).toEqual([b, c].sort());
      expect(await filtered({ tagId: await idOf('tags', 'oil') })).toEqual([a, c].sort());
      expect(await filtered({ authorId: await idOf('authors', 'ben-cole') })).toEqual([b]);
      expect(await filtered({ publishedFrom: '2026-02-01T00:00:00.000Z' })).toEqual([b, c].sort());
      expect(await filtered({ publishedBefore: '2026-02-10T08:00:00.000Z' })).toEqual([a]);
      expect(await filtered({ publishedFrom: '2026-02-01T00:00:00.000Z', publishedBefore: '2026-03-01T00:00:00.000Z', sectionId: await idOf('sections', 'business') })).toEqual([b]);
      expect(await filtered({ tagId: await idOf('tags', 'oil'), authorId: await idOf('authors', 'ben-cole') })).toEqual([]);
    });

    test(`looks at the newest ${SEARCH_MATCH_LIMIT} matches at most: the count stops there, pages are slices of them`, async () => {
      const stories = Array.from({ length: SEARCH_MATCH_LIMIT + 5 }, (_, i) => ({
        title: `Bulletin number ${i}`,
        publishedAt: new Date(Date.parse('2025-01-01T00:00:00Z') + i * 3_600_000).toISOString(),
      }));
      const ids = await addStories(stories);
      const newestFirst = [...ids].reverse();
      const first = await search(all(word('bulletin')), { sort: 'date' });
      expect(first).toEqual({ articleIds: newestFirst.slice(0, 20), total: SEARCH_MATCH_LIMIT, hasMore: true });
      expect((await search(all(word('bulletin')), { sort: 'date', offset: 980 })).articleIds).toEqual(newestFirst.slice(980, 1000));
      expect((await search(all(word('bulletin')), { sort: 'date', offset: 1000 })).articleIds).toEqual([]);
      const byRelevance = await search(all(word('bulletin')), { limit: SEARCH_MATCH_LIMIT });
      expect(new Set(byRelevance.articleIds)).toEqual(new Set(newestFirst.slice(0, SEARCH_MATCH_LIMIT)));
      expect(await search(all(word('bulletin'), word('4')))).toMatchObject({ total: 1, hasMore: false });
    });

    test(`a phrase is checked among the newest ${SEARCH_PHRASE_WINDOW} stories holding its words: an older one may be missed, and hasMore says so`, async () => {
      const at = (i: number) => new Date(Date.parse('2024-01-01T00:00:00Z') + i * 3_600_000).toISOString();
      const [oldest, older] = await addStories([
        { title: 'Harbour tolls rise', publishedAt: at(0) },
        { title: 'Harbour tolls rise again', publishedAt: at(1) },
      ]);
      // Newer stories with both words, never side by side: they fill the window.
      await addStories(Array.from({ length: SEARCH_PHRASE_WINDOW - 1 }, (_, i) => ({ title: `Tolls at the harbour, part ${i}`, publishedAt: at(2 + i) })));
      expect(await search(all(word('harbour tolls')))).toEqual({ articleIds: [older], total: 1, hasMore: true });
      const [newest] = await addStories([{ title: 'Harbour tolls fall', publishedAt: at(5000) }]);
      expect(await search(all(word('harbour tolls')), { sort: 'date' })).toEqual({ articleIds: [newest], total: 1, hasMore: true });
      // The same words loose find every story; a filter that leaves few stories leaves room for all of them.
      expect((await search(all(word('harbour'), word('tolls')))).total).toBe(SEARCH_MATCH_LIMIT);
      expect((await found(all(word('harbour tolls')), { filter: { publishedBefore: at(2) } })).sort()).toEqual([oldest, older].sort());
    });

    test('a term is only ever text to find: quotes, operators and the syntax of either dialect never fail a search', async () => {
      const [id] = await addStories([{ title: 'Steel tariffs AND quotas', body: '<p>Trade: "NEAR" talks (NOT over).</p>' }]);
      const hostile = ['"', "'", '""', "''", '\\', '*', ':*', '&', '|', '!', '(', ')', '<->', '{title}:', 'title:steel', 'NEAR(steel tariffs)', '^steel', '-', '+', 'AND', 'OR', 'NOT', "steel' | 'x", 'steel" OR "x', '\u0000', '🙂', 'ü'.repeat(500), 'x'.repeat(3000)];
      for (const text of hostile) {
        for (const term of [word(text), prefix(text)]) {
          await expect(search(all(term)), JSON.stringify(text).slice(0, 40)).resolves.toMatchObject({ hasMore: false });
          await expect(search({ groups: [[word('steel'), term]], excluded: [term] })).resolves.toMatchObject({ hasMore: false });
        }
      }
      // Words spelled like operators are words: they find the story that has them.
      expect(await found(all(word('AND'), word('quotas')))).toEqual([id]);
      expect(await found(all(word('talks (NOT over)')))).toEqual([id]);
    });

    test('stories published before the index existed are indexed by the backfill the migration leaves pending', async () => {
      // Written without reindexing, as stories stood before migration 011.
      const ids = await database.db.transaction().execute(async (trx) => {
        const section = await trx.selectFrom('sections').select('id').executeTakeFirstOrThrow();
        const rows = Array.from({ length: 1_203 }, (_, i) => ({
          uri: `urn:old:${i}`,
          slug: `old-${i}`,
          url_date: '2020-01-01',
          status: i % 100 === 0 ? 'draft' : 'published',
          title: `Archive piece ${i}`,
          dek: '',
          excerpt: null,
          teaser: '',
          body_html: '<p>Walrus.</p>',
          section_id: Number(section.id),
          language: 'en',
          canonical_url: null,
          source: 'test',
          word_count: 1,
          published_at: '2020-01-01T00:00:00.000Z',
          updated_at: null,
          created_at: '2020-01-01T00:00:00.000Z',
          modified_at: '2020-01-01T00:00:00.000Z',
          revision: 1,
        }));
        const inserted = [];
        for (let i = 0; i < rows.length; i += 200) inserted.push(...(await trx.insertInto('articles').values(rows.slice(i, i + 200)).returning('id').execute()));
        await enqueueJob(trx, { kind: SEARCH_BACKFILL_JOB, key: 'published', runAt: NOW }, NOW);
        return inserted.map((row) => Number(row.id));
      });
      expect((await search(all(word('walrus')))).total).toBe(0);
      await migrateToLatest(connections.second.db, connections.second.dialect);
      const published = ids.filter((_, i) => i % 100 !== 0);
      expect(await search(all(word('walrus')), { limit: SEARCH_MATCH_LIMIT })).toMatchObject({ total: SEARCH_MATCH_LIMIT, hasMore: true });
      expect((await search(all(word('walrus'), word('piece'), word('1')))).articleIds).toEqual([published[0]]);
      expect(await found(all(word('1200')))).toEqual([]);
      expect(await database.db.selectFrom('jobs').select('id').where('kind', '=', SEARCH_BACKFILL_JOB).execute()).toEqual([]);
    });

    test('reports the bytes it takes; optimizing after many writes changes no result', async () => {
      const empty = await database.searchIndex.sizeInBytes();
      for (let batch = 0; batch < 5; batch++) {
        await addStories(Array.from({ length: 10 }, (_, i) => ({ title: `Sized story ${batch * 10 + i}`, body: `<p>${'ledger '.repeat(200)}</p>` })));
      }
      expect(await database.searchIndex.sizeInBytes()).toBeGreaterThan(empty);
      const before = await search(all(word('ledger')), { limit: 50 });
      await database.searchIndex.optimize();
      expect(await search(all(word('ledger')), { limit: 50 })).toEqual(before);
      expect(before.total).toBe(50);
    });
  });
}
