/**
 * Event-loop guard: every route of the app, driven with worst-case inputs at the size limits
 * (long bodies, floods of "<", deep nesting, huge numbers, long query strings, repeated fields),
 * signed in as an admin so the handlers really run, while a probe asks /healthz every ~20 ms on
 * the listening port. No probe may wait longer than PROBE_LIMIT_MS (the design's budget is
 * 100 ms; the margin is for a noisy machine). The route list comes from the app's route table,
 * so a new route is driven too: with the generic inputs if nothing below names it.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articlePath } from '../../src/content/articles/index.js';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { saveArticlesAtomically } from '../../src/ingest/index.js';
import { issueApiKey } from '../../src/newsroom/api-keys/index.js';
import { createPreviewLink } from '../../src/newsroom/preview-links/index.js';
import { demoDailyBars, DEMO_EPOCH } from '../../src/markets/demo/demo-walk.js';
import { storeDailyBars } from '../../src/markets/quotes/index.js';
import { insertTestInstrument } from '../support/instruments.js';
import { PROBE_LIMIT_MS, startHealthProbe } from '../support/event-loop-probe.js';
import { collectRoutes, type RegisteredRoute } from '../support/route-table.js';
import { createSignedInUser, createUser, formBody, type TestSession } from '../support/newsroom.js';
import { articleInput, createTestApp, type TestApp } from '../support/test-app.js';

const BODY_LIMIT = 1024 * 1024;
const HUGE_NUMBER = '9'.repeat(250);

let testApp: TestApp;
let port: number;
let admin: TestSession;
let routes: RegisteredRoute[] = [];
const fixture = { storyId: 0, storyPath: '', spareUserId: 0, topicId: 0, marketsKey: '', previewToken: '' };

/** A published story whose body is as large as the limits allow, with two very different revisions. */
async function saveLargestStory(): Promise<void> {
  const paragraph = (seed: number, index: number) =>
    `<p>${Array.from({ length: 30 }, (_, word) => `w${(index * 31 + word) * seed % 9_973}`).join(' ')}.</p>`;
  // 2,400 paragraphs: 4,800 "<", just under the markup limit, ~450,000 characters.
  const body = (seed: number) => Array.from({ length: 2_400 }, (_, index) => paragraph(seed, index)).join('');
  for (const seed of [7, 13]) {
    const story = articleInput({ uri: 'urn:test:guard:largest', title: `The largest story ${seed}`, bodyHtml: body(seed), tags: [{ kind: 'topic', name: 'Guard' }] });
    await saveArticlesAtomically(testApp.writer, 'test', [story], { now: new Date(`2024-06-0${seed === 7 ? 1 : 2}T00:00:00Z`), timeZone: 'UTC', actor: 'test' });
  }
  // A draft as large, opened through a preview link: the public preview renders all of it.
  const draft = articleInput({ uri: 'urn:test:guard:largest-draft', status: 'draft', title: 'The largest draft', bodyHtml: body(7) });
  await saveArticlesAtomically(testApp.writer, 'test', [draft], { now: new Date('2024-06-03T00:00:00Z'), timeZone: 'UTC', actor: 'test' });
  const draftRow = await testApp.database.db.selectFrom('articles').select(['id']).where('uri', '=', 'urn:test:guard:largest-draft').executeTakeFirstOrThrow();
  fixture.previewToken = (await createPreviewLink(testApp.writer, Number(draftRow.id), { lifetime: '7d' }, { userId: fixture.spareUserId, now: new Date() })).token;
  const stored = await testApp.database.db.selectFrom('articles').select(['id']).where('uri', '=', 'urn:test:guard:largest').executeTakeFirstOrThrow();
  fixture.storyId = Number(stored.id);
  const { urlDate, slug } = (await findStoryRecord(testApp.database.db, fixture.storyId))!.article;
  fixture.storyPath = articlePath({ urlDate: urlDate!, slug });
  const tag = await testApp.database.db.selectFrom('tags').select(['id']).where('slug', '=', 'guard').executeTakeFirstOrThrow();
  fixture.topicId = Number(tag.id);
}

/** Path parameters: real ids so the handlers do their work; users routes act on a spare account, never the admin. */
function fillPath(url: string, params: 'real' | 'huge'): string {
  const value = (name: string): string => {
    if (params === 'huge' && ['id', 'revision'].includes(name)) return HUGE_NUMBER;
    switch (name) {
      case 'id':
        if (url.startsWith('/newsroom/users/')) return String(fixture.spareUserId);
        if (url.startsWith('/newsroom/topics/')) return String(fixture.topicId);
        if (url.startsWith('/newsroom/sections/')) return '999999';
        return String(fixture.storyId);
      case 'revision':
        return '1';
      case 'token':
        return params === 'real' ? fixture.previewToken : 'A'.repeat(43);
      case 'section':
        return 'markets';
      case 'file':
        return url.startsWith('/sitemaps/') ? 'articles-2024-01-999999.xml' : `${'a'.repeat(200)}.js`;
      case 'folder':
        return 'ab';
      case 'symbol':
        // The instrument with five years of daily bars and the pushed ticks: its quote page and feeds do their whole work.
        return params === 'real' ? QUOTE_SYMBOLS[0]! : `${'a-'.repeat(140)}z`;
      default:
        return `${'a-'.repeat(140)}z`;
    }
  };
  if (url === '/:yyyy/:mm/:dd/:slug/' && params === 'real') return fixture.storyPath;
  return url.replace(/:([a-zA-Z]+)/g, (_, name: string) => value(name)).replace('*', 'x'.repeat(250));
}

/** A long query string: a huge page number, a flood of "<" and many repeated fields (within the 16 KB request-head limit). */
const LONG_QUERY = `?page=999999&q=${encodeURIComponent('<'.repeat(2_000))}&against=previous&${'a=1&'.repeat(1_000)}status=draft`;

const FIELD_NAMES = [
  'title', 'dek', 'excerpt', 'body', 'slug', 'section', 'bylines', 'topics', 'canonical_url', 'publish_at', 'material', 'hero_media_id',
  'correction', 'note', 'name', 'email', 'password', 'role', 'description', 'text', 'url', 'expiresInMinutes', 'articleId', 'direction',
  'moveTo', 'q', 'next', 'token', 'alt', 'caption', 'symbol', 'aliases', 'symbols', 'version', 'currentPassword', 'passwordConfirm', 'bio', 'photo',
];

const everyField = (value: string) => Object.fromEntries(FIELD_NAMES.map((name) => [name, value]));

// The heavy parts are built once: megabytes of fresh strings per request would make the garbage
// collector pause this process (server and probe alike) and read as stalls of the handlers.
const HEAVY_FORMS = [
  { name: 'a flood of "<" in the body', fields: formBody({ body: '<'.repeat(320_000) }) },
  { name: 'tags nested 100,000 deep', fields: formBody({ body: '<b>'.repeat(100_000) }) },
  { name: 'the largest plain-text body', fields: formBody({ body: `${'word '.repeat(99_000)}end` }) },
  { name: 'every field long, with markup', fields: formBody(everyField(`${'<p><a href="x">'.repeat(200)}${'&amp;'.repeat(300)}`)) },
  { name: 'every field a huge number', fields: formBody(everyField(HUGE_NUMBER)) },
  { name: 'one field repeated 80,000 times', fields: 'topics=a%2C&'.repeat(80_000).slice(0, -1) },
  // A live update exactly at its length limit, all characters that escaping multiplies.
  { name: 'a live update at its size limit', fields: formBody({ text: '<&\n'.repeat(500) }) },
];
const HEAVY_JSON = [
  { name: 'JSON with a flood of "<"', payload: (revision: string) => `{"revision":${revision},"title":"Guard","body":"${'<'.repeat(900_000)}"}` },
  { name: 'JSON nested deep', payload: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
].map(({ name, payload }) => ({ name, payload, heavy: payload('1') }));

/** Worst-case form bodies, each just under the 1 MiB body limit once encoded. */
function formBodies(csrfToken: string, revision: string): { name: string; payload: string }[] {
  const base = formBody({ _csrf: csrfToken, revision, action: 'save', title: 'Guard' });
  return HEAVY_FORMS.map(({ name, fields }) => {
    const payload = `${base}&${fields}`;
    if (payload.length > BODY_LIMIT) throw new Error(`A guard body is over the limit: ${payload.length}`);
    return { name, payload };
  });
}

function jsonBodies(revision: string): { name: string; payload: string }[] {
  return HEAVY_JSON.map(({ name, payload, heavy }) => ({ name, payload: revision === '1' ? heavy : payload(revision) }));
}

async function isSignedIn(): Promise<boolean> {
  const response = await testApp.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: admin.cookie } });
  return response.statusCode === 200;
}

async function currentRevision(): Promise<string> {
  const record = await findStoryRecord(testApp.database.db, fixture.storyId);
  return String(record?.article.revision ?? 1);
}

let probe: ReturnType<typeof startHealthProbe>;

// A stall seen once may be the machine (another process on the cores, a garbage collection); a
// handler that blocks does it every time. A request counts as stalling only if it stalls on
// every one of these tries (the stalls the issue found, 3–8 s, repeat every time).
const TRIES_BEFORE_BLAME = 3;

/** Sends one request (again if it stalled); returns its status, and the stall if every try stalled. */
async function send(method: string, path: string, body?: { payload: string; contentType: string }, headers: Record<string, string> = {}): Promise<string> {
  let outcome = '';
  for (let attempt = 1; attempt <= TRIES_BEFORE_BLAME; attempt += 1) {
    outcome = await sendOnce(method, path, body, headers);
    if (!outcome.includes('/healthz waited')) return outcome;
  }
  return `${outcome} on each of ${TRIES_BEFORE_BLAME} tries`;
}

async function sendOnce(method: string, path: string, body: { payload: string; contentType: string } | undefined, headers: Record<string, string>): Promise<string> {
  // Building the payloads runs in this process too: let a probe delayed by that land before the window opens.
  await new Promise((resolve) => setTimeout(resolve, 40));
  // Every try runs the handler: a page cached by the try before would be answered from memory.
  testApp.cache.clear();
  probe.takeWorst();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'accept-encoding': 'br', ...(body ? { 'content-type': body.contentType } : {}), ...headers },
    body: body?.payload,
    redirect: 'manual',
  });
  await response.arrayBuffer();
  // A probe in flight when the answer came is answered next: wait for it before reading the stall.
  await new Promise((resolve) => setTimeout(resolve, 40));
  const stall = probe.takeWorst();
  return `${response.status}${stall >= PROBE_LIMIT_MS ? `, /healthz waited ${Math.round(stall)} ms` : ''}`;
}

/** Every request a route gets: its path with real and huge parameters, a long query, and for writes the worst bodies. */
async function drive(route: { method: string; url: string }): Promise<string[]> {
  const requests: string[] = [];
  const paths = [fillPath(route.url, 'real'), `${fillPath(route.url, 'real')}${LONG_QUERY}`];
  if (route.url.includes(':id') || route.url.includes(':revision')) paths.push(fillPath(route.url, 'huge'));
  // Preview links: an unknown token of the right shape (looked up), and the longest the router passes (300 characters).
  if (route.url === '/preview/:token/') paths.push(fillPath(route.url, 'huge'), `/preview/${'A'.repeat(300)}/`);
  // The quote chips' prices read their symbols: the most a request may name (ten known instruments), and a flood of them.
  if (route.url === '/markets/quotes.json') paths.push(`${route.url}?symbols=${QUOTE_SYMBOLS.join(',')}`, `${route.url}?symbols=${'GUARD0,'.repeat(2_000)}GUARD9`);
  if (route.method === 'GET') {
    for (const path of paths) requests.push(`${route.method} ${path.slice(0, 80)} → ${await send('GET', path)}`);
    return requests;
  }
  const path = paths[0]!;
  const revision = await currentRevision();
  for (const { name, payload } of formBodies(admin.csrfToken, revision)) {
    requests.push(`${route.method} ${path} (${name}) → ${await send(route.method, path, { payload, contentType: 'application/x-www-form-urlencoded' })}`);
  }
  for (const { name, payload } of jsonBodies(revision)) {
    requests.push(`${route.method} ${path} (${name}) → ${await send(route.method, path, { payload, contentType: 'application/json' })}`);
  }
  // The push API reads bodies only with a key that may push: its worst batches are sent with one.
  if (route.url === '/api/v1/markets/quotes') {
    for (const { name, payload } of QUOTE_BATCHES) {
      requests.push(`${route.method} ${path} (${name}) → ${await send(route.method, path, { payload, contentType: 'application/json' }, { authorization: `Bearer ${fixture.marketsKey}` })}`);
    }
  }
  return requests;
}

// A full batch of good quotes spread over ten instruments (each try stores new ones: the times
// move on), and a full batch naming a thousand different unknown symbols.
const QUOTE_SYMBOLS = Array.from({ length: 10 }, (_, n) => `GUARD${n}`);
const QUOTE_BATCHES = [
  {
    name: '1,000 good quotes',
    get payload() {
      const start = Date.now() - 60 * 60 * 1000;
      return JSON.stringify({ quotes: Array.from({ length: 1000 }, (_, n) => ({ symbol: QUOTE_SYMBOLS[n % 10], time: new Date(start + n * 1000 + (Date.now() % 1000)).toISOString(), price: 100 + (n % 7), volume: n, delayMinutes: 15 })) });
    },
  },
  { name: '1,000 unknown symbols', payload: JSON.stringify({ quotes: Array.from({ length: 1000 }, (_, n) => ({ symbol: `NO${String(n).padStart(28, 'X')}`, time: new Date().toISOString(), price: 1 })) }) },
];

beforeAll(async () => {
  ({ built: testApp, routes } = await collectRoutes(() => createTestApp()));
  admin = await createSignedInUser(testApp, 'admin');
  fixture.spareUserId = (await createUser(testApp, { role: 'contributor' })).user.id;
  await saveLargestStory();
  for (const symbol of QUOTE_SYMBOLS) await insertTestInstrument(testApp.database.db, { symbol });
  const today = new Date().toISOString().slice(0, 10);
  const fiveYearsAgo = `${Number(today.slice(0, 4)) - 5}${today.slice(4)}`;
  const history = demoDailyBars({ symbol: QUOTE_SYMBOLS[0]!, mic: 'XNYS', kind: 'equity', decimals: 2, startPrice: 100 }, 1, fiveYearsAgo < DEMO_EPOCH ? DEMO_EPOCH : fiveYearsAgo, today);
  await storeDailyBars(testApp.writer, QUOTE_SYMBOLS[0]!, history, { source: 'demo', delayMinutes: null, now: new Date() });
  fixture.marketsKey = (await issueApiKey(testApp.database.db, { name: 'Guard vendor', pushQuotes: 'on' }, { actorUserId: null, now: new Date() })).secret;
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  port = (testApp.app.server.address() as AddressInfo).port;
}, 120_000);
afterAll(async () => testApp.close());

describe('event-loop guard', () => {
  test(
    `no route blocks /healthz for ${PROBE_LIMIT_MS} ms with worst-case input`,
    async () => {
      // HEAD runs the GET handler; /healthz is the probe; signing out goes last (it ends the session).
      const driven = routes.filter((route) => route.method !== 'HEAD' && route.url !== '/healthz');
      driven.sort((a, b) => Number(a.url.includes('sign-out')) - Number(b.url.includes('sign-out')));
      // Unknown URLs reach the not-found handler, which is no route.
      driven.push({ method: 'GET', url: `/${'x'.repeat(250)}/${'y'.repeat(250)}` });
      expect(driven.length).toBeGreaterThan(50);

      probe = startHealthProbe(port);
      const stalls: string[] = [];
      try {
        for (const route of driven) {
          if (!(await isSignedIn())) admin = await createSignedInUser(testApp, 'admin');
          const requests = await drive(route);
          stalls.push(...requests.filter((request) => request.includes('/healthz waited')));
        }
      } finally {
        const report = await probe.stop();
        expect(report.failures).toBe(0);
      }
      expect(stalls).toEqual([]);
    },
    600_000,
  );
});
