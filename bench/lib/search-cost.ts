import { openReadyDatabase } from '../../src/app-setup.js';
import { parseSearchQuery, searchStories, type SearchParams } from '../../src/search/index.js';
import { migrateToLatest, openDatabase, type SearchQuery } from '../../src/storage/index.js';
import { median, percentile } from './statistics.js';

/** Latencies of one kind of search, in ms, and the CPU this process spent on it. */
export interface SearchLatency {
  medianMs: number;
  p95Ms: number;
  /** On SQLite the search's own work (it runs in this process), unaffected by other processes' load; on PostgreSQL only the client's share. */
  cpuMedianMs: number;
  cpuP95Ms: number;
  samples: number;
}

/** What search costs on one archive. */
export interface SearchCosts {
  /** Stories in the index. */
  indexedStories: number;
  /** Bytes the index takes on disk (SearchIndex.sizeInBytes). */
  indexBytes: number;
  /** The index's query alone (parsed query → one page of ids), two words and a two-word phrase. */
  twoWord: SearchLatency;
  phrase: SearchLatency;
  /** The whole search a page runs (parse, index, the 20 stories read, snippets marked), two words; the HTML render comes on top. */
  twoWordService: SearchLatency;
  /** What indexing adds to saving one story whose text changed: its refresh and commit, less an empty transaction's. */
  saveMs: { medianMs: number; p95Ms: number };
  /** The same for a save that changes nothing searchable (the entry is left alone). */
  unchangedSaveMs: { medianMs: number; p95Ms: number };
  /** What indexing adds per story to a bulk load: indexing 2,000 stories in one transaction, per story. */
  bulkPerStoryMs: number;
}

// Two words from the synthetic archive's vocabulary (src/demo/synthetic-text.ts), as readers pair
// them. That vocabulary is small, so every word is in nearly every story: the worst case for a
// search, which must rank among the newest 1,000 of 100,000 matches.
const TWO_WORDS = [
  'oil prices', 'bank earnings', 'chips exports', 'merger deal', 'copper demand', 'central bank', 'housing market', 'cloud software',
  'steel tariffs', 'retail spending', 'gold futures', 'pension fund', 'freight rates', 'battery factory', 'wheat exports', 'coffee prices',
  'credit growth', 'bonds yields', 'startup valuation', 'power grid',
];

/**
 * Brings an archive up to date before anything is timed: migrations, and indexing the stories of
 * an archive generated before the search index existed (done once, by the migration's backfill).
 * Returns the seconds it took when there was work, else null.
 */
export async function migrateArchive(databaseUrl: string): Promise<number | null> {
  const database = openDatabase(databaseUrl);
  try {
    const started = performance.now();
    const applied = await migrateToLatest(database.db, database.dialect);
    return applied.length > 0 ? (performance.now() - started) / 1000 : null;
  } finally {
    await database.close();
  }
}

/** Wall-clock and CPU milliseconds of each run. */
async function time(rounds: number, run: (i: number) => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    await run(i);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const latency = ({ wall, cpu }: { wall: number[]; cpu: number[] }): SearchLatency => ({
  medianMs: median(wall),
  p95Ms: percentile(wall, 95),
  cpuMedianMs: median(cpu),
  cpuP95Ms: percentile(cpu, 95),
  samples: wall.length,
});

/** Measures search on an archive, in this process: queries (index alone and the whole search), the index's size, and what indexing adds to saves and bulk loads. */
export async function measureSearchCosts(databaseUrl: string, rounds = 10): Promise<SearchCosts> {
  const database = await openReadyDatabase({ databaseUrl });
  try {
    const { db, searchIndex } = database;
    const now = new Date();
    const parsed = (q: string): SearchQuery => {
      const result = parseSearchQuery(q);
      if (result.kind !== 'query') throw new Error(`"${q}" is no query: ${result.message}`);
      return result.query;
    };
    const twoWords = TWO_WORDS.map(parsed);
    const phrases = TWO_WORDS.map((q) => parsed(`"${q}"`));
    const search = (query: SearchQuery) => searchIndex.search({ query, filter: {}, sort: 'relevance', offset: 0, limit: 20, now });

    // Warm up: the database's cache and the JIT, on every query once.
    for (const query of [...twoWords, ...phrases]) await search(query);
    const twoWord = await time(rounds * twoWords.length, (i) => search(twoWords[i % twoWords.length]!));
    const phrase = await time(rounds * phrases.length, (i) => search(phrases[i % phrases.length]!));
    const service = { db, searchIndex, timeZone: 'UTC', now: () => now };
    const params = (q: string): SearchParams => ({ q, page: 1, sort: 'relevance' });
    const twoWordService = await time(rounds * TWO_WORDS.length, (i) => searchStories(service, params(TWO_WORDS[i % TWO_WORDS.length]!)));

    // Reindexing stories as saves and a bulk load do. The archive is unchanged, so a story's entry
    // is made again only once its digest is cleared (untimed): as if its text had changed.
    const ids = (await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute()).map((row) => Number(row.id));
    const pick = (i: number) => ids[(i * 7919) % ids.length]!;
    const forget = (articleIds: number[]) => db.updateTable('search_entries').set({ digest: null }).where('article_id', 'in', articleIds).execute();
    const refresh = (articleIds: number[]) => db.transaction().execute((trx) => searchIndex.refresh(trx, articleIds));
    const empty = median((await time(200, () => db.transaction().execute(async () => undefined))).wall);
    const saves: number[] = [];
    for (let i = 0; i < 200; i++) {
      await forget([pick(i)]);
      saves.push((await time(1, () => refresh([pick(i)]))).wall[0]! - empty);
    }
    const unchangedSaves = (await time(200, (i) => refresh([pick(i)]))).wall.map((ms) => ms - empty);
    const bulk = Array.from({ length: Math.min(2000, ids.length) }, (_, i) => pick(i + 1000));
    await forget(bulk);
    const [bulkMs] = (await time(1, () => refresh(bulk))).wall;

    const entries = await db.selectFrom('search_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return {
      indexedStories: Number(entries.n),
      indexBytes: await searchIndex.sizeInBytes(),
      twoWord: latency(twoWord),
      phrase: latency(phrase),
      twoWordService: latency(twoWordService),
      saveMs: { medianMs: median(saves), p95Ms: percentile(saves, 95) },
      unchangedSaveMs: { medianMs: median(unchangedSaves), p95Ms: percentile(unchangedSaves, 95) },
      bulkPerStoryMs: bulkMs! / bulk.length,
    };
  } finally {
    await database.close();
  }
}
