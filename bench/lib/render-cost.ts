import { openReadyDatabase } from '../../src/app-setup.js';
import { compressForMiss } from '../../src/cache/compression.js';
import { listSections } from '../../src/content/taxonomy/index.js';
import { createSitePages } from '../../src/site/site-pages.js';
import { loadStylesheet } from '../../src/site/stylesheet.js';
import { median, percentile } from './statistics.js';

/** Cache-miss render times for one kind of page. */
export interface RenderCost {
  medianMs: number;
  p99Ms: number;
  renders: number;
}

/** Cache-miss render times of the article, front and section pages on one database. */
export interface RenderCosts {
  article: RenderCost;
  front: RenderCost;
  section: RenderCost;
  /** Compressing the rendered article page for a browser (`Accept-Encoding: br`), as a miss does on the event loop. */
  articleBrotli: RenderCost;
  /** The same for the front page. */
  frontBrotli: RenderCost;
  /** Database queries per render, counted on one render of each kind. */
  queries: { article: number; front: number; section: number };
}

async function time(count: number, render: (i: number) => Promise<unknown>): Promise<RenderCost> {
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await render(i);
    durations.push(performance.now() - started);
  }
  return { medianMs: median(durations), p99Ms: percentile(durations, 99), renders: count };
}

/**
 * Renders pages straight from the database, in this process, with no page cache: what a cache
 * miss costs the server. Articles are picked at random across the archive.
 */
export async function measureRenderCosts(databaseUrl: string, renders: number): Promise<RenderCosts> {
  let queries = 0;
  const database = await openReadyDatabase({ databaseUrl }, { onQuery: () => (queries += 1) });
  try {
    const { db } = database;
    const rows = await db
      .selectFrom('articles')
      .select(['url_date', 'slug'])
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
    const targets = rows.map((row) => ({ urlDate: row.url_date!, slug: row.slug }));
    const pages = createSitePages({ db, searchIndex: database.searchIndex, siteUrl: 'http://127.0.0.1', timeZone: 'Asia/Shanghai', language: 'en', stylesheet: loadStylesheet() });
    const sections = await listSections(db);
    const pick = (i: number) => targets[(i * 7919) % targets.length]!;

    // Warm up: the database's page cache (SQLite's in this process, PostgreSQL's shared buffers) and the JIT.
    for (let i = 0; i < 200; i++) await pages.article(pick(i + renders).urlDate, pick(i + renders).slug);
    const count = (render: () => Promise<unknown>) => {
      queries = 0;
      return render().then(() => queries);
    };
    const queryCounts = {
      article: await count(() => pages.article(pick(1).urlDate, pick(1).slug)),
      front: await count(() => pages.front()),
      section: await count(() => pages.section(sections[0]!.slug, 5)),
    };
    const article = await time(renders, (i) => pages.article(pick(i).urlDate, pick(i).slug));
    const front = await time(Math.max(50, Math.floor(renders / 4)), () => pages.front());
    const section = await time(Math.max(50, Math.floor(renders / 4)), (i) => pages.section(sections[i % sections.length]!.slug, 1 + (i % 5)));
    // A miss a browser makes is render + brotli: timed apart, on bodies rendered beforehand.
    const bodyOf = async (rendered: Promise<{ body: string | Buffer } | undefined>) => Buffer.from((await rendered)!.body);
    const articleBodies = await Promise.all(Array.from({ length: 50 }, (_, i) => bodyOf(pages.article(pick(i).urlDate, pick(i).slug))));
    const frontBody = await bodyOf(pages.front());
    const articleBrotli = await time(renders, async (i) => compressForMiss(articleBodies[i % articleBodies.length]!, 'br'));
    const frontBrotli = await time(Math.max(50, Math.floor(renders / 4)), async () => compressForMiss(frontBody, 'br'));
    return { article, front, section, articleBrotli, frontBrotli, queries: queryCounts };
  } finally {
    await database.close();
  }
}
