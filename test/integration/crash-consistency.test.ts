// Crash consistency: the command-line import and a publishing server run as child processes on a
// temporary SQLite file and are killed with SIGKILL at a random moment, trial after trial on the
// same file. After each kill the database must open and pass its integrity check, every story must
// be whole or absent (bylines, tags, latest revision, body and word count agree), an import file
// must be all in or all out, and a freshly started server must show exactly the published stories.
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { articlePath } from '../../src/content/articles/index.js';
import { createUser } from '../../src/newsroom/index.js';
import { buildApp } from '../../src/server.js';
import { signInOverHttp } from '../support/newsroom-http.js';
import { findInconsistencies } from '../support/story-consistency.js';
import { articleInput, createArticles, createTestApp } from '../support/test-app.js';
import { visibleLines } from '../support/visible-text.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';

const IMPORT_TRIALS = Number(process.env.CRASH_TRIALS ?? 10);
const PUBLISH_TRIALS = Number(process.env.CRASH_TRIALS ?? 10);
const BULK_LOAD_TRIALS = 3;
const BULK_LOAD_ARTICLES = 3000;
const FILES_PER_IMPORT = 6;
const ITEMS_PER_FILE = 60;
const PASSWORD = 'correct horse battery staple';
// Child processes start slowly on a loaded 2-core machine (each loads TypeScript through tsx).
const TRIAL_TIMEOUT = 300_000;

const fresh = await createFreshDatabase();
const databaseFile = join(fresh.dir, 'test.db');
const env = { DATABASE_URL: fresh.url, LOG_LEVEL: 'warn', DEMO_CONTENT: 'false', SITE_URL: 'http://news.test', SITE_TIMEZONE: 'UTC', MEDIA_DIR: join(fresh.dir, 'media') };
const config: Config = loadConfig(env);
afterAll(() => fresh.remove());

/** A seeded random generator, so a failing trial can be replayed from the seed in its message. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Starts the CLI as a child process; `lines` collects its standard output line by line. */
function startCli(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<void>; nextLine: () => Promise<string | undefined> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: ((line: string | undefined) => void)[] = [];
  let buffered = '';
  let consumed = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      const waiter = waiters.shift();
      if (waiter) {
        consumed += 1;
        waiter(line);
      }
    }
  });
  child.stderr!.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const waiter of waiters.splice(0)) waiter(undefined);
  });
  return {
    child,
    lines,
    exited,
    nextLine: () => (consumed < lines.length ? Promise.resolve(lines[consumed++]) : child.exitCode !== null ? Promise.resolve(undefined) : new Promise((resolve) => waiters.push(resolve))),
  };
}

async function killHard(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens the database afresh (as a restarted process would) and lists what is inconsistent. */
async function inspectDatabase(): Promise<string[]> {
  const database = await openReadyDatabase(config);
  try {
    return await findInconsistencies(database);
  } finally {
    await database.close();
  }
}

/** Whether page lines show a headline as a whole line or at the end of one (after a time). */
function showsHeadline(lines: string[], title: string): boolean {
  return lines.some((line) => line === title || line.endsWith(` ${title}`));
}

/**
 * Starts a fresh app on the database and checks what it serves against the rows: the front page
 * shows the newest published story and no story that is not published; article pages answer 200
 * with their headline for published stories (a sample) and 404 for unpublished ones.
 */
async function checkServedPages(random: () => number): Promise<string[]> {
  const database = await openReadyDatabase(config);
  const { app } = await buildApp({ config: loadConfig({ ...env, LOG_LEVEL: 'silent' }), database });
  const problems: string[] = [];
  try {
    const rows = await database.db.selectFrom('articles').select(['id', 'title', 'status', 'slug', 'url_date', 'published_at']).orderBy('published_at', 'desc').orderBy('id', 'desc').execute();
    const published = rows.filter((row) => row.status === 'published');
    const hidden = rows.filter((row) => row.status !== 'published');
    const front = await app.inject({ url: '/' });
    if (front.statusCode !== 200) problems.push(`front page answered ${front.statusCode}`);
    const frontLines = visibleLines(front.body);
    if (published[0] && !showsHeadline(frontLines, published[0].title)) problems.push(`front page lacks the newest story "${published[0].title}"`);
    for (const row of hidden) if (showsHeadline(frontLines, row.title)) problems.push(`front page shows ${row.status} story "${row.title}"`);
    const sample = [...published.slice(0, 5), ...Array.from({ length: 10 }, () => published[Math.floor(random() * published.length)]!)].filter(Boolean);
    for (const row of sample) {
      const page = await app.inject({ url: articlePath({ urlDate: row.url_date!, slug: row.slug }) });
      if (page.statusCode !== 200 || !visibleLines(page.body).includes(row.title)) problems.push(`story ${row.id} "${row.title}" answered ${page.statusCode} without its headline`);
    }
    for (const row of hidden.filter((candidate) => candidate.url_date).slice(0, 10)) {
      const page = await app.inject({ url: articlePath({ urlDate: row.url_date!, slug: row.slug }) });
      if (page.statusCode !== 404) problems.push(`${row.status} story ${row.id} answered ${page.statusCode}`);
    }
  } finally {
    await app.close();
    await database.close();
  }
  return problems;
}

/** One ninjs item of an import trial; `version` changes its headline and body. */
function ninjsItem(trial: number, file: number, item: number, version: number, random: () => number) {
  const words = Array.from({ length: 20 + Math.floor(random() * 200) }, (_, i) => `word${(i * 7 + item) % 97}`).join(' ');
  return {
    uri: `urn:crash:${trial}:${file}:${item}`,
    firstCreated: new Date(Date.UTC(2025, 0, 1) + (trial * 1000 + file * 100 + item) * 60_000).toISOString(),
    headlines: [{ role: 'main', value: `Crash ${trial}-${file}-${item} version ${version}` }],
    bodies: [{ role: 'main', contentType: 'text/html', value: `<p>Version ${version} of ${trial}-${file}-${item}: ${words}.</p><p>${'More words. '.repeat(1 + (item % 5))}</p>` }],
    subjects: [{ name: ['Markets', 'Business', 'Industries', 'Internet'][item % 4], rel: 'section' }, { name: `Topic ${item % 13}` }, { name: `Topic ${(item + file) % 17}` }],
    people: [{ name: `Writer ${item % 11}`, rel: 'author' }, ...(item % 3 === 0 ? [{ name: `Writer ${(item + 5) % 11}`, rel: 'author' }] : [])],
  };
}

// The checker proves itself first: each kind of broken story it must catch is caught.
test('the consistency check finds a story with lost bylines, a stale word count, a revision behind its row or no body', async () => {
  const site = await createTestApp();
  try {
    await createArticles(site, [1, 2, 3, 4].map((n) => articleInput({ uri: `urn:check:${n}`, title: `Checked story ${n}` })));
    expect(await findInconsistencies(site.database)).toEqual([]);
    const { db } = site.database;
    const idOf = async (n: number) => (await db.selectFrom('articles').select('id').where('uri', '=', `urn:check:${n}`).executeTakeFirstOrThrow()).id;
    await db.deleteFrom('article_authors').where('article_id', '=', await idOf(1)).execute();
    await db.updateTable('articles').set({ word_count: 999 }).where('id', '=', await idOf(2)).execute();
    await db.updateTable('articles').set({ revision: 2, title: 'Changed without a revision' }).where('id', '=', await idOf(3)).execute();
    await db.updateTable('articles').set({ body_html: '' }).where('id', '=', await idOf(4)).execute();
    const problems = (await findInconsistencies(site.database)).join('\n');
    expect(problems).toMatch(/urn:check:1\).*bylines/);
    expect(problems).toMatch(/urn:check:2\).*word count 999/);
    expect(problems).toMatch(/urn:check:3\).*revision 2, latest stored revision 1/);
    expect(problems).toMatch(/urn:check:4\).*no body/);
  } finally {
    await site.close();
  }
});

describe('crash consistency (kill -9)', () => {
  beforeAll(async () => {
    const database = await openReadyDatabase(config);
    await createUser(database.db, { email: 'editor@news.test', name: 'Crash Editor', role: 'editor', password: PASSWORD }, { actorUserId: null, now: new Date(), via: 'test' });
    await database.close();
  });

  test(
    `${IMPORT_TRIALS} imports killed at random moments leave whole files and whole stories`,
    async () => {
      const random = createRandom(Number(process.env.CRASH_SEED ?? Date.now()));
      for (let trial = 1; trial <= IMPORT_TRIALS; trial++) {
        // New stories, plus a new version of the previous trial's first file (updates crash too).
        const files = Array.from({ length: FILES_PER_IMPORT }, (_, file) => {
          const isUpdate = trial > 1 && file === 0;
          const items = Array.from({ length: ITEMS_PER_FILE }, (_, item) => ninjsItem(isUpdate ? trial - 1 : trial, isUpdate ? 1 : file + 1, item, isUpdate ? trial : 1, random));
          const path = join(fresh.dir, `import-${trial}-${file}.ndjson`);
          writeFileSync(path, items.map((item) => JSON.stringify(item)).join('\n'));
          return { path, items };
        });
        const run = startCli(['import', ...files.map((file) => file.path)]);
        // Kill after a random number of committed files, a random part of the way into the next.
        const committedBeforeKill = 1 + Math.floor(random() * (FILES_PER_IMPORT - 1));
        let lastLineAt = performance.now();
        let gap = 300;
        for (let seen = 0; seen < committedBeforeKill; seen++) {
          if ((await run.nextLine()) === undefined) break;
          // The first gap includes start-up; later ones measure one file's import.
          if (seen > 0) gap = performance.now() - lastLineAt;
          lastLineAt = performance.now();
        }
        await sleep(random() * Math.min(gap, 1500));
        await killHard(run.child, run.exited);

        const problems = await inspectDatabase();
        const database = await openReadyDatabase(config);
        try {
          for (const [index, file] of files.entries()) {
            const titles = await database.db.selectFrom('articles').select('title').where('uri', 'in', file.items.map((item) => item.uri)).execute();
            const current = titles.filter((row) => file.items.some((item) => item.headlines[0]!.value === row.title)).length;
            if (current !== 0 && current !== file.items.length) problems.push(`file ${index + 1} of trial ${trial} is half imported: ${current} of ${file.items.length} items`);
            if (run.lines.some((line) => line.startsWith(file.path)) && current !== file.items.length) problems.push(`file ${index + 1} of trial ${trial} was reported imported but is not`);
          }
        } finally {
          await database.close();
        }
        problems.push(...(await checkServedPages(random)));
        expect(problems, `import trial ${trial}`).toEqual([]);
      }
    },
    TRIAL_TIMEOUT,
  );

  test(
    `${BULK_LOAD_TRIALS} bulk loads (demo generate) killed while writing leave no partial batch`,
    async () => {
      const random = createRandom(Number(process.env.CRASH_SEED ?? Date.now()) + 2);
      const countSynthetic = async () => {
        const database = await openReadyDatabase(config);
        const row = await database.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('source', '=', 'synthetic').executeTakeFirst();
        await database.close();
        return Number(row?.n);
      };
      const walChangedAt = () => statSync(`${databaseFile}-wal`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      for (let trial = 1; trial <= BULK_LOAD_TRIALS; trial++) {
        const before = await countSynthetic();
        const walBefore = walChangedAt();
        // The same seed each time: its authors and topics exist after the first run, so the first
        // write of later runs is the batch of stories itself (one transaction).
        const run = startCli(['demo', 'generate', '--articles', String(BULK_LOAD_ARTICLES), '--seed', '7']);
        // On SQLite the kill waits for the batch's first write to reach the file; PostgreSQL's files are the server's.
        if (fresh.dialect === 'sqlite') while (run.child.exitCode === null && walChangedAt() === walBefore) await sleep(5);
        else await sleep(1000);
        await sleep(random() * 2500);
        await killHard(run.child, run.exited);
        const added = (await countSynthetic()) - before;
        const problems = [...(await inspectDatabase()), ...(await checkServedPages(random))];
        if (added !== 0 && added !== BULK_LOAD_ARTICLES) problems.push(`a bulk load left ${added} of its ${BULK_LOAD_ARTICLES} stories`);
        expect(problems, `bulk load trial ${trial}`).toEqual([]);
      }
    },
    TRIAL_TIMEOUT,
  );

  test(
    `${PUBLISH_TRIALS} publishing servers killed at random moments leave whole stories, and the next server shows exactly the published ones`,
    async () => {
      const random = createRandom(Number(process.env.CRASH_SEED ?? Date.now()) + 1);
      let published = 0;
      for (let trial = 1; trial <= PUBLISH_TRIALS; trial++) {
        const server = startCli(['serve']);
        let baseUrl: string | undefined;
        while (!baseUrl) {
          const line = await server.nextLine();
          if (line === undefined) throw new Error('the server exited before listening');
          baseUrl = /listening on (http:\/\/[\d.:]+)/.exec(line)?.[1];
        }
        const editor = await signInOverHttp(baseUrl, 'editor@news.test', PASSWORD);

        // Three editors' worth of work at once: create, publish, update, sometimes unpublish.
        let isKilled = false;
        const work = async (worker: number) => {
          for (let n = 0; !isKilled; n++) {
            const title = `Published ${trial}-${worker}-${n}`;
            const fields = { title, body: `<p>${title}: ${'quarterly figures '.repeat(5 + n)}</p>`, topics: `Topic ${n % 7}, Desk ${worker}`, bylines: `Writer ${worker}` };
            const id = await editor.createStory(fields);
            await editor.press(id, 'publish', fields);
            published += 1;
            if (n % 2 === 1) await editor.press(id, 'update', { ...fields, title: `${title} updated`, material: 'on' });
            if (n % 5 === 4) await editor.press(id, 'unpublish', { ...fields, title: `${title} updated` });
          }
        };
        const workers = [1, 2, 3].map((worker) => work(worker).catch(() => undefined));
        await sleep(300 + random() * 2500);
        isKilled = true;
        await killHard(server.child, server.exited);
        await Promise.all(workers);

        const problems = [...(await inspectDatabase()), ...(await checkServedPages(random))];
        expect(problems, `publishing trial ${trial}`).toEqual([]);
      }
      // The trials must have reached the publishing path, or they prove nothing.
      expect(published).toBeGreaterThan(PUBLISH_TRIALS);
    },
    TRIAL_TIMEOUT,
  );
});
