/**
 * After 1,000 random changes written by another connection (as a CLI import or another instance
 * would), no page a reader can reach is stale: every page the running server has cached matches a
 * fresh render by a server with a cold cache. Changes arrive in rounds of a few, among enough
 * stories that most pages are untouched by a round; before each round the running server caches
 * every reachable page, and after it has one second to follow the log.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createChangeWriter } from '../../src/changes/index.js';
import {
  addCorrection,
  createStory,
  fieldsOf,
  findStoryRecord,
  publishStory,
  unpublishStory,
  updatePublishedStory,
  type StoryContext,
  type StoryFields,
} from '../../src/content/stories/index.js';
import { curateFrontPage } from '../../src/newsroom/curation/index.js';
import { buildApp, type App } from '../../src/server.js';
import { openDatabase, type Database, type Writer } from '../../src/storage/index.js';
import { createTestClock } from '../support/newsroom.js';
import { readerUrls } from '../support/reader-urls.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ROUNDS = 20;
const CHANGES_PER_ROUND = 50;
const STORIES = 40;
const SECTIONS = ['markets', 'business', 'industries', 'internet'];
const TOPICS = ['Rates', 'Oil', 'Chips', 'Banks', 'Trade', 'Gold'];
const PEOPLE = ['Ana Cruz', 'Li Wei', 'Sam Okafor'];

const clock = createTestClock('2026-03-02T09:00:00.000Z');
let site: TestApp;
let cold: App;
let coldDatabase: Database;
let otherDatabase: Database;
let writer: Writer;

// A seeded generator: the same run every time, so a failure can be replayed.
let seed = 20260302;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const some = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.4).slice(0, 3);

beforeAll(async () => {
  site = await createTestApp({}, { clock });
  otherDatabase = openDatabase(site.databaseUrl);
  writer = createChangeWriter(otherDatabase);
  coldDatabase = openDatabase(site.databaseUrl);
  cold = await buildApp({ config: site.config, database: coldDatabase, clock });
});
afterAll(async () => {
  await cold.app.close();
  await coldDatabase.close();
  await otherDatabase.close();
  await site.close();
});

const context = (): StoryContext => ({ now: clock.now(), timeZone: 'UTC', actor: { userId: null, name: 'Desk' }, audit: async () => {} });
const allow = () => {};

function randomFields(n: number): StoryFields {
  return {
    title: `Story ${n} ${pick(['rises', 'falls', 'holds', 'slips'])} ${Math.floor(random() * 1000)}`,
    dek: '',
    excerpt: null,
    bodyHtml: `<p>Body of story ${n}, version ${Math.floor(random() * 1000)}.</p>`,
    slug: '',
    section: pick(SECTIONS),
    bylines: [pick(PEOPLE)],
    topics: some(TOPICS),
    canonicalUrl: null,
  };
}

let storyCount = 0;

/** One random change of the kinds the newsroom makes, written through the other connection. */
async function randomChange(ids: number[]): Promise<void> {
  if (ids.length < STORIES || random() < 0.02) {
    storyCount += 1;
    const created = await createStory(writer, randomFields(storyCount), { ...context(), uri: `urn:test:stale:${storyCount}`, language: 'en' });
    ids.push(created.id);
    return;
  }
  const id = pick(ids);
  const story = (await findStoryRecord(otherDatabase.db, id))!;
  const target = { id, baseRevision: story.article.revision };
  const fields = fieldsOf(story.article);
  clock.advance(60_000);
  if (story.article.status !== 'published') {
    await publishStory(writer, { ...target, fields: random() < 0.5 ? fields : randomFields(id) }, context(), allow);
    return;
  }
  const roll = random();
  if (roll < 0.15) await unpublishStory(writer, target, context(), allow);
  else if (roll < 0.25) await addCorrection(writer, { ...target, text: `Correction ${Math.floor(random() * 1000)}.` }, context(), allow);
  else if (roll < 0.35) await curateFrontPage(writer, pick(['lead', 'top', 'remove'] as const), { articleId: id }, { now: clock.now(), userId: 0 }).catch(() => undefined);
  else {
    const changed = { ...fields, ...pick([{ section: pick(SECTIONS) }, { topics: some(TOPICS) }, { bylines: [pick(PEOPLE)] }, { title: `${fields.title}!` }]) };
    await updatePublishedStory(writer, { ...target, fields: changed, isMaterial: random() < 0.3 }, context(), allow);
  }
}

test(`after ${ROUNDS * CHANGES_PER_ROUND} random changes from another connection, every cached page matches a fresh render`, async () => {
  const ids: number[] = [];
  const seen = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const url of await readerUrls(site.database.db, seen)) await site.app.inject({ url });
    for (let n = 0; n < CHANGES_PER_ROUND; n++) await randomChange(ids);
    // Another process's commits reach the running server within a second.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    cold.cache.clear();
    const stale: string[] = [];
    for (const url of await readerUrls(site.database.db, seen)) {
      const [warm, fresh] = await Promise.all([site.app.inject({ url }), cold.app.inject({ url })]);
      if (warm.statusCode !== fresh.statusCode || warm.body !== fresh.body) stale.push(url);
    }
    expect(stale, `stale after round ${round + 1}`).toEqual([]);
  }
}, 300_000);
