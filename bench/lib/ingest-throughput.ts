import { createChangeWriter } from '../../src/changes/index.js';
import { loadConfig } from '../../src/config/index.js';
import { openReadyDatabase } from '../../src/app-setup.js';
import demo from '../../src/demo/demo-articles.json' with { type: 'json' };
import { lexiconSectionsFor, measureHeldOutAccuracy, type HeldOutAccuracy } from '../../src/ingest/filing/index.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';
import type { Dialect, Writer } from '../../src/storage/index.js';
import { POLL_CONCURRENCY, POLL_MAX_BYTES } from '../../src/ingest/polling/index.js';
import {
  createDescribePool,
  createIngestTools,
  ingestItems,
  readFeedItems,
  type DescribePool,
  type FeedText,
  type IngestPolicy,
  type IngestSource,
  type IngestSummary,
  type IngestTools,
} from '../../src/ingest/pipeline/index.js';

/** What one ingest run measured, from feed text to saved items. */
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

// Items per generated feed: a wire's feed carries its newest 50–100 stories.
const ITEMS_PER_FEED = 100;
const FEED_URL = 'https://wire.example.com/feeds/';
const FEED_FORMATS = ['rss', 'atom', 'json-feed'] as const;

/** One generated story: an 8-word headline, a 25-word standfirst, four paragraphs (~300 words) with links, emphasis, a quote and a picture. */
function story(n: number, start: Date) {
  const body = [0, 1, 2, 3]
    .map((p) => {
      const text = words(n * 4 + p + 2_000_000, 75);
      const cut = text.indexOf(' ', 120);
      if (p === 1) return `<p>${text.slice(0, cut)} <a href="../markets/${n}/${p}">${words(n + p, 3)}</a> ${text.slice(cut + 1)}, <strong>${words(n * 7 + p, 2)}</strong> and <em>${words(n * 11 + p, 2)}</em>.</p>`;
      if (p === 2) return `<blockquote><p>${text}.</p></blockquote><p><img src="/photos/${n}.jpg" alt="${words(n + 5, 3)}" width="1200" height="800"></p>`;
      return `<p>${text}.</p>`;
    })
    .join('\n');
  return {
    guid: `https://wire.example.com/bench/${n}`,
    link: `/stories/${n}`,
    title: words(n, 8),
    summary: `${words(n + 1_000_000, 25)}.`,
    body,
    author: 'Wire Staff',
    categories: [words(n % 40, 1), 'Markets'],
    publishedAt: new Date(start.getTime() + n * 60_000),
  };
}
type Story = ReturnType<typeof story>;

const xml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function rssFeed(stories: Story[]): string {
  const items = stories.map(
    (s) => `<item><title>${xml(s.title)}</title><link>${s.link}</link><guid isPermaLink="true">${s.guid}</guid><pubDate>${s.publishedAt.toUTCString()}</pubDate>
<dc:creator>${s.author}</dc:creator>${s.categories.map((c) => `<category>${c}</category>`).join('')}<description>${xml(s.summary)}</description>
<content:encoded><![CDATA[${s.body}]]></content:encoded></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench Wire</title><link>https://wire.example.com/</link><description>Generated</description>\n${items.join('\n')}</channel></rss>`;
}

function atomFeed(stories: Story[]): string {
  const entries = stories.map(
    (s) => `<entry><title>${xml(s.title)}</title><link rel="alternate" href="${s.link}"/><id>${s.guid}</id><published>${s.publishedAt.toISOString()}</published><updated>${s.publishedAt.toISOString()}</updated>
<author><name>${s.author}</name></author>${s.categories.map((c) => `<category term="${c}"/>`).join('')}<summary>${xml(s.summary)}</summary><content type="html">${xml(s.body)}</content></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench Wire</title><id>urn:bench:wire</id><updated>${stories[0]!.publishedAt.toISOString()}</updated>\n${entries.join('\n')}</feed>`;
}

function jsonFeed(stories: Story[]): string {
  const items = stories.map((s) => ({ id: s.guid, url: s.link, title: s.title, summary: s.summary, content_html: s.body, date_published: s.publishedAt.toISOString(), authors: [{ name: s.author }], tags: s.categories }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Bench Wire', home_page_url: 'https://wire.example.com/', items });
}

const CONTENT_TYPES = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8', 'json-feed': 'application/feed+json' };

/** `count` generated wire stories as feed documents of 100 items, RSS 2.0, Atom 1.0 and JSON Feed 1.1 in turn, published a minute apart. */
export function generateFeeds(count: number, start: Date): FeedText[] {
  const feeds: FeedText[] = [];
  for (let first = 0; first < count; first += ITEMS_PER_FEED) {
    const stories = Array.from({ length: Math.min(ITEMS_PER_FEED, count - first) }, (_, n) => story(first + n, start));
    const format = FEED_FORMATS[feeds.length % FEED_FORMATS.length]!;
    const text = format === 'rss' ? rssFeed(stories) : format === 'atom' ? atomFeed(stories) : jsonFeed(stories);
    feeds.push({ body: Buffer.from(text), contentType: CONTENT_TYPES[format], url: `${FEED_URL}${feeds.length}.${format === 'json-feed' ? 'json' : 'xml'}`, maxBytes: POLL_MAX_BYTES });
  }
  return feeds;
}

/**
 * Reads every feed (parse, normalize) and ingests its items (dedupe, file, save) as the poll
 * worker does, in `POLL_CONCURRENCY` lanes sharing one set of tools. Returns what was ingested.
 */
async function ingestFeeds(writer: Writer, source: IngestSource, feeds: readonly FeedText[], tools: IngestTools, now: Date): Promise<IngestSummary> {
  const total: IngestSummary = { added: 0, published: 0, updated: 0, unchanged: 0, duplicates: 0, skipped: 0 };
  let next = 0;
  const lane = async () => {
    while (next < feeds.length) {
      const read = await readFeedItems(feeds[next++]!, { sourceName: source.name, credit: source.credit, language: 'en' }, tools.describer);
      if (read.kind !== 'read' || read.itemsSkipped > 0) throw new Error(`A bench feed did not read whole: ${JSON.stringify(read).slice(0, 300)}`);
      const summary = await ingestItems(writer, source, read.items, tools, { now, timeZone: 'UTC' });
      for (const key of Object.keys(total) as (keyof IngestSummary)[]) total[key] += summary[key];
    }
  };
  await Promise.all(Array.from({ length: POLL_CONCURRENCY }, lane));
  return total;
}

/**
 * Ingests `count` generated wire stories from feed text into a fresh database through the whole
 * chain (parse, normalize, exact keys, near-duplicate index, filing, the unit of work), then the
 * same feeds again (a poll that brings nothing new). Policy draft saves items to the desk; publish
 * also saves each as a published story (revision, tags, search entry, cache keys).
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
    const feeds = generateFeeds(count, new Date(now.getTime() - count * 60_000));
    const writer = createChangeWriter(database);
    const tools = createIngestTools({ sectionSlugs: ['markets', 'business', 'industries', 'internet'], describer });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await ingestFeeds(writer, source, feeds, tools, now);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (summary.added + summary.published !== count) throw new Error(`Expected ${count} new items, got ${JSON.stringify(summary)}`);
    const repeatStarted = performance.now();
    await ingestFeeds(writer, source, feeds, tools, now);
    const repeatSeconds = (performance.now() - repeatStarted) / 1000;
    return { policy, items: count, seconds, itemsPerSecond: count / seconds, itemsPerCpuSecond: count / cpuSeconds, repeatItemsPerSecond: count / repeatSeconds };
  } finally {
    await database.close();
  }
}

/** The ingest budget: ≥ 2,000 items/s through parse → dedupe → file → save (to the desk) on SQLite. */
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
