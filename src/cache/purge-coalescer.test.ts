import { afterEach, expect, test } from 'vitest';
import { createPurgeCoalescer, type PurgeCoalescer } from './purge-coalescer.js';

const WINDOW_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let coalescer: PurgeCoalescer | undefined;
afterEach(() => coalescer?.stop());

/** A coalescer of `quote:` keys over a recording purge: each call with the time it came, from the start. */
function recording() {
  const started = Date.now();
  const calls: { keys: string[]; atMs: number }[] = [];
  coalescer = createPurgeCoalescer({ purge: (keys) => calls.push({ keys, atMs: Date.now() - started }), windowFor: (key) => (key.startsWith('quote:') ? WINDOW_MS : undefined) });
  return { coalescer, calls };
}

test('other keys pass at once, every time; a quote key\'s first purge after a quiet spell passes at once', () => {
  const { coalescer, calls } = recording();
  coalescer.purge(['home', 'quote:HALD']);
  coalescer.purge(['home']);
  expect(calls.map((call) => call.keys)).toEqual([['home', 'quote:HALD'], ['home']]);
});

test('a burst of purges of one key within its window costs one more purge, when the window closes; then the key is quiet', async () => {
  const { coalescer, calls } = recording();
  for (let n = 0; n < 100; n += 1) {
    coalescer.purge(['quote:HALD', 'quote:HALD']);
    if (n % 10 === 0) await sleep(5);
  }
  expect(calls.map((call) => call.keys)).toEqual([['quote:HALD']]);
  await sleep(WINDOW_MS * 3);
  expect(calls.map((call) => call.keys)).toEqual([['quote:HALD'], ['quote:HALD']]);
  expect(calls[1]!.atMs).toBeGreaterThanOrEqual(WINDOW_MS - 5);
});

test('purges of a key that keep coming are at least a window apart; each key has its own window', async () => {
  const { coalescer, calls } = recording();
  const until = Date.now() + WINDOW_MS * 4;
  while (Date.now() < until) {
    coalescer.purge(['quote:HALD']);
    await sleep(10);
  }
  coalescer.purge(['quote:KOBA']);
  const halden = calls.filter((call) => call.keys.includes('quote:HALD')).map((call) => call.atMs);
  expect(halden.length).toBeGreaterThanOrEqual(2);
  expect(halden.length).toBeLessThanOrEqual(5);
  for (let n = 1; n < halden.length; n += 1) expect(halden[n]! - halden[n - 1]!).toBeGreaterThanOrEqual(WINDOW_MS - 5);
  expect(calls.at(-1)!.keys).toEqual(['quote:KOBA']);
});

test('stop drops what was held back', async () => {
  const { coalescer, calls } = recording();
  coalescer.purge(['quote:HALD']);
  coalescer.purge(['quote:HALD']);
  coalescer.stop();
  await sleep(WINDOW_MS * 2);
  expect(calls).toHaveLength(1);
});
