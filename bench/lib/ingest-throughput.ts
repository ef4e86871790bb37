import { createChangeWriter } from '../../src/changes/index.js';
import { loadConfig } from '../../src/config/index.js';
import { openReadyDatabase } from '../../src/app-setup.js';
import demo from '../../src/demo/demo-articles.json' with { type: 'json' };
import { lexiconSectionsFor, measureHeldOutAccuracy, type HeldOutAccuracy } from '../../src/ingest/filing/index.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';
import type { Dialect } from '../../src/storage/index.js';
import { createDescribePool, createIngestTools, ingestItems, type DescribePool, type IncomingItem, type IngestPolicy } from '../../src/ingest/pipeline/index.js';

/** What one ingest run measured. */
export interface IngestThroughput {
  policy: IngestPolicy;
  items: number;
  seconds: number;
  itemsPerSecond: number;
  /** Items per second of this process's CPU time (SQLite runs in it; PostgreSQL's share is not counted): the figure a loaded machine distorts least. */
  itemsPerCpuSecond: number;
  /** The same items again: every one found unchanged by its guid. */
  repeatItemsPerSecond: number;
}

// MurmurHash3's finaliser: every input bit moves every output bit, so nearby seeds share no words.
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Made-up words (three syllables of twenty: 8,000 of them), so generated items share little copy
// and are neither exact nor near duplicates of each other: every item goes the whole way through
// filing and saving. A real wire has more duplicates, which cost less.
const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'van', 'sul', 'dra', 'pek', 'ron', 'fis', 'gal', 'tum', 'bre', 'nox', 'hil', 'zap', 'quo', 'wen', 'yar', 'cid'];
function words(seed: number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = mix(seed * 1_000 + i) % 8000;
    out.push(SYLLABLES[n % 20]! + SYLLABLES[Math.floor(n / 20) % 20]! + SYLLABLES[Math.floor(n / 400) % 20]!);
  }
  return out.join(' ');
}

/** Generated wire items: an 8-word headline, a 25-word dek and a 300-word body in three paragraphs, published a minute apart. */
export function generateItems(count: number, start: Date): IncomingItem[] {
  return Array.from({ length: count }, (_, n) => {
    const guid = `https://wire.example.com/bench/${n}`;
    const publishedAt = new Date(start.getTime() + n * 60_000).toISOString();
    return {
      input: {
        uri: guid,
        title: words(n, 8),
        dek: words(n + 1_000_000, 25),
        excerpt: null,
        bodyHtml: [0, 1, 2].map((p) => `<p>${words(n * 3 + p + 2_000_000, 100)}.</p>`).join(''),
        section: null,
        bylines: ['Wire Staff'],
        tags: [],
        canonicalUrl: null,
        source: 'bench',
        language: 'en',
        publishedAt,
        updatedAt: null,
      },
      provenance: { guid, originalUrl: guid, publishedAt },
      images: [],
    };
  });
}

/**
 * Ingests `count` generated items into a fresh database through the whole pipeline (exact keys,
 * near-duplicate index, filing, the unit of work, in batches of 250), then the same items again
 * (a poll that brings nothing new). Policy draft saves items to the desk; publish also saves each
 * as a published story (revision, tags, search entry, cache keys).
 */
export async function measureIngestThroughput(databaseUrl: string, count: number, policy: IngestPolicy, describer?: DescribePool): Promise<IngestThroughput> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DEMO_CONTENT: 'false', LOG_LEVEL: 'silent' });
  const database = await openReadyDatabase(config);
  try {
    const now = new Date('2026-06-01T12:00:00Z');
    const row = await database.db
      .insertInto('ingest_sources')
      .values({ name: `Bench ${policy}`, url: 'https://wire.example.com/bench', format: null, poll_seconds: 300, default_section: 'markets', policy, credit: 'Bench Wire', enabled: 1, created_at: now.toISOString(), updated_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const source = { id: Number(row.id), name: `Bench ${policy}`, url: '', format: null, pollSeconds: 300, defaultSection: 'markets', policy, credit: 'Bench Wire', isEnabled: true, lastSuccessAt: null, lastErrorAt: null, lastError: null, itemsTaken: 0, nextPollAt: null, consecutiveFailures: 0, etag: null, lastModified: null };
    const items = generateItems(count, new Date(now.getTime() - count * 60_000));
    const writer = createChangeWriter(database);
    const tools = createIngestTools({ sectionSlugs: ['markets', 'business', 'industries', 'internet'], describer });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await ingestItems(writer, source, items, tools, { now, timeZone: 'UTC' });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (summary.added + summary.published !== count) throw new Error(`Expected ${count} new items, got ${JSON.stringify(summary)}`);
    const repeatStarted = performance.now();
    await ingestItems(writer, source, items, tools, { now, timeZone: 'UTC' });
    const repeatSeconds = (performance.now() - repeatStarted) / 1000;
    return { policy, items: count, seconds, itemsPerSecond: count / seconds, itemsPerCpuSecond: count / cpuSeconds, repeatItemsPerSecond: count / repeatSeconds };
  } finally {
    await database.close();
  }
}

/** DESIGN.md "Budgets": ingest takes ≥ 2,000 items/s through parse → dedupe → file → save. */
export const INGEST_BUDGET_ITEMS_PER_SECOND = 2_000;

/** Ingest throughput for both source policies on one database kind. */
export interface IngestFigures {
  dialect: Dialect;
  threads: number;
  draft: IngestThroughput;
  publish: IngestThroughput;
}

/**
 * Ingest throughput on fresh databases of `dialect` (PostgreSQL through TEST_POSTGRES_URL), policy
 * draft then publish, `count` items each, with `threads` describing threads (INGEST_THREADS).
 * Measured warm, as in a long-running worker: a first run compiles the hot code.
 */
export async function measureIngest(dialect: Dialect, count: number, threads = 0): Promise<IngestFigures> {
  const describer = threads > 0 ? createDescribePool(threads) : undefined;
  try {
    const runOn = async (policy: IngestPolicy, items: number) => {
      const fresh = await createFreshDatabase(dialect);
      try {
        return await measureIngestThroughput(fresh.url, items, policy, describer);
      } finally {
        await fresh.remove();
      }
    };
    await runOn('publish', 1_000);
    return { dialect, threads, draft: await runOn('draft', count), publish: await runOn('publish', count) };
  } finally {
    await describer?.close();
  }
}

/** One line per policy, for people. */
export function describeIngestFigures(figures: IngestFigures): string[] {
  return (['draft', 'publish'] as const).map((policy) => {
    const r = figures[policy];
    return `${figures.dialect}\t${policy}\t${r.items} items in ${r.seconds.toFixed(2)} s: ${Math.round(r.itemsPerSecond)} items/s, ${Math.round(r.itemsPerCpuSecond)} per CPU second (again, unchanged: ${Math.round(r.repeatItemsPerSecond)} items/s)`;
  });
}

/**
 * Section classifier accuracy on held-out published stories: the demo site's stories, each
 * classified by a model trained on the others (leave-one-out), and the keyword lexicon alone.
 */
export function measureClassifierAccuracy(): HeldOutAccuracy {
  const stories = demo.articles.map((article) => ({ section: article.section.toLowerCase(), text: [article.title, article.dek, ...article.paragraphs].join('\n') }));
  return measureHeldOutAccuracy(stories, lexiconSectionsFor([...new Set(stories.map((story) => story.section))]));
}
