/**
 * Self-service accounts (issue 14, item 6): changing one's own password, one-time reset links an
 * admin issues, signing out everywhere (across two instances on one database) and the byline
 * profile shown on the author page.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { listAudit, RESET_TOKEN_TTL_MS } from '../../src/newsroom/index.js';
import { buildApp, type App } from '../../src/server.js';
import { uploadTestImage } from '../support/media.js';
import {
  cookieFrom,
  createSignedInUser,
  createTestClock,
  createUser,
  formBody,
  formHeaders,
  preSessionCsrf,
  signIn,
  type TestClock,
  type TestSession,
} from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, stopBackgroundWriters, type TestApp } from '../support/test-app.js';

let testApp: TestApp | undefined;
let clock: TestClock;
const closers: (() => Promise<void>)[] = [];

async function start(options: { logs?: string[] } = {}): Promise<TestApp> {
  clock = createTestClock('2026-01-05T09:00:00.000Z');
  const logStream = options.logs && { write: (line: string) => void options.logs!.push(line) };
  testApp = await createTestApp(options.logs ? { LOG_LEVEL: 'info' } : {}, { clock, logStream });
  return testApp;
}

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await testApp?.close();
  testApp = undefined;
});

function post(app: App, session: TestSession, url: string, fields: Record<string, string> = {}) {
  return app.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
}

async function isSignedIn(app: App, session: TestSession): Promise<boolean> {
  return (await app.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie: session.cookie } })).statusCode === 200;
}

async function canSignIn(app: TestApp, email: string, password: string): Promise<boolean> {
  return signIn(app, email, password).then(
    () => true,
    () => false,
  );
}

async function auditActions(app: TestApp): Promise<string[]> {
  return (await listAudit(app.database.db)).map((entry) => entry.action);
}

const NEW_PASSWORD = 'a brand new password 42';

describe('changing your own password', () => {
  test('needs the current password; signs out the other sessions and keeps this one', async () => {
    const app = await start();
    const { email, password } = await createUser(app, { role: 'author' });
    const here = await signIn(app, email, password);
    const elsewhere = await signIn(app, email, password);

    const page = await app.app.inject({ method: 'GET', url: '/newsroom/account/', headers: { cookie: here.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Change your password');

    const wrong = await post(app, here, '/newsroom/account/password/', { currentPassword: 'not my password', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('That is not your current password.');
    expect(wrong.body).toMatch(/id="password-currentPassword"[^>]*aria-invalid="true"/);
    expect(await isSignedIn(app, elsewhere)).toBe(true);

    const differ = await post(app, here, '/newsroom/account/password/', { currentPassword: password, password: NEW_PASSWORD, passwordConfirm: 'something else entirely' });
    expect(differ.statusCode).toBe(400);
    expect(differ.body).toContain('The two passwords differ');
    const short = await post(app, here, '/newsroom/account/password/', { currentPassword: password, password: 'short', passwordConfirm: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Use a password of at least 10 characters.');

    const changed = await post(app, here, '/newsroom/account/password/', { currentPassword: password, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/newsroom/account/?done=password');
    expect(await isSignedIn(app, here)).toBe(true);
    expect(await isSignedIn(app, elsewhere)).toBe(false);
    expect(await canSignIn(app, email, password)).toBe(false);
    expect(await canSignIn(app, email, NEW_PASSWORD)).toBe(true);
    expect(await auditActions(app)).toEqual(expect.arrayContaining(['user.password_change_failed', 'user.password_changed']));
  });

  test('wrong current passwords are limited like sign-ins (429), and a password past the length limit is refused without hashing it', async () => {
    const app = await start();
    const session = await createSignedInUser(app, 'contributor');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await post(app, session, '/newsroom/account/password/', { currentPassword: 'x'.repeat(attempt === 0 ? 100_000 : 12), password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    // The limit is on the guesses, not the account: a minute later the right password works.
    clock.advance(61_000);
    const right = await post(app, session, '/newsroom/account/password/', { currentPassword: session.password, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(right.statusCode).toBe(303);
  });
});

/** The reset link on an admin's answer. */
function resetLinkIn(html: string): string {
  const link = /<code class="nr-secret">([^<]+)<\/code>/.exec(html)?.[1];
  if (!link) throw new Error('The answer shows no reset link.');
  return new URL(link.replaceAll('&amp;', '&')).pathname + new URL(link.replaceAll('&amp;', '&')).search;
}

async function issueLink(app: TestApp, admin: TestSession, userId: number): Promise<string> {
  const response = await post(app, admin, `/newsroom/users/${userId}/reset-link/`);
  expect(response.statusCode).toBe(200);
  return resetLinkIn(response.body);
}

function useLink(app: TestApp, pre: { cookie: string; csrfToken: string }, link: string, password = NEW_PASSWORD) {
  const token = new URLSearchParams(link.split('?')[1]).get('token')!;
  return app.app.inject({ method: 'POST', url: '/newsroom/reset/', headers: formHeaders(pre), payload: formBody({ _csrf: pre.csrfToken, token, password, passwordConfirm: password }) });
}

describe('password reset links', () => {
  test('an admin issues one; it sets a new password once, signs every session out, and never reaches the log', async () => {
    const logs: string[] = [];
    const app = await start({ logs });
    const admin = await createSignedInUser(app, 'admin');
    const { user, email, password } = await createUser(app, { role: 'author' });
    const session = await signIn(app, email, password);

    const userPage = await app.app.inject({ method: 'GET', url: `/newsroom/users/${user.id}/`, headers: { cookie: admin.cookie } });
    expect(userPage.statusCode).toBe(200);
    expect(userPage.body).toContain('Issue a reset link');
    const link = await issueLink(app, admin, user.id);
    expect(link).toMatch(/^\/newsroom\/reset\/\?token=[A-Za-z0-9_-]{43}$/);
    const token = link.split('token=')[1]!;
    const stored = await app.database.db.selectFrom('password_reset_tokens').selectAll().execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    const pre = await preSessionCsrf(app, link);
    expect(pre.body).toContain('Choose a new password');
    const mismatch = await app.app.inject({ method: 'POST', url: '/newsroom/reset/', headers: formHeaders(pre), payload: formBody({ _csrf: pre.csrfToken, token, password: NEW_PASSWORD, passwordConfirm: 'not the same one' }) });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('The two passwords differ');

    const reset = await useLink(app, pre, link);
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/newsroom/sign-in/?reset');
    expect(await isSignedIn(app, session)).toBe(false);
    expect(await canSignIn(app, email, password)).toBe(false);
    expect(await canSignIn(app, email, NEW_PASSWORD)).toBe(true);
    expect((await useLink(app, pre, link, 'yet another password')).statusCode).toBe(404);
    expect((await app.app.inject({ method: 'GET', url: link })).statusCode).toBe(404);
    expect(await auditActions(app)).toEqual(expect.arrayContaining(['user.reset_link_issued', 'user.password_reset']));
    expect(logs.some((line) => line.includes('/newsroom/reset/'))).toBe(true);
    expect(logs.filter((line) => line.includes(token))).toEqual([]);
  });

  test('two uses at once: one sets the password, the other is refused', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const { user, email } = await createUser(app, { role: 'editor' });
    const link = await issueLink(app, admin, user.id);
    const [first, second] = [await preSessionCsrf(app, link), await preSessionCsrf(app, link)];
    const answers = await Promise.all([useLink(app, first, link, 'first racing password'), useLink(app, second, link, 'second racing password')]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([303, 404]);
    const winner = answers[0]!.statusCode === 303 ? 'first racing password' : 'second racing password';
    const loser = winner.startsWith('first') ? 'second racing password' : 'first racing password';
    expect(await canSignIn(app, email, loser)).toBe(false);
    expect(await canSignIn(app, email, winner)).toBe(true);
    expect((await listAudit(app.database.db)).filter((entry) => entry.action === 'user.password_reset')).toHaveLength(1);
  });

  test('a link expires after 24 hours, and a newer link replaces an older one', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const { user, email } = await createUser(app, { role: 'author' });
    const old = await issueLink(app, admin, user.id);
    const newer = await issueLink(app, admin, user.id);
    expect((await app.app.inject({ method: 'GET', url: old })).statusCode).toBe(404);
    expect((await app.app.inject({ method: 'GET', url: newer })).statusCode).toBe(200);

    clock.advance(RESET_TOKEN_TTL_MS);
    const expired = await app.app.inject({ method: 'GET', url: newer });
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain('This password reset link is not valid');
    const pre = await preSessionCsrf(app);
    expect((await useLink(app, pre, newer)).statusCode).toBe(404);
    expect(await canSignIn(app, email, NEW_PASSWORD)).toBe(false);
  });

  test('only admins issue links, and not for disabled accounts', async () => {
    const app = await start();
    const editor = await createSignedInUser(app, 'editor');
    const admin = await createSignedInUser(app, 'admin');
    const { user } = await createUser(app, { role: 'author' });
    expect((await post(app, editor, `/newsroom/users/${user.id}/reset-link/`)).statusCode).toBe(403);
    expect(await app.database.db.selectFrom('password_reset_tokens').selectAll().execute()).toEqual([]);
    expect((await post(app, admin, `/newsroom/users/${user.id}/disable/`)).statusCode).toBe(303);
    const refused = await post(app, admin, `/newsroom/users/${user.id}/reset-link/`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('enable it first');
    expect((await post(app, admin, '/newsroom/users/999999/reset-link/')).statusCode).toBe(404);
  });
});

describe('signing out everywhere', () => {
  test('ends every session of the user on both instances of one database, this one too', async () => {
    const app = await start();
    const database = await openReadyDatabase(app.config);
    const other = await buildApp({ config: app.config, database, clock });
    closers.push(async () => database.close(), async () => other.app.close());
    await stopBackgroundWriters(app);
    await stopBackgroundWriters(other);

    const { email, password } = await createUser(app, { role: 'author' });
    const onA = await signIn(app, email, password);
    const onB = await signIn(app, email, password);
    const bystander = await createSignedInUser(app, 'author');
    expect(await isSignedIn(other, onB)).toBe(true);

    const response = await post(other, onB, '/newsroom/account/sign-out-everywhere/');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/newsroom/sign-in/?signedOut');
    expect(cookieFrom(response.headers['set-cookie'], 'fs_session')).toBe('fs_session=');
    for (const instance of [app, other]) {
      expect(await isSignedIn(instance, onA)).toBe(false);
      expect(await isSignedIn(instance, onB)).toBe(false);
      expect(await isSignedIn(instance, bystander)).toBe(true);
    }
    expect(await auditActions(app)).toContain('session.signed_out_everywhere');
  });

  test('an admin signs a user out everywhere from their page', async () => {
    const app = await start();
    const admin = await createSignedInUser(app, 'admin');
    const target = await createSignedInUser(app, 'editor');
    expect((await post(app, target, `/newsroom/users/${admin.user.id}/sign-out/`)).statusCode).toBe(403);
    const response = await post(app, admin, `/newsroom/users/${target.user.id}/sign-out/`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/newsroom/users/${target.user.id}/?done=signed-out`);
    expect(await isSignedIn(app, target)).toBe(false);
    expect(await isSignedIn(app, admin)).toBe(true);
  });
});

describe('byline profile', () => {
  const uploadPhoto = (app: TestApp, session: TestSession) => uploadTestImage(app, session, { alt: 'A portrait' });

  test('the bio and photo show on the author page (escaped, the name as alt text), which is purged when they change', async () => {
    const app = await start();
    const writer = await createSignedInUser(app, 'author');
    const name = writer.user.name;
    const slug = (await app.database.db.selectFrom('authors').select('slug').where('id', '=', writer.user.authorId!).executeTakeFirstOrThrow()).slug;
    await createArticles(app, [articleInput({ title: 'A story with a profile byline', bylines: [name] })]);
    const authorPage = `/author/${slug}/`;
    const before = await app.app.inject({ method: 'GET', url: authorPage });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain(`Stories by ${name}.`);
    expect(before.body).not.toContain('<div class="author-intro">');

    const photo = await uploadPhoto(app, writer);
    const account = await app.app.inject({ method: 'GET', url: '/newsroom/account/', headers: { cookie: writer.cookie } });
    expect(account.body).toContain(`<option value="${photo}">A portrait (image ${photo})</option>`);
    const saved = await post(app, writer, '/newsroom/account/profile/', { name, bio: 'Covers  <b>rates</b> &\n bonds.', photo: String(photo) });
    expect(saved.statusCode).toBe(303);
    const after = await app.app.inject({ method: 'GET', url: authorPage });
    expect(after.body).toContain('Covers &lt;b>rates&lt;/b> &amp; bonds.');
    expect(after.body).toMatch(new RegExp(`<div class="author-intro"><picture>.*<img [^>]*alt="${name}"`));
    expect(await auditActions(app)).toContain('user.profile_updated');

    // Without a photo the page is as before, with the bio.
    expect((await post(app, writer, '/newsroom/account/profile/', { name, bio: 'Covers bonds.', photo: '' })).statusCode).toBe(303);
    const plain = await app.app.inject({ method: 'GET', url: authorPage });
    expect(plain.body).not.toContain('<div class="author-intro">');
    expect(plain.body).toContain('<p class="page-intro">Covers bonds.</p>');
  });

  test('a new byline name shows on the stories carrying it; bad input is a 400 that keeps what was typed', async () => {
    const app = await start();
    const writer = await createSignedInUser(app, 'author');
    await createArticles(app, [articleInput({ title: 'Renamed byline story', bylines: [writer.user.name] })]);
    const article = await app.database.db.selectFrom('articles').select(['url_date', 'slug']).executeTakeFirstOrThrow();
    const articlePath = `/${article.url_date!.replaceAll('-', '/')}/${article.slug}/`;
    expect((await app.app.inject({ method: 'GET', url: articlePath })).body).toContain(writer.user.name);

    const tooLong = await post(app, writer, '/newsroom/account/profile/', { name: 'Mara Quill', bio: 'b'.repeat(1001), photo: '' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('Use a biography of at most 1000 characters.');
    expect(tooLong.body).toContain('value="Mara Quill"');
    expect((await post(app, writer, '/newsroom/account/profile/', { name: '   ', bio: '', photo: '' })).statusCode).toBe(400);
    const unknownPhoto = await post(app, writer, '/newsroom/account/profile/', { name: 'Mara Quill', bio: '', photo: '424242' });
    expect(unknownPhoto.statusCode).toBe(400);
    expect(unknownPhoto.body).toContain('Choose a photo from the media library, or none.');

    expect((await post(app, writer, '/newsroom/account/profile/', { name: 'Mara Quill', bio: '', photo: '' })).statusCode).toBe(303);
    const renamed = await app.app.inject({ method: 'GET', url: articlePath });
    expect(renamed.body).toContain('Mara Quill');
    expect(renamed.body).not.toContain(writer.user.name);
  });
});
