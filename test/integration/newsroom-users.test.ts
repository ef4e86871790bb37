import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, ROLES, type Role } from '../../src/newsroom/index.js';
import { createSignedInUser, createTestClock, createUser, formBody, formHeaders, preSessionCsrf, signIn, TEST_PASSWORD } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { visibleLines } from '../support/visible-text.js';

let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function start(): Promise<TestApp> {
  testApp = await createTestApp({}, { clock: createTestClock() });
  return testApp;
}

function post(app: TestApp, url: string, session: { cookie: string; csrfToken: string }, fields: Record<string, string>) {
  return app.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
}

describe('user administration permissions', () => {
  const expected: Record<Role, number> = { contributor: 403, author: 403, editor: 403, admin: 200 };

  for (const role of ROLES) {
    it(`${role}: view, create, change role, disable → ${expected[role] === 200 ? 'allowed' : 'refused with 403'}`, async () => {
      const app = await start();
      const session = await createSignedInUser(app, role);
      const { user: target } = await createUser(app, { role: 'contributor' });

      const view = await app.app.inject({ method: 'GET', url: '/newsroom/users/', headers: { cookie: session.cookie } });
      expect(view.statusCode).toBe(expected[role]);
      const audit = await app.app.inject({ method: 'GET', url: '/newsroom/audit/', headers: { cookie: session.cookie } });
      expect(audit.statusCode).toBe(expected[role]);
      const nav = await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } });
      expect(nav.body.includes('href="/newsroom/users/"')).toBe(role === 'admin');

      const create = await post(app, '/newsroom/users/', session, { name: `New by ${role}`, email: `new-${role}@news.test`, role: 'author', password: TEST_PASSWORD });
      const changeRole = await post(app, `/newsroom/users/${target.id}/role/`, session, { role: 'editor' });
      const disable = await post(app, `/newsroom/users/${target.id}/disable/`, session, {});
      const rows = await app.database.db.selectFrom('users').selectAll().execute();
      const after = rows.find((row) => row.id === target.id)!;
      if (role === 'admin') {
        expect([create.statusCode, changeRole.statusCode, disable.statusCode]).toEqual([303, 303, 303]);
        expect(rows.some((row) => row.email === `new-${role}@news.test` && row.role === 'author')).toBe(true);
        expect(after.role).toBe('editor');
        expect(after.disabled_at).not.toBeNull();
      } else {
        expect([create.statusCode, changeRole.statusCode, disable.statusCode]).toEqual([403, 403, 403]);
        expect(create.body).toContain('does not allow this');
        expect(rows.some((row) => row.email === `new-${role}@news.test`)).toBe(false);
        expect(after.role).toBe('contributor');
        expect(after.disabled_at).toBeNull();
      }
    });
  }

  it('signed out: the users page and its actions send to sign in', async () => {
    const app = await start();
    const page = await app.app.inject({ method: 'GET', url: '/newsroom/users/' });
    expect(page.statusCode).toBe(303);
    const pre = await preSessionCsrf(app);
    const create = await post(app, '/newsroom/users/', pre, { name: 'X', email: 'x@news.test', role: 'admin', password: TEST_PASSWORD });
    expect(create.statusCode).toBe(303);
    expect(create.headers.location).toContain('/newsroom/sign-in/');
    expect(await app.database.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });
});

describe('user administration', () => {
  it('adds a user who can then sign in, and audits it', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const response = await post(app, '/newsroom/users/', admin, { name: 'Cora Contributor', email: 'cora@news.test', role: 'contributor', password: 'first password 1' });
    expect(response.statusCode).toBe(303);
    const page = await app.app.inject({ method: 'GET', url: response.headers.location as string, headers: { cookie: admin.cookie } });
    expect(page.body).toContain('The user was added.');
    expect(page.body).toContain('cora@news.test');
    await signIn(app, 'cora@news.test', 'first password 1');
    const created = (await listAudit(app.database.db)).find((entry) => entry.action === 'user.created' && entry.detail.email === 'cora@news.test');
    expect(created).toMatchObject({ actorUserId: admin.user.id, detail: { role: 'contributor', via: 'admin' } });
    // The user has a byline of their own name.
    const user = await app.database.db.selectFrom('users').innerJoin('authors', 'authors.id', 'users.author_id').select('authors.name').where('email', '=', 'cora@news.test').executeTakeFirst();
    expect(user?.name).toBe('Cora Contributor');
  });

  it('shows field errors and keeps what was typed; a duplicate email is a field error', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const bad = await post(app, '/newsroom/users/', admin, { name: '', email: 'nope', role: 'chief', password: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="nope"');
    for (const field of ['name', 'email', 'role', 'password']) {
      expect(bad.body).toContain(`id="field-${field}-error"`);
      expect(bad.body).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
    }
    const duplicate = await post(app, '/newsroom/users/', admin, { name: 'Another', email: admin.email.toUpperCase(), role: 'editor', password: TEST_PASSWORD });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('An account with this email address already exists.');
    expect(duplicate.body).toContain('value="Another"');
    expect(duplicate.body).toMatch(/<option value="editor" selected/);
  });

  it('disabling signs the user out and keeps them out; their byline stays; enabling lets them back', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const author = await createSignedInUser(app, 'author');
    expect((await post(app, `/newsroom/users/${author.user.id}/disable/`, admin, {})).statusCode).toBe(303);
    expect((await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: author.cookie } })).statusCode).toBe(303);
    await expect(signIn(app, author.email, author.password)).rejects.toThrow(/failed with 400/);
    const row = await app.database.db.selectFrom('users').selectAll().where('id', '=', author.user.id).executeTakeFirstOrThrow();
    expect(row.author_id).toBe(author.user.authorId);
    expect((await post(app, `/newsroom/users/${author.user.id}/enable/`, admin, {})).statusCode).toBe(303);
    await signIn(app, author.email, author.password);
    const actions = (await listAudit(app.database.db)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('changing a role ends the user’s sessions and is audited; an unknown role is a field error', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const editor = await createSignedInUser(app, 'editor');
    const bad = await post(app, `/newsroom/users/${editor.user.id}/role/`, admin, { role: 'overlord' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`id="role-${editor.user.id}-error"`);
    expect((await post(app, `/newsroom/users/${editor.user.id}/role/`, admin, { role: 'admin' })).statusCode).toBe(303);
    expect((await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: editor.cookie } })).statusCode).toBe(303);
    const changed = (await listAudit(app.database.db)).find((entry) => entry.action === 'user.role_changed');
    expect(changed).toMatchObject({ actorUserId: admin.user.id, subject: `user:${editor.user.id}`, detail: { from: 'editor', to: 'admin' } });
    const audit = await app.app.inject({ method: 'GET', url: '/newsroom/audit/', headers: { cookie: admin.cookie } });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('user.role_changed');
    expect(audit.body).toContain('from: editor · to: admin');
    expect((await app.app.inject({ method: 'GET', url: '/newsroom/audit/', headers: { cookie: editor.cookie } })).statusCode).not.toBe(200);
  });

  it('an admin cannot demote or disable themselves; unknown users are 404', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const demote = await post(app, `/newsroom/users/${admin.user.id}/role/`, admin, { role: 'author' });
    expect(demote.statusCode).toBe(400);
    expect(demote.body).toContain('own account');
    const disable = await post(app, `/newsroom/users/${admin.user.id}/disable/`, admin, {});
    expect(disable.statusCode).toBe(400);
    expect((await post(app, '/newsroom/users/999/disable/', admin, {})).statusCode).toBe(404);
    expect((await post(app, '/newsroom/users/abc/disable/', admin, {})).statusCode).toBe(404);
  });
});

describe('fortune-sky user create', () => {
  function runCli(databaseUrl: string, args: string[], input: string) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', SITE_URL: 'http://news.test' },
      input,
      encoding: 'utf8',
    });
  }

  it('creates a user with the password from standard input, who can then sign in', async () => {
    const app = await start();
    const result = runCli(app.databaseUrl, ['user', 'create', '--email', 'Ed@News.test', '--name', 'Ed Editor', '--role', 'editor'], 'piped password 123\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Created editor Ed Editor <ed@news.test>');
    await signIn(app, 'ed@news.test', 'piped password 123');
    const audit = (await listAudit(app.database.db)).find((entry) => entry.action === 'user.created');
    expect(audit?.detail).toMatchObject({ via: 'cli', role: 'editor' });

    const duplicate = runCli(app.databaseUrl, ['user', 'create', '--email', 'ed@news.test', '--name', 'Ed Again', '--role', 'nobody'], 'x\n');
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain('--role: Choose a role');
    expect(duplicate.stderr).toContain('--password (stdin)');

  });

  it('prints a setup link on an empty newsroom', async () => {
    const app = await start();
    const link = runCli(app.databaseUrl, ['user', 'setup-link'], '');
    expect(link.status).toBe(0);
    const url = /http:\/\/news\.test(\/newsroom\/setup\/\?token=\S+)/.exec(link.stdout)?.[1];
    expect(url).toBeDefined();
    expect((await app.app.inject({ method: 'GET', url: url! })).statusCode).toBe(200);

    await createUser(app, { role: 'admin' });
    const refused = runCli(app.databaseUrl, ['user', 'setup-link'], '');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('has accounts already');
    expect((await app.app.inject({ method: 'GET', url: url! })).statusCode).toBe(404);
  });
});

describe('bad input is never a 500', () => {
  it('odd bodies, repeated fields, huge values and wrong types get 4xx answers', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const pre = await preSessionCsrf(app);
    const huge = 'x'.repeat(100_000);
    const requests = [
      app.app.inject({ method: 'POST', url: '/newsroom/sign-in/', headers: { cookie: pre.cookie, 'x-csrf-token': pre.csrfToken }, payload: { email: 5, password: [] } }),
      app.app.inject({ method: 'POST', url: '/newsroom/sign-in/', headers: formHeaders(pre), payload: `_csrf=${pre.csrfToken}&email=a&email=b&password=${huge}` }),
      app.app.inject({ method: 'POST', url: '/newsroom/sign-in/', headers: formHeaders(pre), payload: `_csrf=${pre.csrfToken}&email=%E0%A4%A&password` }),
      app.app.inject({ method: 'POST', url: '/newsroom/sign-in/', headers: { ...formHeaders(pre), 'content-type': 'text/plain' }, payload: 'hello' }),
      app.app.inject({ method: 'POST', url: '/newsroom/setup/', headers: formHeaders(pre), payload: `_csrf=${pre.csrfToken}` }),
      app.app.inject({ method: 'GET', url: '/newsroom/setup/?token=a&token=b' }),
      app.app.inject({ method: 'GET', url: '/newsroom/sign-in/?next=//evil.test/' }),
      post(app, '/newsroom/users/', admin, { name: huge, email: `${huge}@news.test`, role: 'admin', password: huge }),
      app.app.inject({ method: 'POST', url: '/newsroom/users/', headers: formHeaders(admin), payload: `_csrf=${admin.csrfToken}&name=A&name=B&email=ab%40news.test&role[]=admin&password=long%20enough%20pw` }),
      post(app, `/newsroom/users/${'9'.repeat(30)}/role/`, admin, { role: 'admin' }),
      post(app, `/newsroom/users/${admin.user.id}/role/`, admin, {}),
      app.app.inject({ method: 'POST', url: '/newsroom/users/', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' }, payload: '{"name": ' }),
    ];
    for (const response of await Promise.all(requests)) {
      expect(response.statusCode, response.body.slice(0, 200)).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, response.body.slice(0, 200)).toBeLessThan(500);
    }
    // Newsroom pages take forms only: any other body is refused before it is read, with a message.
    for (const type of ['application/json', 'text/plain']) {
      const refused = await app.app.inject({ method: 'POST', url: '/newsroom/users/', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': type }, payload: '{"name": "A"}' });
      expect(refused.statusCode).toBe(415);
      expect(visibleLines(refused.body).join(' ')).toContain('Newsroom pages take forms only');
    }
    const redirect = await app.app.inject({ method: 'GET', url: '/newsroom/sign-in/?next=//evil.test/' });
    expect(redirect.body).toContain('name="next" value="/newsroom/"');
  });
});
