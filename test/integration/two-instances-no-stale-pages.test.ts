/**
 * 1,000 random edits spread over two instances (`fortune-sky serve` processes on one database) and
 * CLI processes (`fortune-sky import`) leave no stale page on either instance: after each round,
 * every page each instance serves matches a fresh render by a third server with a cold cache (in
 * this process, emptied before each comparison), as no-stale-pages.test.ts checks for one server.
 *
 * Each round, the stories are shared out among three writers: the newsroom on A, the newsroom on B
 * (an editor signed in on each, driving the editor form over HTTP) and one `fortune-sky import`
 * process that imports one ninjs file per edit (one transaction each). The three write at the
 * same time, on different stories (the shares rotate, so every story passes through every writer),
 * while readers keep asking both instances for pages: renders race purges. Before a round both
 * instances have every page cached; after it, they have one second to follow the log.
 *
 * An edit is one step: in the newsroom a new draft, a draft save, a publish, an update (material
 * or not), an unpublish, a correction or a front-page step (which the page may refuse with a 400:
 * taking off a story that is not on it); through the CLI an imported file creating, changing,
 * withdrawing or republishing a story. 10 rounds of 100 (35 through A, 35 through B, 30 through the
 * CLI) take about one minute on SQLite and under two on PostgreSQL on two busy cores: one CLI
 * process per round, since starting one costs seconds. Checked: with the page cache's guard against
 * a render racing a purge removed, this fails on PostgreSQL in its first round (on SQLite a render
 * reads synchronously, so that race cannot happen there).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { buildApp, type App } from '../../src/server.js';
import { openDatabase, type Database } from '../../src/storage/index.js';
import { startCli } from '../support/cli-process.js';
import type { HttpNewsroomSession } from '../support/newsroom-http.js';
import { readerUrls } from '../support/reader-urls.js';
import { findInconsistencies } from '../support/story-consistency.js';
import { startTwoInstances, type ServeProcess, type TwoInstances } from '../support/two-instances.js';

const ROUNDS = 10;
const EDITS_PER_ROUND = { newsroomA: 35, newsroomB: 35, cli: 30 };
/** Stories in play: each writer creates stories until its share holds a third of them, and a new one now and then. */
const STORIES = 45;
const SEED = 20260411;
const SECTIONS = ['Markets', 'Business', 'Industries', 'Internet'];
const TOPICS = ['Rates', 'Oil', 'Chips', 'Banks', 'Trade', 'Gold'];
const PEOPLE = ['Ana Cruz', 'Li Wei', 'Sam Okafor'];

type Status = 'draft' | 'published' | 'unpublished' | 'other';
interface Story {
  id: number;
  uri: string;
  status: Status;
}

/** How many edits of each kind succeeded ("A publish", "CLI withdraw"…), so the run shows it made every kind. */
const made = new Map<string, number>();
const count = (kind: string) => made.set(kind, (made.get(kind) ?? 0) + 1);

let site: TwoInstances;
let editors: [HttpNewsroomSession, HttpNewsroomSession];
let coldDatabase: Database;
let cold: App;

beforeAll(async () => {
  site = await startTwoInstances();
  editors = await site.signInEditor();
  coldDatabase = openDatabase(site.env.DATABASE_URL!);
  cold = await buildApp({ config: loadConfig({ ...site.env, LOG_LEVEL: 'silent' }), database: coldDatabase });
}, 120_000);

afterAll(async () => {
  await cold?.app.close();
  await coldDatabase?.close();
  await site?.stop();
});

/** A seeded generator per writer and round: the same choices every run, so a failure can be replayed. */
function createRandom(seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    random,
    pick: <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!,
    some: <T,>(items: readonly T[]): T[] => items.filter(() => random() < 0.4).slice(0, 3),
  };
}
type Random = ReturnType<typeof createRandom>;

/** Random story content: what the editor form and a ninjs item both carry. */
function randomContent({ random, pick, some }: Random, label: string) {
  return {
    title: `${label} ${pick(['rises', 'falls', 'holds', 'slips', 'jumps'])} ${Math.floor(random() * 1000)}`,
    body: `<p>Body of ${label}, version ${Math.floor(random() * 1000)}, with enough words to make a teaser of its own.</p>`,
    section: pick(SECTIONS),
    topics: some(TOPICS),
    byline: pick(PEOPLE),
  };
}

/** The stories as they stand, oldest first. */
async function loadStories(): Promise<Story[]> {
  const rows = await site.database.db.selectFrom('articles').select(['id', 'uri', 'status']).orderBy('id').execute();
  return rows.map((row) => ({ id: Number(row.id), uri: row.uri, status: ['draft', 'published', 'unpublished'].includes(row.status) ? (row.status as Status) : 'other' }));
}

/** `edits` newsroom steps through one instance on its share of the stories; returns the statuses answered that were not a success. */
async function editThroughNewsroom(editor: HttpNewsroomSession, mine: Story[], edits: number, rnd: Random, label: string): Promise<string[]> {
  const refused: string[] = [];
  const expectStatus = (status: number, step: string, id: number, allowed = [303]) => {
    if (!allowed.includes(status)) refused.push(`${label} ${step} ${id}: ${status}`);
    if (status === 303) count(`${label} ${step}`);
  };
  const formOf = (content: ReturnType<typeof randomContent>, material = false) => ({
    title: content.title,
    body: content.body,
    section: content.section.toLowerCase(),
    topics: content.topics.join(', '),
    bylines: content.byline,
    ...(material ? { material: 'on' } : {}),
  });
  for (let n = 0; n < edits; n++) {
    const { random, pick } = rnd;
    if (mine.length < STORIES / 3 || random() < 0.03) {
      const id = await editor.createStory(formOf(randomContent(rnd, `${label} story ${n}`)));
      mine.push({ id, uri: '', status: 'draft' });
      count(`${label} create`);
      continue;
    }
    const story = pick(mine.filter((candidate) => candidate.status !== 'other'));
    const content = randomContent(rnd, `${label} story ${story.id}`);
    if (story.status === 'draft' && random() < 0.3) {
      expectStatus(await editor.press(story.id, 'save', formOf(content)), 'save', story.id);
      continue;
    }
    if (story.status !== 'published') {
      expectStatus(await editor.press(story.id, 'publish', formOf(content)), 'publish', story.id);
      story.status = 'published';
      continue;
    }
    const roll = random();
    if (roll < 0.15) {
      expectStatus(await editor.press(story.id, 'unpublish', formOf(content)), 'unpublish', story.id);
      story.status = 'unpublished';
    } else if (roll < 0.25) {
      expectStatus(await editor.correct(story.id, `An earlier version misstated figure ${Math.floor(random() * 100)}.`), 'correct', story.id);
    } else if (roll < 0.4) {
      // A front-page step the page's state refuses (taking off a story that is not on it) is a 400 with its reason.
      const action = pick(['lead', 'top', 'remove'] as const);
      expectStatus(await editor.curate(action, story.id), action, story.id, [303, 400]);
    } else {
      expectStatus(await editor.press(story.id, 'update', formOf(content, random() < 0.3)), 'update', story.id);
    }
  }
  return refused;
}

/** One `fortune-sky import` process with one ninjs file per edit, on its share of the stories; returns its failures. */
async function editThroughCli(mine: Story[], edits: number, rnd: Random, round: number): Promise<string[]> {
  const files: string[] = [];
  const kinds: string[] = [];
  for (let n = 0; n < edits; n++) {
    const { random, pick } = rnd;
    const isNew = mine.length < STORIES / 3 || random() < 0.03;
    const story = isNew ? { id: 0, uri: `urn:test:two-instances:${round}:${n}`, status: 'draft' as Status } : pick(mine.filter((candidate) => candidate.status !== 'other'));
    if (isNew) mine.push(story);
    const content = randomContent(rnd, `Wire story ${story.uri.split(':').slice(-2).join('-')}`);
    // Withdrawn now and then (unpublished), otherwise usable: published, or republished.
    const isWithdrawn = story.status === 'published' && random() < 0.2;
    kinds.push(isNew ? 'CLI create' : isWithdrawn ? 'CLI withdraw' : story.status === 'published' ? 'CLI update' : 'CLI publish');
    story.status = isWithdrawn ? 'unpublished' : 'published';
    const item = {
      uri: story.uri,
      type: 'text',
      pubStatus: isWithdrawn ? 'withheld' : 'usable',
      headlines: [{ role: 'main', value: content.title }],
      bodies: [{ role: 'main', contentType: 'text/html', value: content.body }],
      subjects: [{ name: content.section, rel: 'section' }, ...content.topics.map((name) => ({ name }))],
      people: [{ name: content.byline, rel: 'author' }],
    };
    const file = join(site.env.MEDIA_DIR!, '..', `round-${round}-edit-${n}.json`);
    writeFileSync(file, JSON.stringify(item));
    files.push(file);
  }
  const importer = startCli(['import', ...files], site.env);
  const code = await importer.exited;
  const imported = importer.output().match(/: \d+ created, \d+ updated, \d+ unchanged/g) ?? [];
  if (code === 0 && imported.length === edits) {
    for (const kind of kinds) count(kind);
    return [];
  }
  return [`cli import exited ${code} after ${imported.length} of ${edits} files:\n${importer.output()}`];
}

/** Asks the instance for random pages until told to stop: readers keep caching pages while the edits commit. */
async function keepReading(instance: ServeProcess, urls: string[], rnd: Random, isDone: () => boolean): Promise<number> {
  let reads = 0;
  while (!isDone()) {
    // Redirects are followed: none may loop, even on an instance yet to read a change (redirect-loops.test.ts).
    await (await fetch(`${instance.baseUrl}${rnd.pick(urls)}`)).arrayBuffer();
    reads += 1;
    // A pause, so the readers leave the two cores to the writers (most reads are cache hits anyway).
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return reads;
}

/** Runs `task` over the items, a few at a time. */
async function inBatches<T>(items: T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(task));
}

test(`${ROUNDS * (EDITS_PER_ROUND.newsroomA + EDITS_PER_ROUND.newsroomB + EDITS_PER_ROUND.cli)} random edits through instance A, instance B and a CLI process leave no stale page on either instance`, async () => {
  const seen = new Set<string>();
  const [a, b] = site.instances;
  let edits = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const urls = await readerUrls(site.database.db, seen);
    await inBatches(urls, 8, async (url) => {
      for (const instance of site.instances) await (await fetch(`${instance.baseUrl}${url}`)).arrayBuffer();
    });

    // Story i goes to writer (i + round) mod 3: every story passes through every writer, and no two write one story at once.
    const stories = await loadStories();
    const shares: [Story[], Story[], Story[]] = [[], [], []];
    stories.forEach((story, i) => shares[(i + round) % 3]!.push(story));
    const random = (writer: number) => createRandom(SEED + round * 10 + writer);
    let isDone = false;
    const readers = Promise.all([keepReading(a, urls, random(3), () => isDone), keepReading(b, urls, random(4), () => isDone)]);
    const failures = (
      await Promise.all([
        editThroughNewsroom(editors[0], shares[0], EDITS_PER_ROUND.newsroomA, random(0), 'A'),
        editThroughNewsroom(editors[1], shares[1], EDITS_PER_ROUND.newsroomB, random(1), 'B'),
        editThroughCli(shares[2], EDITS_PER_ROUND.cli, random(2), round),
      ]).finally(() => {
        isDone = true;
      })
    ).flat();
    await readers;
    expect(failures, `edits refused in round ${round + 1}`).toEqual([]);
    edits += EDITS_PER_ROUND.newsroomA + EDITS_PER_ROUND.newsroomB + EDITS_PER_ROUND.cli;

    // Every other process's commits reach an instance within a second.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    cold.cache.clear();
    const stale: string[] = [];
    await inBatches(await readerUrls(site.database.db, seen), 8, async (url) => {
      const fresh = await cold.app.inject({ url });
      for (const [name, instance] of [['A', a], ['B', b]] as const) {
        const served = await fetch(`${instance.baseUrl}${url}`);
        const body = await served.text();
        if (served.status !== fresh.statusCode || body !== fresh.body) stale.push(`${url} on ${name} (${served.status}, fresh ${fresh.statusCode})`);
      }
    });
    expect(stale.sort(), `stale after round ${round + 1}`).toEqual([]);
  }
  expect(edits).toBe(1000);
  // Every kind of edit was made, through each writer that offers it.
  const kinds = ['create', 'save', 'publish', 'update', 'unpublish', 'correct', 'lead', 'top', 'remove'].flatMap((step) => [`A ${step}`, `B ${step}`]);
  for (const kind of [...kinds, 'CLI create', 'CLI update', 'CLI withdraw', 'CLI publish']) expect(made.get(kind) ?? 0, kind).toBeGreaterThan(0);
  expect(await findInconsistencies(site.database)).toEqual([]);
}, 240_000);
