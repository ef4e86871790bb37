// Fortune Sky soak test (npm run soak). Runs the production build on a copy of a generated archive
// and holds it under mixed load for SOAK_SECONDS (default 300): 95 % reads spread over the archive
// (cached pages, as browsers ask for them), 5 % writes — newsroom edits and publishing over HTTP as
// a signed-in editor, and imports by the command-line tool in a second process. Reports 5xx
// answers (must be 0), latency percentiles, the server's memory over time and its slope (must be
// flat), and at the end compares sampled pages with a second server started fresh on the same
// database (no page may be stale), then checks every story in the database is whole. Exits 1 when
// a check fails.
//
// Settings (environment): SOAK_SECONDS (300), SOAK_ARTICLES (10000), SOAK_CONNECTIONS (8),
// SOAK_MAX_SLOPE_MB_PER_MIN (1: the memory trend allowed after warm-up; judged on runs of 120 s or more).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadyDatabase } from '../src/app-setup.js';
import { articlePath } from '../src/content/articles/index.js';
import { createUser } from '../src/newsroom/index.js';
import { signInOverHttp, type HttpNewsroomSession } from '../test/support/newsroom-http.js';
import { findInconsistencies } from '../test/support/story-consistency.js';
import { visibleLines } from '../test/support/visible-text.js';
import { copyGeneratedArchive } from './lib/archive.js';
import { readRssMb, startProcess, waitFor200, type ServerProcess } from './lib/processes.js';
import { formatNumber, formatTable } from './lib/report.js';
import { percentile } from './lib/statistics.js';
import { fitLine } from './lib/trend.js';

const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const articles = Number(process.env.SOAK_ARTICLES ?? 10_000);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 8);
const maxSlopeMbPerMinute = Number(process.env.SOAK_MAX_SLOPE_MB_PER_MIN ?? 1);
const WRITE_SHARE = 0.05;
const READ_SET_STORIES = 2000;
const EDITOR = { email: 'soak-editor@news.test', password: 'soak test password, long enough' };

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'fortune-sky.js');
// The server runs as `npm start` runs it (see package.json).
const SERVER_NODE_FLAGS = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start.split(' ').filter((word: string) => word.startsWith('--'));
const workDir = mkdtempSync(join(tmpdir(), 'fortune-sky-soak-'));
const startedAt = performance.now();
const log = (message: string) => console.error(`[soak ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const BROWSER_HEADERS = { 'accept-encoding': 'br, gzip' };

/** What the load phase counted. */
interface Tally {
  readLatencies: number[];
  /** Reads answered from the page cache (X-Cache: HIT). */
  cacheHits: number;
  writeLatencies: number[];
  statuses: Map<number, number>;
  serverErrors: string[];
  networkErrors: string[];
  writes: { published: number; updated: number; conflicts: number; imports: number; failedImports: string[] };
}

/** The stories and pages the load reads: stories spread evenly over the archive, plus fronts, topics, authors and feeds. */
async function chooseReadSet(databaseUrl: string): Promise<{ paths: string[]; stories: { id: number; path: string }[] }> {
  const database = await openReadyDatabase({ databaseUrl });
  try {
    const { db } = database;
    const all = await db.selectFrom('articles').select(['id', 'url_date', 'slug']).where('status', '=', 'published').orderBy('id').execute();
    const step = Math.max(1, Math.floor(all.length / READ_SET_STORIES));
    const stories = all.filter((_, i) => i % step === 0).slice(0, READ_SET_STORIES).map((row) => ({ id: row.id, path: articlePath({ urlDate: row.url_date!, slug: row.slug }) }));
    const sections = (await db.selectFrom('sections').select('slug').execute()).map((row) => row.slug);
    const topics = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.slug', (eb) => eb.fn.countAll().as('n')])
      .groupBy('tags.slug')
      .orderBy('n', 'desc')
      .limit(50)
      .execute();
    const authors = await db.selectFrom('authors').select('slug').limit(20).execute();
    const paths = [
      ...stories.map((story) => story.path),
      '/',
      ...sections.flatMap((slug) => [`/${slug}/`, `/${slug}/?page=2`, `/${slug}/?page=5`]),
      ...topics.map((topic) => `/topic/${topic.slug}/`),
      ...authors.map((author) => `/author/${author.slug}/`),
      '/feed.xml',
      '/sitemap.xml',
    ];
    return { paths, stories };
  } finally {
    await database.close();
  }
}

/** One timed request; 5xx and network failures are recorded with the path. */
async function timedGet(baseUrl: string, path: string, tally: Tally): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(baseUrl + path, { headers: BROWSER_HEADERS });
    await response.arrayBuffer();
    tally.readLatencies.push(performance.now() - started);
    if (response.headers.get('x-cache') === 'HIT') tally.cacheHits += 1;
    tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) tally.serverErrors.push(`${response.status} GET ${path}`);
  } catch (error) {
    tally.networkErrors.push(`GET ${path}: ${(error as Error).message}`);
  }
}

/** Imports a file of new stories and new versions of earlier imported ones, with the CLI in its own process. */
function runImport(databaseUrl: string, round: number): Promise<string | undefined> {
  const items = Array.from({ length: 20 }, (_, i) => {
    const isNewVersion = round > 1 && i < 10;
    const serial = isNewVersion ? (round - 1) * 20 + i + 10 : round * 20 + i;
    return {
      uri: `urn:soak:import:${serial}`,
      firstCreated: new Date(Date.now() - serial * 60_000).toISOString(),
      versionCreated: new Date().toISOString(),
      headlines: [{ role: 'main', value: `Soak wire story ${serial}, version ${round}` }],
      bodies: [{ contentType: 'text/html', value: `<p>Wire copy ${serial} as of round ${round}: ${'markets moved on the news. '.repeat(30)}</p>` }],
      subjects: [{ name: 'Markets', rel: 'section' }, { name: `Soak wire topic ${serial % 5}` }],
      people: [{ name: `Wire Writer ${serial % 3}`, rel: 'author' }],
    };
  });
  const file = join(workDir, `import-${round}.ndjson`);
  writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'import', file], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SITE_TIMEZONE: 'Asia/Shanghai' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve(code === 0 ? undefined : `import ${round} exited with ${code}: ${stderr.slice(0, 300)}`));
  });
}

/** One newsroom write: publish a new story (half the time) or update a story of the read set, so cached pages must be purged. */
async function newsroomWrite(editor: HttpNewsroomSession, stories: { id: number; path: string }[], serial: number, tally: Tally): Promise<void> {
  const started = performance.now();
  try {
    if (serial % 2 === 0) {
      const fields = { title: `Soak desk story ${serial}`, body: `<p>Desk story ${serial}: ${'the index closed higher. '.repeat(20)}</p>`, topics: `Soak topic ${serial % 7}`, bylines: 'Soak Desk' };
      const id = await editor.createStory(fields);
      const status = await editor.press(id, 'publish', fields);
      if (status >= 500) tally.serverErrors.push(`${status} publishing story ${id}`);
      else if (status === 303) tally.writes.published += 1;
    } else {
      const story = stories[(serial * 7919) % stories.length]!;
      const fields = { title: `Soak revised story ${story.id}, edit ${serial}`, body: `<p>Revised in the soak, edit ${serial}: ${'figures were restated. '.repeat(20)}</p>`, material: 'on' };
      const status = await editor.press(story.id, 'update', fields);
      if (status >= 500) tally.serverErrors.push(`${status} updating story ${story.id}`);
      else if (status === 409) tally.writes.conflicts += 1;
      else if (status === 303) tally.writes.updated += 1;
    }
    tally.writeLatencies.push(performance.now() - started);
  } catch (error) {
    tally.networkErrors.push(`newsroom write ${serial}: ${(error as Error).message}`);
  }
}

/** Pages whose visible content differs between the long-running server and a fresh one on the same database. */
async function findStalePages(soaked: ServerProcess, fresh: ServerProcess, paths: string[]): Promise<string[]> {
  const stale: string[] = [];
  for (const path of paths) {
    const [a, b] = await Promise.all([fetch(soaked.baseUrl + path, { headers: BROWSER_HEADERS }), fetch(fresh.baseUrl + path, { headers: BROWSER_HEADERS })]);
    const [textA, textB] = await Promise.all([a.text(), b.text()]);
    const linesA = visibleLines(textA).join('\n');
    const linesB = visibleLines(textB).join('\n');
    if (a.status !== b.status || linesA !== linesB) {
      const at = [...linesA].findIndex((char, i) => char !== linesB[i]);
      stale.push(`${path}: ${a.status} vs fresh ${b.status}; first difference: ${JSON.stringify(linesA.slice(Math.max(0, at - 40), at + 60))} vs ${JSON.stringify(linesB.slice(Math.max(0, at - 40), at + 60))}`);
    }
  }
  return stale;
}

async function main(): Promise<number> {
  const databaseFile = copyGeneratedArchive(root, articles, workDir, log);
  const databaseUrl = `sqlite:${databaseFile}`;
  const setup = await openReadyDatabase({ databaseUrl });
  await createUser(setup.db, { email: EDITOR.email, name: 'Soak Editor', role: 'editor', password: EDITOR.password }, { actorUserId: null, now: new Date(), via: 'soak' });
  await setup.close();
  const { paths, stories } = await chooseReadSet(databaseUrl);

  const serverEnv = { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DEMO_CONTENT: 'false', LOG_LEVEL: 'warn', SITE_TIMEZONE: 'Asia/Shanghai', MEDIA_DIR: join(workDir, 'media') };
  log('starting the production server…');
  const server = await startProcess([...SERVER_NODE_FLAGS, cli, 'serve'], serverEnv);
  await waitFor200(`${server.baseUrl}/`, performance.now());
  const editor = await signInOverHttp(server.baseUrl, EDITOR.email, EDITOR.password);

  const tally: Tally = { readLatencies: [], cacheHits: 0, writeLatencies: [], statuses: new Map(), serverErrors: [], networkErrors: [], writes: { published: 0, updated: 0, conflicts: 0, imports: 0, failedImports: [] } };
  log(`warming the cache with ${paths.length} pages…`);
  const warm = [...paths];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let path = warm.pop(); path; path = warm.pop()) await timedGet(server.baseUrl, path, tally);
  }));
  tally.readLatencies.length = 0;
  tally.cacheHits = 0;
  tally.statuses.clear();

  log(`mixed load for ${seconds} s with ${connections} connections…`);
  const rss: { x: number; y: number }[] = [];
  const loadStartedAt = performance.now();
  const deadline = loadStartedAt + seconds * 1000;
  const sampleEveryMs = Math.max(1000, (seconds * 1000) / 60);
  const sampler = setInterval(() => rss.push({ x: (performance.now() - loadStartedAt) / 60_000, y: readRssMb(server.pid) }), sampleEveryMs);
  let writeSerial = 0;
  let importRound = 0;
  let runningImport: Promise<void> | undefined;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      let draw = worker * 104_729;
      while (performance.now() < deadline) {
        draw = (draw * 1_103_515_245 + 12_345) % 2 ** 31;
        if ((draw % 10_000) / 10_000 >= WRITE_SHARE) {
          await timedGet(server.baseUrl, paths[draw % paths.length]!, tally);
        } else if ((writeSerial += 1) % 10 === 0 && !runningImport) {
          importRound += 1;
          runningImport = runImport(databaseUrl, importRound).then((failure) => {
            tally.writes.imports += 1;
            if (failure) tally.writes.failedImports.push(failure);
            runningImport = undefined;
          });
        } else {
          await newsroomWrite(editor, stories, writeSerial, tally);
        }
      }
    }),
  );
  clearInterval(sampler);
  await runningImport;
  const rssAfterLoad = readRssMb(server.pid);

  // Other processes' commits reach the server within a second (it follows the change log).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  log('comparing pages with a server started fresh on the same database…');
  const fresh = await startProcess([...SERVER_NODE_FLAGS, cli, 'serve'], serverEnv);
  await waitFor200(`${fresh.baseUrl}/`, performance.now());
  const database = await openReadyDatabase({ databaseUrl });
  const written = await database.db
    .selectFrom('articles')
    .select(['url_date', 'slug'])
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('source', '=', 'newsroom'), eb('uri', 'like', 'urn:soak:%'), eb('modified_at', '>', new Date(Date.now() - (seconds + 600) * 1000).toISOString())]))
    .execute();
  const writtenPaths = written.map((row) => articlePath({ urlDate: row.url_date!, slug: row.slug }));
  const comparedPaths = [...new Set([...writtenPaths.slice(-300), ...paths.filter((_, i) => i % 10 === 0), ...paths.slice(READ_SET_STORIES)])];
  const stale = await findStalePages(server, fresh, comparedPaths);
  await Promise.all([server.stop(), fresh.stop()]);
  log('checking every story in the database…');
  const inconsistencies = await findInconsistencies(database);
  await database.close();

  const measured = rss.filter((sample) => sample.x >= seconds / 60 / 5);
  const { slope } = fitLine(measured);
  const total = [...tally.statuses.values()].reduce((sum, n) => sum + n, 0) + tally.writeLatencies.length;
  const checks = [
    { name: '5xx answers', value: String(tally.serverErrors.length), isOk: tally.serverErrors.length === 0 },
    { name: 'failed requests (network)', value: String(tally.networkErrors.length), isOk: tally.networkErrors.length === 0 },
    { name: 'failed imports', value: `${tally.writes.failedImports.length} of ${tally.writes.imports}`, isOk: tally.writes.failedImports.length === 0 },
    // Garbage collection swings RSS by tens of megabytes: under two minutes the slope is mostly that noise.
    seconds >= 120
      ? { name: `memory slope after warm-up (≤ ${maxSlopeMbPerMinute} MB/min)`, value: `${formatNumber(slope)} MB/min`, isOk: Number.isFinite(slope) && slope <= maxSlopeMbPerMinute }
      : { name: 'memory slope after warm-up', value: `${formatNumber(slope)} MB/min (not judged under 120 s)`, isOk: true },
    { name: 'stale pages (vs a fresh server)', value: `${stale.length} of ${comparedPaths.length}`, isOk: stale.length === 0 },
    { name: 'inconsistent stories', value: String(inconsistencies.length), isOk: inconsistencies.length === 0 },
  ];
  const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n.toLocaleString('en-US')}`).join(', ');
  const figures = [
    ['figure', 'value'],
    ['duration', `${seconds} s, ${connections} connections, ${articles.toLocaleString('en-US')} stories`],
    ['operations', `${total.toLocaleString('en-US')} (${formatNumber(total / seconds)} /s); reads by status ${statuses}`],
    ['writes', `${tally.writes.published} published, ${tally.writes.updated} updated, ${tally.writes.conflicts} edit conflicts (409), ${tally.writes.imports} imports of 20 stories`],
    ['reads answered from the page cache', `${formatNumber((100 * tally.cacheHits) / Math.max(1, tally.readLatencies.length))} %`],
    ['read latency p50 / p99 / max', `${formatNumber(percentile(tally.readLatencies, 50))} / ${formatNumber(percentile(tally.readLatencies, 99))} / ${formatNumber(Math.max(...tally.readLatencies))} ms`],
    ['write latency p50 / p99', `${formatNumber(percentile(tally.writeLatencies, 50))} / ${formatNumber(percentile(tally.writeLatencies, 99))} ms`],
    ['server RSS samples (MB)', rss.filter((_, i) => i % Math.max(1, Math.floor(rss.length / 12)) === 0).map((sample) => formatNumber(sample.y)).join(' → ')],
    ['server RSS after load', `${formatNumber(rssAfterLoad)} MB`],
  ];
  console.log(['', formatTable(figures), '', formatTable([['check', 'measured', 'status'], ...checks.map((check) => [check.name, check.value, check.isOk ? 'ok' : 'FAILED'])]), ''].join('\n'));
  for (const detail of [...tally.serverErrors, ...tally.networkErrors, ...tally.writes.failedImports, ...stale, ...inconsistencies].slice(0, 20)) console.log(`  ${detail}`);
  log(`done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  return checks.every((check) => check.isOk) ? 0 : 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workDir, { recursive: true, force: true }));
