import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { buildApp, type App } from '../../src/server.js';
import type { Database } from '../../src/storage/index.js';
import { createSignedInUser, createTestClock, formBody, formHeaders, type TestClock } from '../support/newsroom.js';
import { createTestApp, stopBackgroundWriters, type TestApp } from '../support/test-app.js';

// API keys and rate limits with two server processes' apps on one database, as behind a load
// balancer: both count into the same windows and both see a revoke at once. The two apps are made
// once (the second takes seconds to open its SQLite connection beside the first); each test uses
// addresses and keys of its own, so their counts never meet.

const PER_ADDRESS = 5;
const PER_KEY = 8;

let first: TestApp;
let second: TestApp;
let secondApp: App;
let secondDatabase: Database;
let clock: TestClock;

beforeAll(async () => {
  clock = createTestClock('2026-01-05T09:00:00.000Z');
  first = await createTestApp({ API_RATE_LIMIT: String(PER_ADDRESS), API_KEY_RATE_LIMIT: String(PER_KEY) }, { clock });
  // Two apps on one SQLite file in one process: neither may write in the background (see stopBackgroundWriters).
  await stopBackgroundWriters(first);
  secondDatabase = await openReadyDatabase(first.config);
  secondApp = await buildApp({ config: first.config, database: secondDatabase, clock });
  await stopBackgroundWriters(secondApp);
  second = { ...secondApp, config: first.config, database: secondDatabase, databaseUrl: first.databaseUrl, close: async () => {} };
});
afterAll(async () => {
  await secondApp.app.close();
  await secondDatabase.close();
  await first.close();
});

/** Seconds until the clock's current minute ends: what Retry-After says once a limit is reached. */
function secondsLeftInMinute(): number {
  return 60 - clock.now().getUTCSeconds();
}

function read(site: TestApp, { key, address, url = '/api/v1/sections' }: { key?: string; address?: string; url?: string }) {
  return site.app.inject({ url, remoteAddress: address, headers: key ? { authorization: `Bearer ${key}` } : {} });
}

/** Issues a key through the newsroom's page, as an admin does; returns the secret the page shows once. */
async function issueKeyThroughNewsroom(site: TestApp, name: string): Promise<{ secret: string; page: string }> {
  const admin = await createSignedInUser(site, 'admin');
  const response = await site.app.inject({ method: 'POST', url: '/newsroom/api-keys/', headers: formHeaders(admin), payload: formBody({ _csrf: admin.csrfToken, name }) });
  expect(response.statusCode).toBe(201);
  const secret = /value="(fsk_[A-Za-z0-9_-]{43})"/.exec(response.body)?.[1];
  expect(secret).toBeDefined();
  return { secret: secret!, page: response.body };
}

describe('rate limits shared through the database', () => {
  test('anonymous requests from one address: the limit holds across both instances, then lifts in the next minute', async () => {
    const address = '198.51.100.7';
    const remaining: string[] = [];
    for (let i = 0; i < PER_ADDRESS; i += 1) {
      const response = await read(i % 2 ? second : first, { address });
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe(String(PER_ADDRESS));
      remaining.push(String(response.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    for (const site of [first, second]) {
      const refused = await read(site, { address });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(refused.headers['retry-after']).toBe(String(secondsLeftInMinute()));
      expect(refused.headers['ratelimit-remaining']).toBe('0');
      expect(JSON.parse(refused.body)).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'http://news.test/api/docs/#RATE_LIMITED' });
    }
    // Another address has its own count; the document and the reference are not counted.
    expect((await read(second, { address: '203.0.113.9' })).statusCode).toBe(200);
    expect((await read(first, { address, url: '/api/v1/openapi.json' })).statusCode).toBe(200);
    expect((await read(first, { address, url: '/api/docs/' })).statusCode).toBe(200);

    clock.advance(20_000);
    expect((await read(first, { address })).headers['retry-after']).toBe(String(secondsLeftInMinute()));
    clock.advance(secondsLeftInMinute() * 1000);
    const nextMinute = await read(second, { address });
    expect(nextMinute.statusCode).toBe(200);
    expect(nextMinute.headers['ratelimit-remaining']).toBe(String(PER_ADDRESS - 1));
  });

  test('a key has its own, higher limit, counted across both instances whatever the address', async () => {
    const { secret } = await issueKeyThroughNewsroom(first, 'Partner app');
    for (let i = 0; i < PER_KEY; i += 1) {
      const response = await read(i % 2 ? first : second, { key: secret, address: `198.51.100.${i + 101}` });
      expect(response.statusCode, `request ${i + 1}`).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe(String(PER_KEY));
    }
    const refused = await read(first, { key: secret, address: '198.51.100.120' });
    expect(refused.statusCode).toBe(429);
    expect(JSON.parse(refused.body).detail).toContain('This API key');
    // The same addresses, without the key, are counted apart.
    expect((await read(second, { address: '198.51.100.101' })).statusCode).toBe(200);
  });
});

describe('API keys', () => {
  test('issued in the newsroom: shown once, stored as a hash, listed by prefix, audited', async () => {
    const { secret, page } = await issueKeyThroughNewsroom(first, 'Newsletter robot');
    expect(page).toContain('it is not stored and will not be shown again');
    const row = await first.database.db.selectFrom('api_keys').selectAll().where('name', '=', 'Newsletter robot').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Newsletter robot', prefix: secret.slice(0, 12), revoked_at: null });
    expect(JSON.stringify(row)).not.toContain(secret);
    const admin = await createSignedInUser(first, 'admin');
    const list = await first.app.inject({ url: '/newsroom/api-keys/', headers: formHeaders(admin) });
    expect(list.body).toContain('Newsletter robot');
    expect(list.body).toContain(`${secret.slice(0, 12)}…`);
    expect(list.body).not.toContain(secret);
    const audit = await first.database.db.selectFrom('audit_log').select(['action', 'subject']).where('subject', '=', `api_key:${row.id}`).execute();
    expect(audit).toEqual([{ action: 'api_key.issued', subject: `api_key:${row.id}` }]);
    const used = await read(second, { key: secret, address: '198.51.100.200' });
    expect(used.statusCode).toBe(200);
    expect(used.headers['ratelimit-limit']).toBe(String(PER_KEY));
  });

  test('a name is required; other roles may not issue', async () => {
    const admin = await createSignedInUser(first, 'admin');
    const empty = await first.app.inject({ method: 'POST', url: '/newsroom/api-keys/', headers: formHeaders(admin), payload: formBody({ _csrf: admin.csrfToken, name: '  ' }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Say who or what the key is for.');
    const editor = await createSignedInUser(first, 'editor');
    const refused = await first.app.inject({ method: 'POST', url: '/newsroom/api-keys/', headers: formHeaders(editor), payload: formBody({ _csrf: editor.csrfToken, name: 'Sneaky' }) });
    expect(refused.statusCode).toBe(403);
    expect(await first.database.db.selectFrom('api_keys').select('id').where('name', '=', 'Sneaky').execute()).toEqual([]);
  });

  test('a revoke through one instance refuses the key on the other at once', async () => {
    const { secret } = await issueKeyThroughNewsroom(first, 'Leaky partner');
    expect((await read(second, { key: secret, address: '198.51.100.210' })).statusCode).toBe(200);
    const admin = await createSignedInUser(first, 'admin');
    const keyId = (await first.database.db.selectFrom('api_keys').select('id').where('name', '=', 'Leaky partner').executeTakeFirstOrThrow()).id;
    const revoke = await first.app.inject({ method: 'POST', url: `/newsroom/api-keys/${keyId}/revoke/`, headers: formHeaders(admin), payload: formBody({ _csrf: admin.csrfToken }) });
    expect(revoke.statusCode).toBe(303);

    for (const site of [second, first]) {
      const refused = await read(site, { key: secret, address: '198.51.100.210' });
      expect(refused.statusCode).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'API_KEY_REVOKED', status: 403 });
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
    }
    // Revoking again changes nothing and records nothing more.
    await first.app.inject({ method: 'POST', url: `/newsroom/api-keys/${keyId}/revoke/`, headers: formHeaders(admin), payload: formBody({ _csrf: admin.csrfToken }) });
    const audit = await first.database.db.selectFrom('audit_log').select('action').where('subject', '=', `api_key:${keyId}`).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['api_key.issued', 'api_key.revoked']);
    const list = await first.app.inject({ url: '/newsroom/api-keys/', headers: formHeaders(admin) });
    expect(list.body).toContain('Revoked');
    expect(list.body).not.toContain('Revoke the key for Leaky partner');
  });
});
