/**
 * Newsroom test helpers, for app.inject() calls against a TestApp.
 *
 *   const clock = createTestClock('2026-01-05T09:00:00Z');   // advance with clock.advance(ms)
 *   const testApp = await createTestApp({}, { clock });
 *   const { email, password } = await createUser(testApp, { role: 'editor' });
 *   const session = await signIn(testApp, email, password);   // { cookie, csrfToken }
 *   await testApp.app.inject({ method: 'POST', url: '/newsroom/…', headers: { cookie: session.cookie },
 *     payload: formBody({ _csrf: session.csrfToken, title: '…' }) });
 *   // JSON: headers { cookie: session.cookie, 'x-csrf-token': session.csrfToken }
 *
 * createUser goes through the same service the users page uses (scrypt hash, byline author,
 * audit row); signIn goes through the real sign-in form, so it counts against nothing unless the
 * password is wrong (it throws then).
 */
import { createUser as createUserAccount, type Role, type UserAccount } from '../../src/newsroom/index.js';
import type { Clock } from '../../src/clock.js';
import type { TestApp } from './test-app.js';

/** A clock tests move by hand. */
export interface TestClock extends Clock {
  set(time: string | Date): void;
  advance(ms: number): void;
}

/** A clock standing at `start` until moved. */
export function createTestClock(start: string | Date = '2026-01-05T09:00:00.000Z'): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (time) => {
      current = new Date(time);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A signed-in browser, as headers for app.inject. */
export interface TestSession {
  /** `fs_session=…`, for the cookie header. */
  cookie: string;
  /** The session's CSRF token: form field `_csrf` or header `x-csrf-token`. */
  csrfToken: string;
}

let sequence = 0;

/** The default password of createUser. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates an account (email and name made unique unless given); returns it with its password. */
export async function createUser(
  testApp: TestApp,
  { role, email, name, password = TEST_PASSWORD }: { role: Role; email?: string; name?: string; password?: string },
): Promise<{ user: UserAccount; email: string; password: string }> {
  sequence += 1;
  const chosenEmail = email ?? `${role}${sequence}@news.test`;
  const user = await createUserAccount(
    testApp.database.db,
    { email: chosenEmail, name: name ?? `Test ${role[0]!.toUpperCase()}${role.slice(1)} ${sequence}`, role, password },
    { actorUserId: null, now: new Date(), via: 'test' },
  );
  return { user, email: chosenEmail, password };
}

/** The `name=value` of a Set-Cookie header for one cookie, or undefined. */
export function cookieFrom(setCookie: string | string[] | undefined, name: string): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = headers.find((header) => header.startsWith(`${name}=`));
  return found?.split(';')[0];
}

/** A urlencoded form body. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** The headers of a urlencoded form post. */
export function formHeaders(session: Pick<TestSession, 'cookie'> | { cookie: string }): Record<string, string> {
  return { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' };
}

/** The CSRF token a newsroom page carries in <meta name="csrf-token">. */
export function csrfTokenIn(html: string): string {
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('The page has no csrf-token meta element.');
  return token;
}

/** A pre-session CSRF pair (cookie + token) as the sign-in page hands one out. */
export async function preSessionCsrf(testApp: TestApp, url = '/newsroom/sign-in/'): Promise<{ cookie: string; csrfToken: string; body: string }> {
  const response = await testApp.app.inject({ method: 'GET', url });
  const cookie = cookieFrom(response.headers['set-cookie'], 'fs_csrf');
  if (!cookie) throw new Error(`GET ${url} set no fs_csrf cookie (status ${response.statusCode}).`);
  return { cookie, csrfToken: cookie.slice('fs_csrf='.length), body: response.body };
}

/** Signs in through the sign-in form; throws unless it succeeds. */
export async function signIn(testApp: TestApp, email: string, password: string): Promise<TestSession> {
  const pre = await preSessionCsrf(testApp);
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/newsroom/sign-in/',
    headers: formHeaders(pre),
    payload: formBody({ _csrf: pre.csrfToken, email, password }),
  });
  const cookie = cookieFrom(response.headers['set-cookie'], 'fs_session');
  if (response.statusCode !== 303 || !cookie) throw new Error(`Sign-in as ${email} failed with ${response.statusCode}: ${response.body.slice(0, 300)}`);
  const dashboard = await testApp.app.inject({ method: 'GET', url: '/newsroom/', headers: { cookie } });
  return { cookie, csrfToken: csrfTokenIn(dashboard.body) };
}

/** Creates a user with the role and signs them in. */
export async function createSignedInUser(testApp: TestApp, role: Role): Promise<TestSession & { user: UserAccount; email: string; password: string }> {
  const account = await createUser(testApp, { role });
  return { ...account, ...(await signIn(testApp, account.email, account.password)) };
}
