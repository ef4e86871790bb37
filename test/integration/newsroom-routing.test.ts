import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../src/newsroom/index.js';
import { cookieFrom, createSignedInUser, createTestClock, formBody, formHeaders, preSessionCsrf } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp | undefined;

async function start(): Promise<TestApp> {
  testApp = await createTestApp({}, { clock: createTestClock('2026-01-05T09:00:00.000Z') });
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

/** The same path with its first letter percent-encoded: the router decodes it to the same route. */
function encodedPath(path: string): string {
  const first = path.charCodeAt(1).toString(16).toUpperCase();
  return `/%${first}${path.slice(2)}`;
}

/** Every route as method + path, read from Fastify's route tree (a radix tree: a route's path is its branch's segments joined). */
function routeTable(app: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const branch: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[├└]── (.+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    branch.length = match[1]!.length / 4;
    branch.push(match[2]!);
    for (const method of match[3]!.split(', ')) routes.push({ method, path: branch.join('') });
  }
  return routes;
}

describe('newsroom routes reached through an encoded path', () => {
  it('do not sign a session out without the CSRF token (POST /%6Eewsroom/sign-out/)', async () => {
    const app = await start();
    const session = await createSignedInUser(app, 'editor');
    const response = await app.app.inject({ method: 'POST', url: '/%6Eewsroom/sign-out/', headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(403);
    expect(cookieFrom(response.headers['set-cookie'], 'fs_session')).toBeUndefined();
    expect((await listAudit(app.database.db)).some((entry) => entry.action === 'session.signed_out')).toBe(false);
    const dashboard = await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } });
    expect(dashboard.statusCode).toBe(200);
  });

  it('refuse a setup post without the CSRF token (POST /%6Eewsroom/setup/)', async () => {
    const app = await start();
    const response = await app.app.inject({
      method: 'POST',
      url: '/%6Eewsroom/setup/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ token: 'x'.repeat(43), name: 'Mallory', email: 'm@evil.test', password: 'a long enough password', passwordConfirm: 'a long enough password' }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
  });

  it('show the sign-in page, not a server error (GET and POST /%6Eewsroom/sign-in/)', async () => {
    const app = await start();
    const page = await app.app.inject({ method: 'GET', url: '/%6Eewsroom/sign-in/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sign in');
    expect(page.headers['cache-control']).toBe('no-store');
    const pre = await preSessionCsrf(app);
    const post = await app.app.inject({ method: 'POST', url: '/%6Eewsroom/sign-in/', headers: formHeaders(pre), payload: formBody({ _csrf: pre.csrfToken, email: 'nobody@news.test', password: 'wrong password' }) });
    expect(post.statusCode).toBe(400);
    expect(post.body).toContain('do not match an active account');
  });

  it('every /newsroom and /api/newsroom route carries the newsroom hooks (no-store; unsafe methods need the CSRF token)', async () => {
    const app = await start();
    const routes = routeTable(app.app).filter(({ path }) => path.startsWith('/newsroom') || path.startsWith('/api/newsroom'));
    expect(routes.length).toBeGreaterThan(30);
    for (const { method, path } of routes) {
      const url = encodedPath(path.replace(/:[A-Za-z]+/g, '1'));
      const response = await app.app.inject({ method: method as 'GET', url, headers: { 'x-csrf-token': 'not-the-token' } });
      expect(response.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(response.headers['cache-control'], `${method} ${url}`).toBe('no-store');
      // Refused: 403 for the CSRF token, or (uploads, checked before their body) the sign-in answer first.
      if (method !== 'GET' && method !== 'HEAD') expect([401, 403, 303], `${method} ${url}`).toContain(response.statusCode);
    }
  });

  it('the public /media/ files and reader pages carry no newsroom cookie or no-store', async () => {
    const app = await start();
    for (const url of ['/media/ab/missing.webp', '/', '/healthz']) {
      const response = await app.app.inject({ method: 'GET', url });
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['cache-control'] ?? '', url).not.toBe('no-store');
    }
  });
});

describe('the pre-session CSRF cookie', () => {
  it('is not sent with the editor island’s immutable assets, whatever cookies come with the request', async () => {
    const app = await start();
    const editor = await createSignedInUser(app, 'editor');
    const page = await app.app.inject({ method: 'GET', url: '/newsroom/stories/new/', headers: { cookie: editor.cookie } });
    const script = /<script type="module" src="(\/newsroom\/assets\/main-[\w-]+\.js)">/.exec(page.body)?.[1];
    expect(script, 'run npm run build:client').toBeDefined();
    for (const cookie of [undefined, editor.cookie, 'fs_session=expired-or-made-up']) {
      const asset = await app.app.inject({ method: 'GET', url: script!, headers: cookie ? { cookie } : {} });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['set-cookie'], `cookie: ${cookie}`).toBeUndefined();
    }
  });

  it('is set by pages that show a form, not by redirects or JSON answers', async () => {
    const app = await start();
    const signIn = await app.app.inject({ method: 'GET', url: '/newsroom/sign-in/' });
    expect(cookieFrom(signIn.headers['set-cookie'], 'fs_csrf')).toMatch(/^fs_csrf=[\w-]{43}$/);
    const redirect = await app.app.inject({ method: 'GET', url: '/newsroom/' });
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers['set-cookie']).toBeUndefined();
    const json = await app.app.inject({ method: 'GET', url: '/api/newsroom/media' });
    expect(json.statusCode).toBe(401);
    expect(json.headers['set-cookie']).toBeUndefined();
  });
});
