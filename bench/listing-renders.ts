// Cache-miss render times of the listing pages (sections, topics, authors) and of story pages, on
// one existing database, in this process with no page cache: what a miss costs the server after a
// change purged the page. Usage: npx tsx bench/listing-renders.ts DATABASE_URL [RENDERS]
// (default 200 renders of each kind). Open a copy: opening runs any pending migrations.
import { loadavg } from 'node:os';
import { openReadyDatabase } from '../src/app-setup.js';
import { listSections } from '../src/content/taxonomy/index.js';
import { createSitePages } from '../src/site/site-pages.js';
import { loadStylesheet } from '../src/site/stylesheet.js';
import { formatTable } from './lib/report.js';
import { median, percentile } from './lib/statistics.js';

const [databaseUrl, rendersArgument = '200'] = process.argv.slice(2);
if (!databaseUrl) throw new Error('Usage: npx tsx bench/listing-renders.ts DATABASE_URL [RENDERS]');
const renders = Number(rendersArgument);

let queries = 0;
const database = await openReadyDatabase({ databaseUrl }, { onQuery: () => (queries += 1) });
const rows: string[][] = [];
try {
  const { db } = database;
  const pages = createSitePages({ db, searchIndex: database.searchIndex, siteUrl: 'http://127.0.0.1', timeZone: 'Asia/Shanghai', language: 'en', stylesheet: loadStylesheet() });
  const sections = await listSections(db);
  // The busiest topic and author (the listings whose counts grew most with the archive), and the
  // rarest topic (whose stories lie furthest apart in the archive's order).
  const topicsByCount = (direction: 'asc' | 'desc') =>
    db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.slug').groupBy('tags.slug').orderBy((eb) => eb.fn.countAll(), direction).executeTakeFirstOrThrow();
  const [topic, rareTopic, author] = await Promise.all([
    topicsByCount('desc'),
    topicsByCount('asc'),
    db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('authors.slug').groupBy('authors.slug').orderBy((eb) => eb.fn.countAll(), 'desc').executeTakeFirstOrThrow(),
  ]);
  const stories = await db.selectFrom('articles').select(['url_date', 'slug']).where('status', '=', 'published').orderBy('id').execute();
  const story = (i: number) => stories[(i * 7919) % stories.length]!;

  const kinds: [string, (i: number) => Promise<unknown>][] = [
    ['article', (i) => pages.article(story(i).url_date!, story(i).slug)],
    ['section, page 1', (i) => pages.section(sections[i % sections.length]!.slug, 1)],
    ['section, pages 2–5', (i) => pages.section(sections[i % sections.length]!.slug, 2 + (i % 4))],
    ['section, page 500', (i) => pages.section(sections[i % sections.length]!.slug, 500)],
    ['section, past the last page', (i) => pages.section(sections[i % sections.length]!.slug, 999_999)],
    ['topic, page 1', () => pages.topic(topic.slug, 1)],
    ['topic, pages 2–5', (i) => pages.topic(topic.slug, 2 + (i % 4))],
    ['topic, page 50', () => pages.topic(topic.slug, 50)],
    ['rarest topic, page 1', () => pages.topic(rareTopic.slug, 1)],
    ['rarest topic, page 50', () => pages.topic(rareTopic.slug, 50)],
    ['author, page 1', () => pages.author(author.slug, 1)],
    ['author, pages 2–5', (i) => pages.author(author.slug, 2 + (i % 4))],
    ['author, page 50', () => pages.author(author.slug, 50)],
  ];
  // Warm up the database's page cache and the JIT on every kind.
  for (const [, render] of kinds) for (let i = 0; i < 20; i++) await render(i + renders);
  for (const [name, render] of kinds) {
    queries = 0;
    await render(1);
    const queriesPerRender = queries;
    const durations: number[] = [];
    for (let i = 0; i < renders; i++) {
      const started = performance.now();
      await render(i);
      durations.push(performance.now() - started);
    }
    rows.push([name, median(durations).toFixed(2), percentile(durations, 99).toFixed(1), String(queriesPerRender)]);
  }
} finally {
  await database.close();
}
console.log(`${databaseUrl.replace(/\/\/[^@/]*@/, '//')}, ${renders} renders each, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log(formatTable([['cache-miss render', 'median ms', 'p99 ms', 'queries'], ...rows]));
