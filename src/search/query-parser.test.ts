import { describe, expect, test } from 'vitest';
import type { SearchTerm } from '../storage/index.js';
import { MAX_QUERY_CHARACTERS, MAX_TERMS, parseSearchQuery } from './query-parser.js';

const word = (text: string): SearchTerm => ({ text, isPrefix: false });
const prefix = (text: string): SearchTerm => ({ text, isPrefix: true });

/** The query parsed from input, or fails the test with the message when there is nothing to search for. */
function queryOf(input: string) {
  const parsed = parseSearchQuery(input);
  if (parsed.kind !== 'query') throw new Error(`nothing to search for in ${JSON.stringify(input)}: ${parsed.message}`);
  return parsed.query;
}

describe('parseSearchQuery', () => {
  test('words must all match, each a group of its own', () => {
    expect(queryOf('Acme earnings')).toEqual({ groups: [[word('Acme')], [word('earnings')]], excluded: [] });
  });

  test('"quoted words" are a phrase; an unbalanced quote runs to the end', () => {
    expect(queryOf('"rate cut" Fed')).toEqual({ groups: [[word('rate cut')], [word('Fed')]], excluded: [] });
    expect(queryOf('Fed "rate   cut')).toEqual({ groups: [[word('Fed')], [word('rate cut')]], excluded: [] });
    expect(queryOf('"the rate"')).toEqual({ groups: [[word('the rate')]], excluded: [] });
  });

  test('a word ending in * is a prefix of three letters or more; a shorter one is a word, with a notice', () => {
    expect(queryOf('infla*')).toEqual({ groups: [[prefix('infla')]], excluded: [] });
    const short = parseSearchQuery('ab* bonds');
    expect(short).toMatchObject({ kind: 'query', query: { groups: [[word('ab')], [word('bonds')]] } });
    expect(short.notices.join(' ')).toContain('“ab*” was searched as a whole word');
    // Only a single word can be a prefix: with punctuation inside it stays a phrase.
    expect(queryOf('e-com*')).toEqual({ groups: [[word('e-com')]], excluded: [] });
  });

  test('-word and -"a phrase" leave stories out; + is ignored', () => {
    expect(queryOf('bitcoin -crypto -"rate cut" +miners')).toEqual({ groups: [[word('bitcoin')], [word('miners')]], excluded: [word('crypto'), word('rate cut')] });
  });

  test('OR in capitals joins the terms on its two sides, binding tighter than the space', () => {
    expect(queryOf('fed OR ecb rates')).toEqual({ groups: [[word('fed'), word('ecb')], [word('rates')]], excluded: [] });
    expect(queryOf('a1 OR b2 OR "c3 d4" e5x*')).toEqual({ groups: [[word('a1'), word('b2'), word('c3 d4')], [prefix('e5x')]], excluded: [] });
    expect(queryOf('gold or silver')).toEqual({ groups: [[word('gold')], [word('silver')]], excluded: [] });
  });

  test('operators with nothing to act on are dropped', () => {
    expect(queryOf('OR gold OR')).toEqual({ groups: [[word('gold')]], excluded: [] });
    expect(queryOf('gold OR OR silver')).toEqual({ groups: [[word('gold'), word('silver')]], excluded: [] });
    expect(queryOf('gold OR -silver copper')).toEqual({ groups: [[word('gold')], [word('copper')]], excluded: [word('silver')] });
    expect(queryOf('gold - * " "" -- ** ()')).toEqual({ groups: [[word('gold')]], excluded: [] });
  });

  test('punctuation around a word is not part of it; inside, it stays (the index splits it)', () => {
    expect(queryOf('(Acme), U.S. e-commerce "don\'t"')).toEqual({ groups: [[word('Acme')], [word('U.S')], [word('e-commerce')], [word("don't")]], excluded: [] });
  });

  test('FTS5 and tsquery syntax is only text', () => {
    expect(queryOf('title:steel NEAR(a b) {body} ^x \'y\':* a&b|c !!d <->')).toEqual({
      groups: [[word('title:steel')], [word('NEAR(a')], [word('b')], [word('body')], [word('x')], [word('y')], [word('a&b|c')]],
      excluded: [word('d')],
    });
  });

  test('very common words are left out; repeats are read once', () => {
    expect(queryOf('the price of oil OIL')).toEqual({ groups: [[word('price')], [word('oil')]], excluded: [] });
  });

  test('nothing to search for: blank, stop words, punctuation, or exclusions alone', () => {
    expect(parseSearchQuery('   ')).toMatchObject({ kind: 'nothing', message: 'Type a word to search for.' });
    expect(parseSearchQuery('the of and')).toMatchObject({ kind: 'nothing', message: expect.stringContaining('nothing to search for') });
    expect(parseSearchQuery('"" * - OR ()')).toMatchObject({ kind: 'nothing', message: expect.stringContaining('nothing to search for') });
    expect(parseSearchQuery('-crypto')).toMatchObject({ kind: 'nothing', message: expect.stringContaining('cannot be made of words to leave out') });
  });

  test(`reads at most ${MAX_QUERY_CHARACTERS} characters and ${MAX_TERMS} terms, and says so`, () => {
    const long = parseSearchQuery(`steel ${'x'.repeat(10_000)}`);
    expect(long.kind).toBe('query');
    expect(long.notices).toContain(`Only the first ${MAX_QUERY_CHARACTERS} characters of your search were used.`);
    if (long.kind === 'query') expect(Array.from(long.query.groups[1]![0]!.text)).toHaveLength(MAX_QUERY_CHARACTERS - 'steel '.length);
    const many = parseSearchQuery(Array.from({ length: 15 }, (_, i) => `w${i}`).join(' '));
    expect(many.kind === 'query' && many.query.groups).toHaveLength(MAX_TERMS);
    expect(many.notices).toContain(`Only the first ${MAX_TERMS} words and phrases of your search were used.`);
  });

  test('control characters are spaces', () => {
    expect(queryOf('gold\u0000silver\u0007')).toEqual({ groups: [[word('gold')], [word('silver')]], excluded: [] });
  });
});
