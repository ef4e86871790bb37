/**
 * The ingest pipeline on a real database: exact duplicates (same guid, same link, same copy), a
 * source's revision applied in place (its story too), a rewrite by another source grouped under
 * its original and shown as the story's alternate source, the two policies, and two instances
 * ingesting the same item at once giving one row and one story.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createChangeWriter } from '../../src/changes/index.js';
import { findStoredArticleByUri } from '../../src/content/articles/index.js';
import {
  createDescribePool,
  createIngestTools,
  findStoryProvenance,
  ingestItems,
  findSource,
  listDeskEntries,
  listFetches,
  recordFetch,
  refreshSectionModel,
  takeItem,
  type IngestSource,
  type IngestTools,
} from '../../src/ingest/pipeline/index.js';
import { testDialect } from '../../src/storage/fresh-database.js';
import { openDatabase, type Database, type Writer } from '../../src/storage/index.js';
import { loadDemoContent } from '../../src/demo/load-demo.js';
import { createSource, incomingItem } from '../support/ingest.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
const now = new Date('2026-06-01T09:00:00Z');
const context = { now, timeZone: 'UTC' };
const noAudit = async () => {};

interface DedupeEvent {
  event: string;
  publishedAt: string;
  versions: { source: string; headline: string; lead: string }[];
}
const { events } = JSON.parse(readFileSync(new URL('../fixtures/ingest/dedupe-events.json', import.meta.url), 'utf8')) as { events: DedupeEvent[] };

beforeAll(async () => {
  site = await createTestApp();
});
afterAll(async () => {
  await site.close();
});

const itemRow = async (sourceId: number, guid: string) =>
  site.database.db.selectFrom('ingest_items').selectAll().where('source_id', '=', sourceId).where('guid', '=', guid).executeTakeFirstOrThrow();

describe('exact duplicates', () => {
  let source: IngestSource;
  let tools: IngestTools;
  beforeAll(async () => {
    source = await createSource(site.database);
    tools = createIngestTools();
  });

  test('the same guid again at the same version changes nothing', async () => {
    const item = incomingItem();
    expect(await ingestItems(site.writer, source, [item], tools, context)).toMatchObject({ added: 1 });
    expect(await ingestItems(site.writer, source, [item, item], tools, context)).toMatchObject({ added: 0, unchanged: 2 });
    expect(Number((await itemRow(source.id, item.provenance.guid!)).id)).toBeGreaterThan(0);
  });

  test('the same link under another guid, and the same copy from another source, are duplicates of the first', async () => {
    const first = incomingItem({ url: 'https://wire.example.com/story/cranes?utm_source=rss' });
    await ingestItems(site.writer, source, [first], tools, context);
    const sameLink = incomingItem({ guid: 'urn:other:1', url: 'https://wire.example.com/story/cranes#top' });
    const other = await createSource(site.database);
    const sameCopy = { ...incomingItem({ guid: 'urn:other:2', url: 'https://elsewhere.example.org/x' }), input: { ...first.input, uri: 'urn:other:2' } };
    expect(await ingestItems(site.writer, source, [sameLink], tools, context)).toMatchObject({ duplicates: 1 });
    expect(await ingestItems(site.writer, other, [sameCopy], tools, context)).toMatchObject({ duplicates: 1 });
    const original = await itemRow(source.id, first.provenance.guid!);
    for (const [sourceId, guid] of [[source.id, 'urn:other:1'], [other.id, 'urn:other:2']] as const) {
      expect(await itemRow(sourceId, guid)).toMatchObject({ status: 'duplicate', duplicate_of_id: original.id });
    }
  });
});

describe('revisions', () => {
  test('a newer version of a taken item updates the item and its draft in place; an older one changes nothing', async () => {
    const source = await createSource(site.database);
    const tools = createIngestTools();
    const item = incomingItem({ title: 'Refinery outage cuts diesel output', publishedAt: '2026-06-01T07:00:00.000Z' });
    await ingestItems(site.writer, source, [item], tools, context);
    const row = await itemRow(source.id, item.provenance.guid!);
    const { articleId } = await takeItem(site.writer, Number(row.id), { userId: 1, userName: 'Editor', now, timeZone: 'UTC', audit: noAudit });

    const revised = incomingItem({ guid: item.provenance.guid, title: 'Refinery outage cuts diesel output for a second week', updatedAt: '2026-06-01T08:30:00.000Z' });
    expect(await ingestItems(site.writer, source, [revised], tools, context)).toMatchObject({ updated: 1 });
    const stale = incomingItem({ guid: item.provenance.guid, title: 'Refinery outage: stale copy', updatedAt: '2026-06-01T08:00:00.000Z' });
    expect(await ingestItems(site.writer, source, [stale], tools, context)).toMatchObject({ unchanged: 1 });

    expect(await itemRow(source.id, item.provenance.guid!)).toMatchObject({ title: revised.input.title, status: 'taken' });
    const story = await findStoredArticleByUri(site.database.db, item.input.uri);
    expect(story).toMatchObject({ id: articleId, title: revised.input.title, status: 'draft', revision: 2 });
  });

  test('a newer version of a published item updates the live story and its page', async () => {
    const source = await createSource(site.database, { policy: 'publish', defaultSection: 'Markets' });
    const tools = createIngestTools();
    const item = incomingItem({ title: 'Copper smelter restarts after strike' });
    expect(await ingestItems(site.writer, source, [item], tools, context)).toMatchObject({ published: 1 });
    const revised = incomingItem({ guid: item.provenance.guid, title: 'Copper smelter restarts after two-week strike', updatedAt: '2026-06-01T08:45:00.000Z' });
    expect(await ingestItems(site.writer, source, [revised], tools, context)).toMatchObject({ updated: 1 });
    const story = await findStoredArticleByUri(site.database.db, item.input.uri);
    expect(story).toMatchObject({ status: 'published', title: revised.input.title, updatedAt: '2026-06-01T08:45:00.000Z', sectionSlug: 'markets', source: source.credit });
    const page = await site.app.inject({ url: `/${story!.urlDate!.replaceAll('-', '/')}/${story!.slug}/` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('two-week strike');
  });
});

describe('near duplicates', () => {
  test('a rewrite of the same event by another source attaches to the original; it is shown as an alternate source of its story', async () => {
    const wire = await createSource(site.database, { name: 'Meridian Wire' });
    const desk = await createSource(site.database, { name: 'Capital Desk' });
    const tools = createIngestTools();
    const event = events[0]!;
    const asItem = (index: number) => {
      const version = event.versions[index]!;
      return incomingItem({ guid: `urn:${event.event}:${index}`, title: version.headline, dek: version.lead, body: `<p>${version.lead}</p>`, publishedAt: event.publishedAt, url: `https://${index}.example.com/${event.event}` });
    };
    await ingestItems(site.writer, wire, [asItem(0)], tools, context);
    // A fresh worker (another instance): its index is read from the stored signatures.
    expect(await ingestItems(site.writer, desk, [asItem(1)], createIngestTools(), context)).toMatchObject({ duplicates: 1 });
    const original = await itemRow(wire.id, `urn:${event.event}:0`);
    const copy = await itemRow(desk.id, `urn:${event.event}:1`);
    expect(copy).toMatchObject({ status: 'duplicate', duplicate_of_id: original.id });
    expect(Number(copy.duplicate_score)).toBeGreaterThanOrEqual(0.55);

    const entries = await listDeskEntries(site.database.db, { sourceId: wire.id }, 50);
    expect(entries.map((e) => [e.item.id, e.duplicates.map((d) => d.sourceName)])).toEqual([[Number(original.id), ['Capital Desk']]]);

    const { articleId } = await takeItem(site.writer, Number(original.id), { userId: 1, userName: 'Editor', now, timeZone: 'UTC', audit: noAudit });
    expect(await findStoryProvenance(site.database.db, articleId)).toMatchObject({
      sourceName: 'Meridian Wire',
      originalUrl: `https://0.example.com/${event.event}`,
      alternates: [{ sourceName: 'Capital Desk', title: event.versions[1]!.headline }],
    });
  });

  test('a different event of the same family is not a duplicate', async () => {
    const source = await createSource(site.database);
    const tools = createIngestTools();
    const [q1, q2] = events.filter((e) => e.event.startsWith('halden-q'));
    const items = [q1!, q2!].map((e) => incomingItem({ guid: `urn:family:${e.event}`, title: e.versions[0]!.headline, dek: e.versions[0]!.lead, publishedAt: now.toISOString() }));
    expect(await ingestItems(site.writer, source, items, tools, context)).toMatchObject({ added: 2, duplicates: 0 });
  });
});

describe('policies', () => {
  test('draft: the item waits on the desk with suggestions and no story; take makes a draft with them applied', async () => {
    const source = await createSource(site.database, { policy: 'draft' });
    const item = incomingItem({ title: 'Shares of Lumora jump as Nasdaq rallies on chip earnings', body: '<p>Stocks rallied on Wall Street. Chief executive Ingrid Vass said the shares would gain.</p>' });
    expect(await ingestItems(site.writer, source, [item], createIngestTools({ sectionSlugs: ['markets', 'business', 'industries', 'internet'] }), context)).toMatchObject({ added: 1 });
    const row = await itemRow(source.id, item.provenance.guid!);
    expect(row).toMatchObject({ status: 'incoming', article_id: null });
    expect(await findStoredArticleByUri(site.database.db, item.input.uri)).toBeUndefined();
    const suggestions = JSON.parse(row.suggestions) as { sections: { value: string; confidence: number }[] };
    expect(suggestions.sections[0]).toMatchObject({ value: 'markets' });

    const { articleId } = await takeItem(site.writer, Number(row.id), { userId: 1, userName: 'Editor', now, timeZone: 'UTC', audit: noAudit });
    const story = await findStoredArticleByUri(site.database.db, item.input.uri);
    expect(story).toMatchObject({ id: articleId, status: 'draft', sectionSlug: 'markets', canonicalUrl: item.provenance.originalUrl, source: source.credit });
    expect(await itemRow(source.id, item.provenance.guid!)).toMatchObject({ status: 'taken', article_id: articleId });
    const sourceRow = await site.database.db.selectFrom('ingest_sources').select('items_taken').where('id', '=', source.id).executeTakeFirstOrThrow();
    expect(Number(sourceRow.items_taken)).toBe(1);
  });

  test('publish: the item is published at once with the source’s credit and section', async () => {
    const source = await createSource(site.database, { policy: 'publish', defaultSection: 'Business', credit: 'Meridian Wire' });
    const item = incomingItem();
    expect(await ingestItems(site.writer, source, [item], createIngestTools(), context)).toMatchObject({ published: 1 });
    const story = await findStoredArticleByUri(site.database.db, item.input.uri);
    expect(story).toMatchObject({ status: 'published', sectionSlug: 'business', source: 'Meridian Wire', publishedAt: '2026-06-01T08:00:00.000Z' });
    expect(await itemRow(source.id, item.provenance.guid!)).toMatchObject({ status: 'published', article_id: story!.id });
  });

  test('publish: a batch reads the sections once and each byline and tag once, however many stories share them', async () => {
    const source = await createSource(site.database, { policy: 'publish' });
    const statements: string[] = [];
    const counted = openDatabase(site.databaseUrl, { onQuery: (sql) => statements.push(sql) });
    try {
      const items = Array.from({ length: 12 }, (_, n) => {
        const item = incomingItem();
        return { ...item, input: { ...item.input, bylines: ['Batch Desk'], tags: [{ kind: 'topic' as const, name: 'Batch Topic' }, { kind: 'topic' as const, name: `Batch Topic ${n % 3}` }] } };
      });
      expect(await ingestItems(createChangeWriter(counted), source, items, createIngestTools(), context)).toMatchObject({ published: 12 });
      const count = (pattern: RegExp) => statements.filter((sql) => pattern.test(sql)).length;
      expect(count(/from "sections"/)).toBe(1);
      // A new byline and four new tags: each looked up, inserted and read back once.
      expect(count(/from "authors" where "slug"/)).toBe(2);
      expect(count(/insert into "authors"/)).toBe(1);
      expect(count(/from "tags" where "slug"/)).toBe(8);
      expect(count(/insert into "tags"/)).toBe(4);
      for (const item of items) expect(await findStoredArticleByUri(site.database.db, item.input.uri)).toMatchObject({ status: 'published', bylines: ['Batch Desk'] });
    } finally {
      await counted.close();
    }
  });
});

// On PostgreSQL two instances are two connections; SQLite is one process, where two ingests (two
// polls of one source) share the connection and its transactions take turns.
describe('the event loop', () => {
  // A batch used to be filed and written on the loop in one go (250 items: 175 ms on a quiet
  // machine, 400–900 ms on this busy one); now in slices of about 20 ms.
  test.each([
    ['on the event loop, in slices', 0],
    ['in describing threads', 1],
  ])('is never held long while 500 items are ingested: described %s', async (_, threads) => {
    const source = await createSource(site.database);
    const items = Array.from({ length: 500 }, (_, n) => incomingItem({ body: `<p>${'Shares of Lumora rose as traders bought. '.repeat(40)} ${n}</p>` }));
    const describer = threads > 0 ? createDescribePool(threads) : undefined;
    const tools = createIngestTools({ describer });
    // Warm, as a worker that runs for as long as the server does (and its threads started).
    await ingestItems(site.writer, source, Array.from({ length: 50 }, () => incomingItem()), tools, context);
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      longest = Math.max(longest, performance.now() - last);
      last = performance.now();
    }, 1);
    try {
      expect(await ingestItems(site.writer, source, items, tools, context)).toMatchObject({ added: 500 });
    } finally {
      clearInterval(ticker);
      await describer?.close();
    }
    console.log(`ingesting 500 items, described ${threads ? `in ${threads} thread` : 'on the loop'}: the loop was held at most ${longest.toFixed(0)} ms`);
    // The figure is the report (20–100 ms here when the machine is not shared with other runs); the
    // bound catches a batch run in one block again (a 2-core machine running both projects at once
    // stretches a 20 ms slice several times over, so it cannot be tighter without failing at random).
    expect(longest).toBeLessThan(500);
  });
});

describe('two instances', () => {
  let connections: Database[] = [];
  let writers: Writer[];
  beforeAll(async () => {
    if (testDialect(process.env) === 'postgres') {
      connections = [openDatabase(site.databaseUrl), openDatabase(site.databaseUrl)];
      writers = connections.map((connection) => createChangeWriter(connection));
    } else {
      writers = [site.writer, site.writer];
    }
  });
  afterAll(async () => {
    for (const connection of connections) await connection.close();
  });

  test.each([1, 2, 3])('the same items ingested by two instances at once give one row and one story each (round %i)', async (round) => {
    const source = await createSource(site.database, { policy: 'publish', defaultSection: 'Markets' });
    const items = Array.from({ length: 5 }, (_, n) => incomingItem({ guid: `urn:race:${round}:${n}` }));
    const results = await Promise.all(writers.map((writer) => ingestItems(writer, source, items, createIngestTools(), context)));
    expect(results.map((r) => r.published).sort()).toEqual([0, 5]);
    const rows = await site.database.db.selectFrom('ingest_items').select('id').where('source_id', '=', source.id).execute();
    expect(rows).toHaveLength(5);
    const stories = await site.database.db.selectFrom('articles').select('id').where('uri', 'like', `urn:race:${round}:%`).execute();
    expect(stories).toHaveLength(5);
  });

  test('two editors taking one item at once get one draft', async () => {
    const source = await createSource(site.database);
    const item = incomingItem();
    await ingestItems(site.writer, source, [item], createIngestTools(), context);
    const row = await itemRow(source.id, item.provenance.guid!);
    const taken = await Promise.all(writers.map((writer, n) => takeItem(writer, Number(row.id), { userId: n + 1, userName: `Editor ${n + 1}`, now, timeZone: 'UTC', audit: noAudit })));
    expect(taken[0]!.articleId).toBe(taken[1]!.articleId);
    expect(await site.database.db.selectFrom('articles').select('id').where('uri', '=', item.input.uri).execute()).toHaveLength(1);
  });
});

describe('the section model', () => {
  test('is trained on the site’s published stories when due, and suggests from them', async () => {
    const demo = await createTestApp();
    try {
      await loadDemoContent(demo.writer, { now, timeZone: 'UTC', audit: noAudit });
      const tools = createIngestTools();
      expect(tools.filing.sections.isTrained).toBe(false);
      // Two lanes asking at once: one training, both told it happened.
      const [first, second] = [refreshSectionModel(demo.database.db, tools, now), refreshSectionModel(demo.database.db, tools, now)];
      expect(second).toBe(first);
      const untrained = tools.settings;
      expect(await first).toBe(true);
      expect(tools.settings).not.toBe(untrained);
      expect(tools.retraining).toBeUndefined();
      expect(tools.filing.sections.isTrained).toBe(true);
      expect(tools.trainedOn?.count).toBeGreaterThanOrEqual(20);
      // Nothing new published: not trained again.
      expect(await refreshSectionModel(demo.database.db, tools, new Date(now.getTime() + 60_000))).toBe(false);
      const [best] = tools.filing.sections.classify('Stocks and bond yields: the index fell as traders sold shares and the dollar rose on Wall Street.');
      expect(best).toMatchObject({ kind: 'section', value: 'markets' });
      expect(best!.evidence).toMatch(/naive Bayes/);
    } finally {
      await demo.close();
    }
  });
});

describe('the fetch log', () => {
  test('records each outcome and the source’s state, keeping the newest 100 per source', async () => {
    const source = await createSource(site.database);
    const at = (n: number) => new Date(now.getTime() + n * 60_000).toISOString();
    const base = { httpStatus: 200, itemsNew: 1, itemsUpdated: 0, itemsDuplicate: 0, error: null, durationMs: 12 };
    await site.writer.run(now, async ({ trx }) => {
      for (let n = 0; n < 105; n++) await recordFetch(trx, source.id, { ...base, outcome: 'fetched', fetchedAt: at(n), nextPollAt: at(n + 5), etag: `"v${n}"` });
      await recordFetch(trx, source.id, { ...base, outcome: 'failed', httpStatus: 503, error: 'Service Unavailable', fetchedAt: at(200), nextPollAt: at(210) });
    });
    const fetches = await listFetches(site.database.db, source.id, 1000);
    expect(fetches).toHaveLength(100);
    expect(fetches[0]).toMatchObject({ outcome: 'failed', httpStatus: 503, error: 'Service Unavailable' });
    expect(await findSource(site.database.db, source.id)).toMatchObject({ lastSuccessAt: at(104), lastErrorAt: at(200), lastError: 'Service Unavailable', consecutiveFailures: 1, nextPollAt: at(210) });
  });
});
