/**
 * Coalesced purges of quote pages (issue 13: "at most one purge of a quote page per few seconds
 * however fast quotes arrive"): a hundred quote batches in a second purge the cached quote page at
 * most twice (the first batch at once, the rest together when its 5-second window closes) and send
 * the edge at most one PURGE of the quote pages' shared key, not one per batch; the page shows the
 * last price within the window. On the real clock: the windows are timers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { QUOTE_PURGE_WINDOW_MS } from '../../src/markets/cache-keys.js';
import { storeQuotes } from '../../src/markets/quotes/index.js';
import { insertTestInstrument } from '../support/instruments.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let edge: Server;
const edgePurges: string[] = [];
const PAGE = '/markets/quote/COIN/';

beforeAll(async () => {
  // Stands where the edge cache would: records each PURGE's keys (the real Varnish is edge-cache.test.ts).
  edge = createServer((request, response) => {
    edgePurges.push(String(request.headers.xkey));
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => edge.listen(0, '127.0.0.1', resolve));
  site = await createTestApp({ EDGE_PURGE_URL: `http://127.0.0.1:${(edge.address() as AddressInfo).port}/` });
  // A coin trades round the clock: any moment of the test is a trading moment.
  await insertTestInstrument(site.database.db, { symbol: 'COIN', name: 'Demo Coin', kind: 'crypto', mic: null, currency: 'USD', decimals: 2 });
});
afterAll(async () => {
  await site.close();
  await new Promise((resolve) => edge.close(resolve));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const shownPrice = async () => /<span class="num">\$([\d,.]+)<\/span>/.exec((await site.app.inject({ url: PAGE })).body)?.[1];

test('a hundred quote batches in a second purge the quote page at most twice, here and at the edge, and the page shows the last price within the window', async () => {
  const start = Date.now() - 5_000;
  await storeQuotes(site.writer, [{ symbol: 'COIN', time: new Date(start).toISOString(), price: 100, dayVolume: null, delayMinutes: 0 }], { source: 'demo', now: new Date() });
  // Past the first batch's window: the page is rendered and cached, and the edge has had its purge.
  await sleep(QUOTE_PURGE_WINDOW_MS + 1_500);
  expect(await shownPrice()).toBe('100.00');
  expect((await site.app.inject({ url: PAGE })).headers['x-cache']).toBe('HIT');
  const edgeBefore = edgePurges.length;
  const purged: number[] = [];
  site.cache.addPurgeListener((keys) => {
    if (keys.includes('quote:COIN')) purged.push(Date.now());
  });

  const burstStart = Date.now();
  for (let n = 1; n <= 100; n += 1) {
    const price = 100 + n / 100;
    await storeQuotes(site.writer, [{ symbol: 'COIN', time: new Date(start + n * 10).toISOString(), price, dayVolume: null, delayMinutes: 0 }], { source: 'demo', now: new Date() });
    // Readers keep asking meanwhile: each purge costs a render, so only a purge lets a newer price in.
    if (n % 10 === 0) await site.app.inject({ url: PAGE });
    const pause = burstStart + n * 10 - Date.now();
    if (pause > 0) await sleep(pause);
  }
  const burstMs = Date.now() - burstStart;
  // A second's burst: its first batch and one more at its window's end. On a busy machine the
  // burst may outlast a window: still never more than one purge per window.
  const windowsSpanned = Math.ceil(burstMs / QUOTE_PURGE_WINDOW_MS);
  expect(purged.length).toBeLessThanOrEqual(1 + windowsSpanned);

  // Within the window (plus a moment for the timer on a busy machine) the page shows the last price.
  let shownAt: number | undefined;
  while (Date.now() - burstStart < burstMs + QUOTE_PURGE_WINDOW_MS + 1_500) {
    if ((await shownPrice()) === '101.00') {
      shownAt = Date.now();
      break;
    }
    await sleep(100);
  }
  expect(shownAt, 'the last price shown within the window').toBeDefined();
  expect(purged.length).toBeGreaterThanOrEqual(2);
  expect(purged.length).toBeLessThanOrEqual(1 + windowsSpanned);
  for (let n = 1; n < purged.length; n += 1) expect(purged[n]! - purged[n - 1]!).toBeGreaterThanOrEqual(QUOTE_PURGE_WINDOW_MS - 50);

  // The edge: the worker runs every second; its one purge of the quote pages falls a window after the burst's first batch.
  await sleep(2_000);
  const sent = edgePurges.slice(edgeBefore);
  expect(sent.length).toBeGreaterThanOrEqual(1);
  expect(sent.length).toBeLessThanOrEqual(1 + windowsSpanned);
  expect(new Set(sent)).toEqual(new Set(['quote-pages']));
});
