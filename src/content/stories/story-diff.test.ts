import { describe, expect, test } from 'vitest';
import { bodyToLines, diffStoryText, MAX_DIFF_TEXT_LENGTH } from './story-diff.js';

describe('story diff', () => {
  test('a body reads as one line per block', () => {
    expect(bodyToLines('<h2>Head</h2><p>One <strong>two</strong>.</p><ul><li>a</li><li>b</li></ul>')).toBe('Head\nOne two.\na\nb');
  });

  test('words added and removed are marked; the rest is kept', () => {
    const changes = diffStoryText('Rates hold steady', 'Rates rise sharply')!;
    expect(changes[0]).toEqual({ kind: 'same', text: 'Rates ' });
    expect(changes.filter((c) => c.kind === 'removed').map((c) => c.text)).toEqual(['hold', 'steady']);
    expect(changes.filter((c) => c.kind === 'added').map((c) => c.text)).toEqual(['rise', 'sharply']);
    expect(changes.filter((c) => c.kind !== 'removed').map((c) => c.text).join('')).toBe('Rates rise sharply');
  });

  test('identical texts are one unchanged run', () => {
    expect(diffStoryText('Same', 'Same')).toEqual([{ kind: 'same', text: 'Same' }]);
  });

  test('long, very different versions are not compared (undefined), within the time bound', () => {
    const words = (seed: number) => Array.from({ length: 4_000 }, (_, index) => `w${(index * seed) % 9_973}`).join(' ');
    expect(diffStoryText(words(7), words(13))).toBeUndefined();
    expect(diffStoryText('x'.repeat(MAX_DIFF_TEXT_LENGTH + 1), 'y')).toBeUndefined();
  });

  test('a long text with a small change is still compared word by word', () => {
    const before = Array.from({ length: 4_000 }, (_, index) => `word${index}`).join(' ');
    const changes = diffStoryText(before, before.replace('word2000', 'changed'));
    expect(changes?.filter((c) => c.kind !== 'same').map((c) => c.text)).toEqual(['word2000', 'changed']);
  });
});
