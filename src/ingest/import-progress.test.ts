import { expect, test } from 'vitest';
import { createImportProgress, formatDuration } from './import-progress.js';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { output: { isTTY, write: (text: string) => written.push(text) }, written };
}

test('on a terminal: one line rewritten in place, with the rate and the time left', () => {
  let now = 0;
  const { output, written } = recorder(true);
  const progress = createImportProgress('export.xml', output, () => now);
  progress.setTotal(1000);
  now = 100;
  progress.advance(10);
  expect(written).toEqual([]);
  now = 2000;
  progress.advance(190);
  progress.finish();
  expect(written).toEqual(['\rexport.xml: 200 of 1,000 (20 %) items, 100/s, 8 s left\u001b[K', '\rexport.xml: 200 of 1,000 (20 %) items, 100/s, 8 s left\u001b[K\n']);
});

test('in a log: whole lines, at most one every 5 seconds, then the last', () => {
  let now = 0;
  const { output, written } = recorder(false);
  const progress = createImportProgress('big.json', output, () => now);
  for (let second = 1; second <= 12; second++) {
    now = second * 1000;
    progress.advance(50);
  }
  progress.finish();
  expect(written).toEqual(['big.json: 250 items, 50/s\n', 'big.json: 500 items, 50/s\n', 'big.json: 600 items, 50/s\n']);
});

test('in a log, an import over within a second writes nothing (its summary says it all); a longer one its last line', () => {
  let now = 0;
  const { output, written } = recorder(false);
  const progress = createImportProgress('small.json', output, () => now);
  now = 800;
  progress.advance(3);
  progress.finish();
  expect(written).toEqual([]);
  const longer = recorder(false);
  const slower = createImportProgress('slower.json', longer.output, () => now);
  now = 2300;
  slower.advance(3);
  slower.finish();
  expect(longer.written).toEqual(['slower.json: 3 items, 2/s\n']);
});

test('durations read as a person would say them', () => {
  expect([formatDuration(12.4), formatDuration(185), formatDuration(3725)]).toEqual(['12 s', '3 min 05 s', '1 h 02 min']);
});
