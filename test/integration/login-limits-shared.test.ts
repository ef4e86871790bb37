import { afterEach, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { buildApp, type App } from '../../src/server.js';
import type { Database } from '../../src/storage/index.js';
import { createTestClock, createUser, formBody, formHeaders, preSessionCsrf } from '../support/newsroom.js';
import { createTestApp, stopBackgroundWriters, type TestApp } from '../support/test-app.js';

let first: TestApp;
let secondApp: App;
let secondDatabase: Database;
afterEach(async () => {
  await secondApp.app.close();
  await secondDatabase.close();
  await first.close();
});

async function attempt(site: TestApp, email: string, password: string) {
  const pre = await preSessionCsrf(site);
  return site.app.inject({ method: 'POST', url: '/newsroom/sign-in/', remoteAddress: '198.51.100.23', headers: formHeaders(pre), payload: formBody({ _csrf: pre.csrfToken, email, password }) });
}

// Sign-in limits live in the database: a guesser spreading attempts over two server processes
// (behind one load balancer) gets no more tries than against one.
test('two servers on one database share the sign-in limits', async () => {
  const clock = createTestClock();
  first = await createTestApp({}, { clock });
  // Two apps on one SQLite file in one process: neither may write in the background (see stopBackgroundWriters).
  await stopBackgroundWriters(first);
  secondDatabase = await openReadyDatabase(first.config);
  secondApp = await buildApp({ config: first.config, database: secondDatabase, clock });
  await stopBackgroundWriters(secondApp);
  const second: TestApp = { ...secondApp, config: first.config, database: secondDatabase, databaseUrl: first.databaseUrl, close: async () => {} };
  const { email, password } = await createUser(first, { role: 'author' });

  for (let i = 0; i < 5; i += 1) {
    expect((await attempt(first, email, 'wrong password')).statusCode).toBe(400);
    expect((await attempt(second, email, 'wrong password')).statusCode).toBe(400);
  }
  for (const site of [first, second]) {
    const limited = await attempt(site, email, password);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many failed sign-ins');
  }
  clock.advance(60_001);
  expect((await attempt(second, email, password)).statusCode).toBe(303);
});
