import { EventEmitter } from 'node:events';
import { expect, test } from 'vitest';
import { exitGracefullyOnSignals } from './shutdown-signals.js';

// The whole path runs through a real `fortune-sky serve` in test/integration/graceful-shutdown.test.ts;
// here the exit codes of the cases a real process shows less easily.
function setUp(close: () => Promise<void>) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const lines: string[] = [];
  exitGracefullyOnSignals({ signals, close, exit: (code) => exits.push(code), log: (line) => lines.push(line) });
  return { signals, exits, lines };
}

test('the first signal closes, then exits 0', async () => {
  let closes = 0;
  const { signals, exits, lines } = setUp(async () => void (closes += 1));
  signals.emit('SIGTERM');
  await new Promise((resolve) => setImmediate(resolve));
  expect(closes).toBe(1);
  expect(exits).toEqual([0]);
  expect(lines).toEqual([expect.stringMatching(/^SIGTERM: shutting down\./), 'Shut down cleanly.']);
});

test('a close that fails exits 1 and says why', async () => {
  const { signals, exits, lines } = setUp(async () => {
    throw new Error('the pool would not end');
  });
  signals.emit('SIGINT');
  await new Promise((resolve) => setImmediate(resolve));
  expect(exits).toEqual([1]);
  expect(lines.at(-1)).toBe('Shutting down failed: the pool would not end');
});

test('a second signal while closing exits at once with 128 + its number; close runs once', async () => {
  let closes = 0;
  const { signals, exits } = setUp(() => {
    closes += 1;
    return new Promise<void>(() => {});
  });
  signals.emit('SIGTERM');
  signals.emit('SIGTERM');
  expect(exits).toEqual([143]);
  signals.emit('SIGINT');
  expect(exits).toEqual([143, 130]);
  expect(closes).toBe(1);
});
