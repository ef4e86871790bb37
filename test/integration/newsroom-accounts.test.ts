import { afterEach, describe, expect, it } from 'vitest';
import { issueSetupToken, listAudit, SESSION_IDLE_MS } from '../../src/newsroom/index.js';
import { cookieFrom, createSignedInUser, createTestClock, createUser, csrfTokenIn, formBody, formHeaders, preSessionCsrf, signIn, type TestClock } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp | undefined;
let clock: TestClock;

async function start(env: Record<string, string> = {}): Promise<TestApp> {
  clock = createTestClock('2026-01-05T09:00:00.000Z');
  testApp = await createTestApp(env, { clock });
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

function postForm(app: TestApp, url: string, cookie: string, fields: Record<string, string>) {
  return app.app.inject({ method: 'POST', url, headers: formHeaders({ cookie }), payload: formBody(fields) });
}

describe('setup link', () => {
  it('creates the owner once, signs them in, and is refused afterwards', async () => {
    const app = await start();
    const token = (await issueSetupToken(app.database.db, clock.now()))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await app.database.db.selectFrom('setup_tokens').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);

    const pre = await preSessionCsrf(app, `/newsroom/setup/?token=${token}`);
    expect(pre.body).toContain('Create the owner account');
    const created = await postForm(app, '/newsroom/setup/', pre.cookie, {
      _csrf: pre.csrfToken,
      token,
      name: 'Olive Owner',
      email: 'Owner@News.test',
      password: 'a long enough password',
      passwordConfirm: 'a long enough password',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/newsroom/');
    const cookie = cookieFrom(created.headers['set-cookie'], 'fs_session')!;
    const dashboard = await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie } });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Olive Owner');
    const users = await app.database.db.selectFrom('users').selectAll().execute();
    expect(users.map((u) => [u.email, u.role])).toEqual([['owner@news.test', 'admin']]);

    const again = await app.app.inject({ method: 'GET', url: `/newsroom/setup/?token=${token}` });
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('setup link is not valid');
    const replay = await postForm(app, '/newsroom/setup/', pre.cookie, { _csrf: pre.csrfToken, token, name: 'Mallory', email: 'm@news.test', password: 'another long password', passwordConfirm: 'another long password' });
    expect(replay.statusCode).toBe(404);
    expect(await issueSetupToken(app.database.db, clock.now())).toBeNull();
  });

  it('refuses an unknown token and shows field errors keeping what was typed', async () => {
    const app = await start();
    expect((await app.app.inject({ method: 'GET', url: '/newsroom/setup/?token=nope' })).statusCode).toBe(404);
    const token = (await issueSetupToken(app.database.db, clock.now()))!;
    const pre = await preSessionCsrf(app, `/newsroom/setup/?token=${token}`);
    const response = await postForm(app, '/newsroom/setup/', pre.cookie, { _csrf: pre.csrfToken, token, name: 'Olive <b>Owner</b>', email: 'not-an-email', password: 'short', passwordConfirm: 'different' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="Olive &lt;b>Owner&lt;/b>"');
    expect(response.body).toContain('value="not-an-email"');
    expect(response.body).toMatch(/id="field-email"[^>]*aria-invalid="true"[^>]*aria-describedby="field-email-error"/);
    expect(response.body).toContain('id="field-password-error"');
    expect(response.body).toContain('id="field-passwordConfirm-error"');
  });
});

describe('sign in and out', () => {
  it('signs in, sets the cookie flags, and signs out', async () => {
    const app = await start();
    const { email, password } = await createUser(app, { role: 'author', name: 'Ann Author' });
    const pre = await preSessionCsrf(app);
    const response = await postForm(app, '/newsroom/sign-in/', pre.cookie, { _csrf: pre.csrfToken, email, password, next: '/newsroom/users/' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/newsroom/users/');
    const setCookie = [response.headers['set-cookie']].flat().find((c) => c!.startsWith('fs_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/);
    const cookie = setCookie.split(';')[0]!;

    const dashboard = await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie } });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.headers['cache-control']).toBe('no-store');
    expect(dashboard.headers['content-security-policy']).toContain("script-src 'self'");
    expect(dashboard.body).toContain('Ann Author');
    const csrfToken = csrfTokenIn(dashboard.body);

    const out = await postForm(app, '/newsroom/sign-out/', cookie, { _csrf: csrfToken });
    expect(out.statusCode).toBe(303);
    const after = await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/newsroom/sign-in/?next=%2Fnewsroom%2F');
    const actions = (await listAudit(app.database.db)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['session.signed_in', 'session.signed_out']));
  });

  it('marks the cookie Secure when SITE_URL is https', async () => {
    const app = await start({ SITE_URL: 'https://news.test' });
    const { email, password } = await createUser(app, { role: 'editor' });
    const pre = await preSessionCsrf(app);
    const response = await postForm(app, '/newsroom/sign-in/', pre.cookie, { _csrf: pre.csrfToken, email, password });
    const setCookie = [response.headers['set-cookie']].flat().find((c) => c!.startsWith('fs_session='))!;
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
  });

  it('says the email and password do not match, keeping the email', async () => {
    const app = await start();
    const { email } = await createUser(app, { role: 'author' });
    const pre = await preSessionCsrf(app);
    const response = await postForm(app, '/newsroom/sign-in/', pre.cookie, { _csrf: pre.csrfToken, email, password: 'wrong password!' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('do not match an active account');
    expect(response.body).toContain(`value="${email}"`);
    expect(response.body).not.toContain('wrong password!');
    const failed = (await listAudit(app.database.db)).find((entry) => entry.action === 'session.sign_in_failed');
    expect(failed?.detail).toMatchObject({ reason: 'wrong_password' });
  });

  it('shows field errors for an empty form', async () => {
    const app = await start();
    const pre = await preSessionCsrf(app);
    const response = await postForm(app, '/newsroom/sign-in/', pre.cookie, { _csrf: pre.csrfToken, email: '', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="field-email-error"');
    expect(response.body).toContain('id="field-password-error"');
  });

  it('redirects a signed-out visitor to sign in and back', async () => {
    const app = await start();
    const response = await app.app.inject({ method: 'GET', url: '/newsroom/?x=1' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/newsroom/sign-in/?next=%2Fnewsroom%2F%3Fx%3D1');
  });
});

describe('CSRF', () => {
  it('refuses a POST without or with a wrong token with 403', async () => {
    const app = await start();
    const session = await createSignedInUser(app, 'admin');
    const missing = await postForm(app, '/newsroom/sign-out/', session.cookie, {});
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('reload the page');
    const wrong = await postForm(app, '/newsroom/sign-out/', session.cookie, { _csrf: 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    const json = await app.app.inject({ method: 'POST', url: '/api/newsroom/stories/1/autosave', headers: { cookie: session.cookie }, payload: {} });
    expect(json.statusCode).toBe(403);
    expect(json.json()).toMatchObject({ error: { code: 'CSRF_INVALID' } });
    // Still signed in: the refused sign-out did nothing.
    expect((await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });

  it('refuses a sign-in whose token does not match its cookie', async () => {
    const app = await start();
    const { email, password } = await createUser(app, { role: 'author' });
    const pre = await preSessionCsrf(app);
    const other = await preSessionCsrf(app);
    const response = await postForm(app, '/newsroom/sign-in/', pre.cookie, { _csrf: other.csrfToken, email, password });
    expect(response.statusCode).toBe(403);
    const noCookie = await app.app.inject({ method: 'POST', url: '/newsroom/sign-in/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: pre.csrfToken, email, password }) });
    expect(noCookie.statusCode).toBe(403);
  });
});

describe('sessions', () => {
  it('ends a session after 12 idle hours', async () => {
    const app = await start();
    const session = await createSignedInUser(app, 'author');
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    clock.advance(SESSION_IDLE_MS + 1);
    const expired = await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } });
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toContain('/newsroom/sign-in/');
  });

  it('ends a session 7 days after sign-in however active', async () => {
    const app = await start();
    const session = await createSignedInUser(app, 'author');
    for (let hour = 0; hour < 7 * 24 - 6; hour += 6) {
      clock.advance(6 * 60 * 60 * 1000);
      expect((await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    }
    clock.advance(12 * 60 * 60 * 1000 - 1);
    expect((await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } })).statusCode).toBe(303);
  });
});

describe('login rate limit', () => {
  async function attempt(app: TestApp, email: string, password: string, remoteAddress = '203.0.113.7') {
    const pre = await preSessionCsrf(app);
    return app.app.inject({ method: 'POST', url: '/newsroom/sign-in/', remoteAddress, headers: formHeaders(pre), payload: formBody({ _csrf: pre.csrfToken, email, password }) });
  }

  it('refuses the 11th failure in a minute for one account from one address with 429, and lets it in after the minute', async () => {
    const app = await start();
    const { email, password } = await createUser(app, { role: 'author' });
    for (let i = 1; i <= 10; i += 1) {
      expect((await attempt(app, email, 'wrong password', '198.51.100.1')).statusCode).toBe(400);
    }
    const limited = await attempt(app, email, password, '198.51.100.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many failed sign-ins');
    expect(limited.body).toContain(`value="${email}"`);
    clock.advance(60_001);
    expect((await attempt(app, email, password, '198.51.100.1')).statusCode).toBe(303);
    const refused = (await listAudit(app.database.db)).filter((entry) => entry.action === 'session.sign_in_refused');
    expect(refused).toHaveLength(1);
  });

  it('checks at most 10 of 30 concurrent wrong passwords, and the real user still signs in from another address', async () => {
    const app = await start();
    const { email, password } = await createUser(app, { role: 'editor' });
    const pre = await preSessionCsrf(app);
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        app.app.inject({ method: 'POST', url: '/newsroom/sign-in/', remoteAddress: '203.0.113.66', headers: formHeaders(pre), payload: formBody({ _csrf: pre.csrfToken, email, password: 'wrong password' }) }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const audit = await listAudit(app.database.db);
    expect(audit.filter((entry) => entry.action === 'session.sign_in_failed')).toHaveLength(10);
    // The attacker's address is refused even with the right password; the real user elsewhere is not.
    expect((await attempt(app, email, password, '203.0.113.66')).statusCode).toBe(429);
    expect((await attempt(app, email, password, '192.0.2.10')).statusCode).toBe(303);
  });

  it('does not lock an account out when failures come from many addresses under the hourly ceiling', async () => {
    const app = await start();
    const { email, password } = await createUser(app, { role: 'author' });
    for (let i = 1; i <= 12; i += 1) {
      expect((await attempt(app, email, 'wrong password', `198.51.100.${i}`)).statusCode).toBe(400);
    }
    expect((await attempt(app, email, password, '198.51.100.200')).statusCode).toBe(303);
  });

  it('refuses the 11th failure in a minute from one address (any account) with 429', async () => {
    const app = await start();
    const { email, password } = await createUser(app, { role: 'editor' });
    for (let i = 1; i <= 10; i += 1) {
      expect((await attempt(app, `nobody${i}@news.test`, 'wrong password')).statusCode).toBe(400);
    }
    expect((await attempt(app, email, password)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await attempt(app, email, password, '192.0.2.1')).statusCode).toBe(303);
    clock.advance(60_001);
    expect((await attempt(app, email, password)).statusCode).toBe(303);
  });
});

describe('dashboard', () => {
  it('lists my drafts, in review, scheduled and published today, with counts and links to the list', async () => {
    const app = await start();
    // An editor reads every story, so the other lists show everyone's.
    const session = await createSignedInUser(app, 'editor');
    const byline = session.user.name;
    await createArticles(app, [
      articleInput({ title: 'My own draft', status: 'draft', bylines: [byline], publishedAt: null }),
      articleInput({ title: 'Someone else’s draft', status: 'draft', bylines: ['Other Writer'], publishedAt: null }),
      articleInput({ title: 'Waiting for an editor', status: 'in_review', publishedAt: null }),
      articleInput({ title: 'Out this morning', status: 'published', publishedAt: '2026-01-05T07:00:00Z' }),
      articleInput({ title: 'Out last year', status: 'published', publishedAt: '2025-12-01T07:00:00Z' }),
      articleInput({ title: 'Draft I started without my byline', status: 'draft', bylines: ['Other Writer'], publishedAt: null }),
      articleInput({ title: 'Goes out at noon', status: 'draft', publishedAt: null }),
    ]);
    const db = app.database.db;
    await db.updateTable('articles').set({ created_by_user_id: session.user.id }).where('title', '=', 'Draft I started without my byline').execute();
    await db.updateTable('articles').set({ status: 'scheduled', scheduled_for: '2026-01-05T12:00:00.000Z' }).where('title', '=', 'Goes out at noon').execute();
    const page = await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    const sections = page.body.split('<h2');
    const sectionWith = (title: string) => sections.find((part) => part.includes(title)) ?? '';
    expect(sectionWith('My drafts')).toContain('My own draft');
    expect(page.body).not.toContain('Someone else’s draft');
    expect(sectionWith('In review')).toContain('Waiting for an editor');
    expect(sectionWith('Published today')).toContain('Out this morning');
    expect(page.body).not.toContain('Out last year');
    expect(sectionWith('Published today')).toContain('href="/newsroom/stories/?status=published&amp;sort=published&amp;from=2026-01-05&amp;to=2026-01-05"');
    expect(sectionWith('My drafts')).toMatch(/<span class="nr-count">2<\/span>/);
    expect(page.body).toMatch(/<a class="nr-button" href="\/newsroom\/stories\/new\/">New story<\/a>/);
    expect(sectionWith('My drafts')).toContain('Draft I started without my byline');
    expect(sectionWith('Scheduled')).toMatch(/Goes out at noon[\s\S]*goes live <time datetime="2026-01-05T12:00:00.000Z">2026-01-05 12:00<\/time>/);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.body).toContain('<main id="content"');
    expect(page.body).toContain('aria-label="Newsroom"');
  });
});
