import { describe, expect, test } from 'vitest';
import { parseByline } from './ninjs-to-article.js';

describe('parseByline on hostile input', () => {
  test('a byline with a 200,000-space gap splits in linear time (the old pattern backtracked quadratically: minutes)', () => {
    expect(parseByline(`By Jane Doe${' '.repeat(200_000)}and John Roe`)).toEqual(['Jane Doe', 'John Roe']);
    expect(parseByline(`Ana${' '.repeat(200_000)}`)).toEqual(['Ana']);
  });

  test('separators with or without spaces around them', () => {
    expect(parseByline('Jane Doe,John Roe ; Ana Cruz&Li Wei und Max Mustermann')).toEqual(['Jane Doe', 'John Roe', 'Ana Cruz', 'Li Wei', 'Max Mustermann']);
  });
});
