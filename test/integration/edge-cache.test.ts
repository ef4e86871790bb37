/**
 * Behind the edge, for real: Varnish (Debian's varnish and varnish-modules, which .ci/run
 * installs) runs the shipped deploy/varnish/fortune-sky.vcl, its two backend ports moved to this
 * test's, in front of two `fortune-sky serve` processes on one database, each with EDGE_PURGE_URL
 * pointing at it. Pages are cached at the edge; a publish through either instance reaches the
 * edge's front page within moments (the edge's fetches ask the instance to validate, so neither
 * instance can refill it with the old page), purged once per change however many instances follow the log;
 * the newsroom, signed-in editors and cookie-setting answers never come from the cache; only
 * loopback may purge; and a purge made while the edge is down reaches it when it is back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig } from '../../src/config/index.js';
import { EDGE_PURGE_JOB } from '../../src/jobs/index.js';
import { createUser } from '../../src/newsroom/index.js';
import type { Database } from '../../src/storage/index.js';
import { startServe, type CliProcess } from '../support/cli-process.js';
import { signInOverHttp, type HttpNewsroomSession } from '../support/newsroom-http.js';
import { createTempDir } from '../support/test-app.js';
import { edgeGet, freePort, shippedVclWithPorts, startVarnish, type EdgeResponse, type VarnishProcess } from '../support/varnish-process.js';

const BR = { 'accept-encoding': 'gzip, deflate, br' };
const PASSWORD = 'correct horse battery staple';

let temp: ReturnType<typeof createTempDir>;
let database: Database;
let instances: (CliProcess & { baseUrl: string })[] = [];
let edge: VarnishProcess | undefined;
let vcl: string;
let edgePort: number;
let editorOnA: HttpNewsroomSession;
let editorOnB: HttpNewsroomSession;
/** An article page that no story published in these tests touches (another section, topic and byline). */
let unrelatedPath: string;

beforeAll(async () => {
  temp = createTempDir();
  // The edge's port is chosen first: both instances are told where to send purges when they start.
  edgePort = await freePort();
  const env = {
    DATABASE_URL: `sqlite:${join(temp.dir, 'site.db')}`,
    MEDIA_DIR: join(temp.dir, 'media'),
    SITE_URL: 'http://news.test',
    DEMO_CONTENT: 'false',
    EDGE_PURGE_URL: `http://127.0.0.1:${edgePort}/`,
  };
  database = await openReadyDatabase(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  instances = await Promise.all([startServe(env), startServe(env)]);
  vcl = shippedVclWithPorts(instances.map((instance) => Number(new URL(instance.baseUrl).port)) as [number, number]);
  edge = await startVarnish({ vcl, port: edgePort });

  await createUser(database.db, { email: 'desk@news.test', name: 'Desk Editor', role: 'editor', password: PASSWORD }, { actorUserId: null, now: new Date(), via: 'test' });
  editorOnA = await signInOverHttp(instances[0]!.baseUrl, 'desk@news.test', PASSWORD);
  editorOnB = await signInOverHttp(instances[1]!.baseUrl, 'desk@news.test', PASSWORD);
  const fields = { title: 'Oil majors trim output', section: 'business', topics: 'Oil', bylines: 'Other Writer' };
  const id = await editorOnB.createStory(fields);
  expect(await editorOnB.press(id, 'publish', fields)).toBe(303);
  unrelatedPath = await articlePath(id);
  await noEdgePurgesPending();
}, 120_000);

afterAll(async () => {
  await edge?.stop();
  for (const instance of instances) instance.child.kill();
  await Promise.all(instances.map((instance) => instance.exited));
  await database?.close();
  temp?.remove();
});

/** A published story's page: /yyyy/mm/dd/slug/ from its first publication date (the site's zone is UTC). */
async function articlePath(id: number): Promise<string> {
  const row = await database.db.selectFrom('articles').select(['slug', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
  return `/${row.published_at!.slice(0, 10).replaceAll('-', '/')}/${row.slug}/`;
}

/** Resolves once no edge purge is waiting in the job queue (every one was sent). */
async function noEdgePurgesPending(timeout = 5000): Promise<void> {
  await vi.waitFor(async () => expect(await database.db.selectFrom('jobs').select('key').where('kind', '=', EDGE_PURGE_JOB).execute()).toEqual([]), { timeout, interval: 50 });
}

const edgeCache = (response: EdgeResponse) => response.headers['x-edge-cache'];

/** Asks the edge until it answers the page from its cache (at most three times); returns the hit. */
async function cachedAtEdge(path: string): Promise<EdgeResponse> {
  for (let i = 0; i < 3; i += 1) {
    const response = await edgeGet(edge!.url, path, { headers: BR });
    expect(response.status, path).toBe(200);
    if (edgeCache(response) === 'HIT') return response;
  }
  throw new Error(`${path} is not cached at the edge`);
}

const latestEventId = async () => Number((await database.db.selectFrom('change_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);

describe('the edge cache in front of two instances', () => {
  test('a page is cached at the edge: asked again, the edge answers from its cache, a copy per encoding', async () => {
    const first = await edgeGet(edge!.url, '/business/', { headers: BR });
    expect(first.status).toBe(200);
    expect(edgeCache(first)).toBe('MISS');
    expect(first.headers['content-encoding']).toBe('br');
    const again = await edgeGet(edge!.url, '/business/', { headers: BR });
    expect(edgeCache(again)).toBe('HIT');
    expect(again.headers.age).toBeDefined();
    expect(again.body).toBe(first.body);
    expect(again.body).toContain('Oil majors trim output');
    // Two X-Varnish ids: this request's and the cached object's (served without an instance).
    expect(String(again.headers['x-varnish']).split(' ')).toHaveLength(2);

    const gzip = await edgeGet(edge!.url, '/business/', { headers: { 'accept-encoding': 'gzip' } });
    expect([edgeCache(gzip), gzip.headers['content-encoding']]).toEqual(['MISS', 'gzip']);
    const plain = await edgeGet(edge!.url, '/business/');
    expect([edgeCache(plain), plain.headers['content-encoding']]).toEqual(['HIT', undefined]);
    expect(plain.body).toBe(first.body);
    expect(plain.headers.vary).toBe('Accept-Encoding');
    // The purge index stays inside the edge.
    expect(plain.headers.xkey).toBeUndefined();
  });

  test('a publish through one instance is on the edge’s front page within moments, purged once; a draft purges nothing and unrelated pages stay cached', async () => {
    await cachedAtEdge('/');
    await cachedAtEdge(unrelatedPath);
    const eventsBefore = await latestEventId();
    const purgesBefore = (await edge!.purges()).length;

    const title = 'Central bank cuts rates at dawn';
    const fields = { title, section: 'markets', topics: 'Rates', bylines: 'Ana Cruz' };
    const id = await editorOnA.createStory(fields);
    expect(edgeCache(await edgeGet(edge!.url, '/', { headers: BR }))).toBe('HIT');

    expect(await editorOnA.press(id, 'publish', fields)).toBe(303);
    const publishedAt = Date.now();
    await vi.waitFor(async () => expect((await edgeGet(edge!.url, '/', { headers: BR })).body).toContain(title), { timeout: 2000, interval: 25 });
    expect(Date.now() - publishedAt).toBeLessThan(2000);
    expect((await edgeGet(edge!.url, await articlePath(id), { headers: BR })).body).toContain(title);
    expect(edgeCache(await edgeGet(edge!.url, unrelatedPath, { headers: BR }))).toBe('HIT');

    // Once per change, not per instance: both instances follow the change log and poll the job
    // queue every second; after they both have, the edge has still had one PURGE for the one change.
    await noEdgePurgesPending();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = await database.db.selectFrom('change_events').select('keys').where('id', '>', eventsBefore).execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.keys.split(' ')).toEqual(expect.arrayContaining(['home', `article:${id}`, 'section:markets']));
    expect((await edge!.purges()).slice(purgesBefore)).toEqual([{ xkey: events[0]!.keys, status: 200, purged: expect.stringMatching(/^[1-9]\d*$/) }]);
  });

  test('several changes through both instances: exactly one PURGE per change', async () => {
    const eventsBefore = await latestEventId();
    const purgesBefore = (await edge!.purges()).length;
    for (const [i, editor] of [editorOnA, editorOnB, editorOnA, editorOnB].entries()) {
      const fields = { title: `Quarterly results, part ${i + 1}`, section: 'industries', topics: 'Earnings', bylines: 'Lee Wong' };
      const id = await editor.createStory(fields);
      expect(await editor.press(id, 'publish', fields)).toBe(303);
    }
    await noEdgePurgesPending();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = await database.db.selectFrom('change_events').select('keys').where('id', '>', eventsBefore).orderBy('id').execute();
    expect(events).toHaveLength(4);
    const purges = (await edge!.purges()).slice(purgesBefore);
    expect(purges.map((purge) => purge.xkey).sort()).toEqual(events.map((event) => event.keys).sort());
    expect(purges.every((purge) => purge.status === 200)).toBe(true);
  });

  test('newsroom pages, a signed-in editor’s requests and answers that set a cookie are never cached; other cookies do not split the cache', async () => {
    for (const path of ['/newsroom/sign-in/', '/%6Eewsroom/sign-in/']) {
      for (let i = 0; i < 2; i += 1) {
        const page = await edgeGet(edge!.url, path);
        expect(page.status, path).toBe(200);
        expect(edgeCache(page), path).toBe('PASS');
        expect(String(page.headers['set-cookie']), path).toMatch(/^fs_csrf=/);
      }
    }
    for (let i = 0; i < 2; i += 1) {
      const dashboard = await edgeGet(edge!.url, '/newsroom/', { headers: { cookie: editorOnA.cookie } });
      expect([dashboard.status, edgeCache(dashboard)]).toEqual([200, 'PASS']);
      expect(dashboard.body).toContain('name="csrf-token"');
    }
    await cachedAtEdge('/');
    expect(edgeCache(await edgeGet(edge!.url, '/', { headers: { ...BR, cookie: editorOnA.cookie } }))).toBe('PASS');
    expect(edgeCache(await edgeGet(edge!.url, '/', { headers: { ...BR, cookie: `theme=dark; ${editorOnA.cookie}` } }))).toBe('PASS');
    expect(edgeCache(await edgeGet(edge!.url, '/', { headers: { ...BR, cookie: 'theme=dark; _ga=GA1.2.3' } }))).toBe('HIT');
    // Writes pass through to an instance (here refused there: no CSRF token).
    const post = await edgeGet(edge!.url, '/newsroom/sign-in/', { method: 'POST' });
    expect([post.status, edgeCache(post)]).toEqual([403, 'PASS']);
    // Health checks always reach an instance.
    for (let i = 0; i < 2; i += 1) expect(edgeCache(await edgeGet(edge!.url, '/healthz'))).toBe('PASS');
  });

  test('a preview link is never cached at the edge: an edit shows on the next request, and a revoke through the other instance closes it at once', async () => {
    const fields = { title: 'Draft shown through the edge', body: '<p>First take.</p>' };
    const id = await editorOnA.createStory(fields);
    const linksPath = `/newsroom/stories/${id}/preview-links/`;
    const postAs = (session: HttpNewsroomSession, instance: number, path: string, form: Record<string, string>) =>
      fetch(`${instances[instance]!.baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: session.csrfToken, ...form }).toString(),
      });
    const made = await (await postAs(editorOnA, 0, linksPath, { note: 'for the edge' })).text();
    const token = /\/preview\/([A-Za-z0-9_-]{43})\//.exec(made)?.[1];
    expect(token).toBeDefined();
    const preview = `/preview/${token}/`;
    for (let i = 0; i < 2; i += 1) {
      const page = await edgeGet(edge!.url, preview, { headers: BR });
      expect([page.status, edgeCache(page)]).toEqual([200, 'PASS']);
      expect(page.body).toContain('First take.');
    }
    expect(await editorOnB.press(id, 'save', { ...fields, body: '<p>Second take.</p>' })).toBe(303);
    expect((await edgeGet(edge!.url, preview, { headers: BR })).body).toContain('Second take.');

    const list = await (await fetch(`${instances[1]!.baseUrl}${linksPath}`, { headers: { cookie: editorOnB.cookie } })).text();
    const linkId = /preview-links\/(\d+)\/revoke\//.exec(list)?.[1];
    expect((await postAs(editorOnB, 1, `${linksPath}${linkId}/revoke/`, {})).status).toBe(303);
    for (let i = 0; i < 2; i += 1) {
      const gone = await edgeGet(edge!.url, preview, { headers: BR });
      expect([gone.status, edgeCache(gone)]).toEqual([404, 'PASS']);
      expect(gone.body).not.toContain('take.');
    }
  });

  test('/metrics asked through the edge is refused (the edge forwards it), and served to this machine directly; /readyz reaches an instance', async () => {
    for (let i = 0; i < 2; i += 1) {
      const metrics = await edgeGet(edge!.url, '/metrics');
      expect([metrics.status, edgeCache(metrics)]).toEqual([403, 'PASS']);
      expect(metrics.body).toContain('METRICS_FORBIDDEN');
      expect(metrics.body).not.toContain('fortune_sky_');
      const ready = await edgeGet(edge!.url, '/readyz');
      expect([ready.status, edgeCache(ready)]).toEqual([200, 'PASS']);
      expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', database: 'ok' });
    }
    for (const instance of instances) {
      const direct = await fetch(`${instance.baseUrl}/metrics`);
      expect(direct.status).toBe(200);
      expect(await direct.text()).toContain('fortune_sky_page_cache_hits_total');
    }
  });

  test('only loopback may purge, and only by key; the all-pages key empties the edge', async () => {
    // The purges of earlier changes have all reached the edge (on a busy machine one may still be on its way).
    await vi.waitFor(async () => expect(await database.db.selectFrom('jobs').select('id').where('kind', '=', EDGE_PURGE_JOB).execute()).toEqual([]), { timeout: 5000, interval: 50 });
    await cachedAtEdge('/markets/');
    const refused = await edgeGet(edge!.url, '/', { method: 'PURGE', headers: { xkey: 'all' }, localAddress: '127.0.0.2' });
    expect([refused.status, refused.body.trim()]).toEqual([403, 'PURGE is not allowed from this address']);
    expect(edgeCache(await edgeGet(edge!.url, '/markets/', { headers: BR }))).toBe('HIT');

    const withoutKeys = await edgeGet(edge!.url, '/', { method: 'PURGE' });
    expect(withoutKeys.status).toBe(400);
    expect(edgeCache(await edgeGet(edge!.url, '/markets/', { headers: BR }))).toBe('HIT');

    await cachedAtEdge('/logo.png');
    const everything = await edgeGet(edge!.url, '/', { method: 'PURGE', headers: { xkey: 'all' } });
    expect(everything.status).toBe(200);
    expect(Number(everything.headers['x-purged'])).toBeGreaterThanOrEqual(2);
    // Gone from the edge: the next read goes to an instance (a MISS, or a PASS when a fetch was under
    // way as the purge arrived and its answer is not kept).
    for (const path of ['/markets/', '/logo.png']) expect(edgeCache(await edgeGet(edge!.url, path, { headers: BR })), path).not.toBe('HIT');
  });

  test('while the edge is down a publish still succeeds; its purge waits in the job queue and reaches the edge once it is back', async () => {
    await edge!.stop();
    edge = undefined;
    const title = 'Shipping rates slide';
    const fields = { title, section: 'business', topics: 'Shipping', bylines: 'Ana Cruz' };
    const id = await editorOnB.createStory(fields);
    const eventsBefore = await latestEventId();
    expect(await editorOnB.press(id, 'publish', fields)).toBe(303);
    // The instances have both seen the change; the purge failed and is kept, with its reason, for a retry.
    const waiting = await vi.waitFor(
      async () => {
        const row = await database.db.selectFrom('jobs').select(['key', 'attempts', 'last_error', 'run_at']).where('kind', '=', EDGE_PURGE_JOB).executeTakeFirstOrThrow();
        expect(row.last_error).toMatch(/did not answer a PURGE: ECONNREFUSED/);
        return row;
      },
      { timeout: 3000, interval: 50 },
    );
    expect(waiting.attempts).toBe(1);
    expect(Number(waiting.key)).toBeGreaterThan(eventsBefore);
    expect(Date.parse(waiting.run_at)).toBeGreaterThan(Date.now() - 1000);
    // Readers reaching an instance directly see the story already (asking it to validate, so the
    // instance that did not publish reads the change log first, as it does for the edge).
    for (const instance of instances) expect(await (await fetch(`${instance.baseUrl}/`, { headers: { 'cache-control': 'no-cache' } })).text()).toContain(title);

    edge = await startVarnish({ vcl, port: edgePort });
    await noEdgePurgesPending(15_000);
    const event = await database.db.selectFrom('change_events').select('keys').where('id', '=', Number(waiting.key)).executeTakeFirstOrThrow();
    expect(await edge.purges()).toEqual([{ xkey: event.keys, status: 200, purged: '0' }]);
    expect((await edgeGet(edge.url, '/', { headers: BR })).body).toContain(title);
  });
});

describe('the shipped VCL on its own', () => {
  // The one rule the instances cannot show on cue: a fetch under way while a purge arrives. Two
  // plain HTTP listeners stand in for the instances, one page answering after a second.
  test('a fetch under way when a purge arrives is delivered but not kept, so a late answer cannot undo the purge', async () => {
    let renders = 0;
    const backends: Server[] = [];
    for (let i = 0; i < 2; i += 1) {
      const server = createServer((request, response) => {
        if (request.url === '/healthz') return response.writeHead(200).end('ok');
        renders += 1;
        const render = renders;
        setTimeout(
          () => response.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'public, max-age=60, s-maxage=300', 'surrogate-key': 'page all' }).end(`render ${render}`),
          request.url === '/slow' ? 1000 : 0,
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      backends.push(server);
    }
    const standalone = await startVarnish({ vcl: shippedVclWithPorts(backends.map((server) => (server.address() as AddressInfo).port) as [number, number]), port: await freePort() });
    try {
      const underWay = edgeGet(standalone.url, '/slow');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await edgeGet(standalone.url, '/', { method: 'PURGE', headers: { xkey: 'page' } })).status).toBe(200);
      const late = await underWay;
      expect([late.body, edgeCache(late)]).toEqual(['render 1', 'PASS']);
      // Not kept: the next reader gets a fresh answer, and that one is cached as usual.
      const fresh = await edgeGet(standalone.url, '/slow');
      expect([fresh.body, edgeCache(fresh)]).toEqual(['render 2', 'MISS']);
      const again = await edgeGet(standalone.url, '/slow');
      expect([again.body, edgeCache(again)]).toEqual(['render 2', 'HIT']);
    } finally {
      await standalone.stop();
      for (const server of backends) await new Promise((resolve) => server.close(resolve));
    }
  });
});
