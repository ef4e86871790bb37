import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { issueApiKey } from '../../src/newsroom/api-keys/index.js';
import { insertTestInstrument } from '../support/instruments.js';
import { createSignedInUser, createTestClock, formBody, formHeaders } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// POST /api/v1/markets/quotes through HTTP on a fresh database: who may push, what a batch stores,
// what it refuses and how it says so.

let site: TestApp;
let marketsKey: string;
let readKey: string;
const clock = createTestClock('2026-05-01T20:00:00.000Z');

beforeAll(async () => {
  site = await createTestApp({ API_KEY_RATE_LIMIT: '10000' }, { clock });
  await insertTestInstrument(site.database.db, { symbol: 'HALD' });
  await insertTestInstrument(site.database.db, { symbol: 'US10Y', mic: null, kind: 'rate' });
  marketsKey = (await issueApiKey(site.database.db, { name: 'Vendor feed', pushQuotes: 'on' }, { actorUserId: null, now: clock.now() })).secret;
  readKey = (await issueApiKey(site.database.db, { name: 'Reader app' }, { actorUserId: null, now: clock.now() })).secret;
});
afterAll(() => site.close());

function push(body: unknown, key: string | null = marketsKey) {
  return site.app.inject({
    method: 'POST',
    url: '/api/v1/markets/quotes',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function storedTicks() {
  return site.database.db.selectFrom('quote_ticks').select(['at', 'price', 'source', 'delay_minutes']).orderBy('at').execute();
}

describe('who may push quotes', () => {
  test('no key is a 401 problem with a bearer challenge; a read-only key is a 403 naming the missing scope; nothing is stored', async () => {
    const batch = { quotes: [{ symbol: 'HALD', time: '2026-05-01T19:00:00Z', price: 42 }] };
    const anonymous = await push(batch, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(anonymous.headers['www-authenticate']).toContain('Bearer');
    expect(JSON.parse(anonymous.body)).toMatchObject({ status: 401, code: 'API_KEY_REQUIRED' });
    const readOnly = await push(batch, readKey);
    expect(readOnly.statusCode).toBe(403);
    expect(JSON.parse(readOnly.body)).toMatchObject({ code: 'API_KEY_SCOPE', detail: expect.stringContaining('Push market quotes') });
    expect(await storedTicks()).toEqual([]);
  });

  test('an admin issues a pushing key by ticking "Push market quotes", and the list shows what each key may do', async () => {
    const admin = await createSignedInUser(site, 'admin');
    const issued = await site.app.inject({ method: 'POST', url: '/newsroom/api-keys/', headers: formHeaders(admin), payload: formBody({ _csrf: admin.csrfToken, name: 'Quote robot', pushQuotes: 'on' }) });
    expect(issued.statusCode).toBe(201);
    const secret = /value="(fsk_[A-Za-z0-9_-]{43})"/.exec(issued.body)![1]!;
    const row = await site.database.db.selectFrom('api_keys').select('scopes').where('name', '=', 'Quote robot').executeTakeFirstOrThrow();
    expect(row.scopes).toBe('read markets:write');
    const list = await site.app.inject({ url: '/newsroom/api-keys/', headers: formHeaders(admin) });
    expect(list.body).toMatch(/Quote robot<\/td><td><code>[^<]+<\/code><\/td><td>Read the Content API, Push market quotes<\/td>/);
    expect(list.body).toMatch(/Reader app<\/td><td><code>[^<]+<\/code><\/td><td>Read the Content API<\/td>/);
    const pushed = await push({ quotes: [{ symbol: 'HALD', time: '2026-05-01T10:00:00Z', price: 40 }] }, secret);
    expect(pushed.statusCode).toBe(200);
  });
});

describe('a batch', () => {
  test('stores the good quotes, reports the bad ones by index, and stores nothing twice when sent again', async () => {
    const batch = {
      quotes: [
        { symbol: 'HALD', time: '2026-05-01T19:00:00Z', price: 42.5, volume: 1200, delayMinutes: 15 },
        { symbol: 'NOPE', time: '2026-05-01T19:00:00Z', price: 1 },
        { symbol: 'HALD', time: '2026-05-01T21:00:00Z', price: 42 },
        { symbol: 'US10Y', time: '2026-05-01T15:30:00-04:00', price: -0.25, delayMinutes: null },
        { symbol: 'HALD', time: '2026-05-01T19:01:00Z', price: 420 },
      ],
    };
    const first = await push(batch);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const report = JSON.parse(first.body);
    expect(report.stored).toBe(2);
    expect(report.alreadyStored).toBe(0);
    expect(report.refused.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [1, 'symbol'],
      [2, 'time'],
      [4, 'price'],
    ]);
    expect(report.refused[2].reason).toContain('42.5 to 420');
    const again = JSON.parse((await push(batch)).body);
    expect([again.stored, again.alreadyStored, again.refused.length]).toEqual([0, 2, 3]);
    const ticks = await storedTicks();
    expect(ticks.filter((tick) => tick.at >= '2026-05-01T19:00:00.000Z')).toEqual([
      { at: '2026-05-01T19:00:00.000Z', price: 42.5, source: 'api:Vendor feed', delay_minutes: 15 },
      { at: '2026-05-01T19:30:00.000Z', price: -0.25, source: 'api:Vendor feed', delay_minutes: null },
    ]);
  });

  test('a batch of the wrong shape is a 400 naming each problem, and nothing of it is stored', async () => {
    const before = (await storedTicks()).length;
    const response = await push({ quotes: [{ symbol: 'HALD', time: '2026-05-01T19:30:00Z', price: 43 }, { symbol: 'HALD', time: '2026-05-01T19:31:00Z', price: 'high' }] });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'INVALID_REQUEST', errors: [{ name: 'quotes.1.price' }] });
    expect((await push({ quotes: [] })).statusCode).toBe(400);
    expect((await push('{"quotes": [')).statusCode).toBe(400);
    expect((await storedTicks()).length).toBe(before);
  });

  test('more than 1,000 quotes is a 400; a body over the limit is a 413 problem', async () => {
    const many = Array.from({ length: 1001 }, (_, n) => ({ symbol: 'HALD', time: new Date(Date.parse('2026-05-01T12:00:00Z') + n * 1000).toISOString(), price: 42 }));
    const tooMany = await push({ quotes: many });
    expect(tooMany.statusCode).toBe(400);
    expect(JSON.parse(tooMany.body).errors[0].name).toBe('quotes');
    const huge = await push({ quotes: [{ symbol: 'HALD', time: '2026-05-01T19:00:00Z', price: 42, padding: 'x'.repeat(600 * 1024) }] });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});
