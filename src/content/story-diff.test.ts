import { describe, expect, test } from 'vitest';
import { bodyToLines, diffStoryText } from './story-diff.js';

describe('story diff', () => {
  test('a body reads as one line per block', () => {
    expect(bodyToLines('<h2>Head</h2><p>One <strong>two</strong>.</p><ul><li>a</li><li>b</li></ul>')).toBe('Head\nOne two.\na\nb');
  });

  test('words added and removed are marked; the rest is kept', () => {
    const changes = diffStoryText('Rates hold steady', 'Rates rise sharply');
    expect(changes[0]).toEqual({ kind: 'same', text: 'Rates ' });
    expect(changes.filter((c) => c.kind === 'removed').map((c) => c.text)).toEqual(['hold', 'steady']);
    expect(changes.filter((c) => c.kind === 'added').map((c) => c.text)).toEqual(['rise', 'sharply']);
    expect(changes.filter((c) => c.kind !== 'removed').map((c) => c.text).join('')).toBe('Rates rise sharply');
  });

  test('identical texts are one unchanged run', () => {
    expect(diffStoryText('Same', 'Same')).toEqual([{ kind: 'same', text: 'Same' }]);
  });
});
