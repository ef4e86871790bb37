import { describe, expect, test } from 'vitest';
import type { SearchQuery } from '../storage/index.js';
import { buildSnippet, snippetToHtml, type SnippetPart } from './snippet.js';

const query = (...words: string[]): SearchQuery => ({
  groups: words.map((text) => [{ text: text.replace(/\*$/, ''), isPrefix: text.endsWith('*') }]),
  excluded: [],
});
/** The snippet written with [brackets] around its marked words. */
const shown = (parts: SnippetPart[]) => parts.map((part) => (part.isMatch ? `[${part.text}]` : part.text)).join('');

describe('buildSnippet', () => {
  test('marks the query’s words as the index stems them: case, accents and common endings aside', () => {
    const text = 'Lenders are cutting rates; the rate cut in Zürich was rated fair by ZURICH banks.';
    expect(shown(buildSnippet([text], query('cut', 'rates', 'zurich')))).toBe(
      'Lenders are [cutting] [rates]; the [rate] [cut] in [Zürich] was [rated] fair by [ZURICH] banks.',
    );
  });

  test('marks words that begin with a prefix, and each word of a phrase', () => {
    const parts = buildSnippet(['Inflationary pressure and inflation data moved the central bank.'], { groups: [[{ text: 'infla', isPrefix: true }], [{ text: 'central bank', isPrefix: false }]], excluded: [] });
    expect(shown(parts)).toBe('[Inflationary] pressure and [inflation] data moved the [central] [bank].');
  });

  test('shows about thirty words around the stretch with the most distinct matches, with ellipses where text was cut', () => {
    const filler = (n: number, word = 'filler') => Array.from({ length: n }, () => word).join(' ');
    const text = `${filler(50)} copper alone ${filler(50)} copper and tin together here ${filler(50)}`;
    const snippet = shown(buildSnippet([text], query('copper', 'tin')));
    expect(snippet).toMatch(/^… filler filler filler filler \[copper\] and \[tin\] together here filler/);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet.split(/\s+/).filter((word) => word !== '…')).toHaveLength(30);
  });

  test('takes the text that matches best: the dek when the body does not mention the words', () => {
    expect(shown(buildSnippet(['Veltrax beats its forecast.', 'The company said little else.'], query('veltrax')))).toBe('[Veltrax] beats its forecast.');
    expect(shown(buildSnippet(['A quiet dek.', 'Profits at Veltrax doubled.'], query('veltrax')))).toBe('Profits at [Veltrax] doubled.');
  });

  test('without a match, the opening of the first text, unmarked', () => {
    const parts = buildSnippet(['Words that do not match at all.', 'Nor these.'], query('absent'));
    expect(parts.every((part) => !part.isMatch)).toBe(true);
    expect(shown(parts)).toBe('Words that do not match at all.');
    expect(buildSnippet(['', '   '], query('x'))).toEqual([{ text: '   '.slice(0, 200), isMatch: false }]);
  });

  test('returns plain text runs: markup in a story’s text stays text for the view to escape', () => {
    const parts = buildSnippet(['Fees <b>rose</b> & "fell"'], query('rose'));
    expect(parts.map((part) => part.text).join('')).toBe('Fees <b>rose</b> & "fell"');
    expect(parts.filter((part) => part.isMatch)).toEqual([{ text: 'rose', isMatch: true }]);
  });
});

describe('snippetToHtml', () => {
  test('escapes every run and puts the matched words, and only them, in <mark>', () => {
    const parts = buildSnippet(['Fees <b>rose</b> & "fell" <mark>x</mark>'], query('rose'));
    expect(snippetToHtml(parts)).toBe('Fees &#60;b&#62;<mark>rose</mark>&#60;/b&#62; &#38; &#34;fell&#34; &#60;mark&#62;x&#60;/mark&#62;');
  });
});
