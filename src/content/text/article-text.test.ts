import { describe, expect, test } from 'vitest';
import { cleanText, countWords, deriveTeaser, htmlToText, slugify, TEASER_LENGTH } from './article-text.js';

const SEED_BODY_START =
  'Beijing still hasn’t given a formal response to the US request for a meeting between Secretary of Defense Lloyd Austin and his Chinese counterpart Li Shangfu at an upcoming forum in Singapore, a senior US defense official said Thursday.';

describe('deriveTeaser', () => {
  test('the seed article: cut back to the last whole word within 110 characters, no ellipsis', () => {
    const teaser = deriveTeaser(SEED_BODY_START);
    expect(teaser).toBe('Beijing still hasn’t given a formal response to the US request for a meeting between Secretary of Defense');
    expect(TEASER_LENGTH).toBe(110);
    expect(Array.from(teaser).length).toBeLessThanOrEqual(110);
    expect(teaser).not.toMatch(/…|\.\.\.$/);
  });

  test('text no longer than the limit is returned whole (whitespace collapsed)', () => {
    expect(deriveTeaser('Markets rallied on Friday.')).toBe('Markets rallied on Friday.');
    expect(deriveTeaser('  Markets   rallied\n on Friday.  ')).toBe('Markets rallied on Friday.');
    const exactly110 = 'a'.repeat(50) + ' ' + 'b'.repeat(59);
    expect(exactly110).toHaveLength(110);
    expect(deriveTeaser(exactly110)).toBe(exactly110);
  });

  test('a cut that falls exactly on a word boundary keeps the last word', () => {
    // 'one two' is 7 characters and the 8th is a space: the whole of "two" fits.
    expect(deriveTeaser('one two three', 7)).toBe('one two');
    // 'one two ' cut at 8 ends in the space: the trailing space goes.
    expect(deriveTeaser('one two three', 8)).toBe('one two');
    // Cut in the middle of "three": back to "two".
    expect(deriveTeaser('one two three four', 10)).toBe('one two');

    // At the default length: 21 × "word " + "words" is exactly 110 characters, followed by a space.
    const head = `${'word '.repeat(21)}words`;
    expect(Array.from(head)).toHaveLength(110);
    expect(deriveTeaser(`${head} and more`)).toBe(head);
    // One more letter and the last word no longer fits: back to the word before it.
    expect(deriveTeaser(`${head}X and more`)).toBe('word '.repeat(21).trim());
  });

  test('never ends on a comma or other trailing punctuation left by the cut', () => {
    expect(deriveTeaser('Stocks, bonds and gold', 8)).toBe('Stocks');
    expect(deriveTeaser('Alpha beta; gamma delta', 12)).toBe('Alpha beta');
    expect(deriveTeaser('Alpha beta — gamma delta', 13)).toBe('Alpha beta');
    const long = `${'word '.repeat(20)}comma, ${'tail '.repeat(10)}`;
    expect(deriveTeaser(long)).toBe(`${'word '.repeat(20)}comma`);
  });

  test('a very long word after the first words is dropped whole, not cut mid-word', () => {
    const longWord = 'x'.repeat(200);
    expect(deriveTeaser(`Short ${longWord}`)).toBe('Short');
  });

  test('a first word longer than the limit is cut hard rather than dropped', () => {
    expect(deriveTeaser('x'.repeat(200))).toBe('x'.repeat(110));
  });

  test('counts characters, not UTF-16 code units', () => {
    const emoji = '📈'.repeat(5);
    expect(deriveTeaser(`${emoji} up`, 8)).toBe(`${emoji} up`);
    expect(deriveTeaser(`${emoji} up today`, 8)).toBe(`${emoji} up`);
  });
});

describe('cleanText', () => {
  test('drops control characters HTML and XML forbid, keeping tabs, line breaks and ordinary text', () => {
    expect(cleanText('A\u0000B\u0007C\u001BD\u007FE\u0085F\uFFFEG\tH\nI\rJ “quoted” €')).toBe('ABCDEFG\tH\nI\rJ “quoted” €');
  });
});

describe('slugify', () => {
  test('removes accents and curly apostrophes', () => {
    expect(slugify('China Still Hasn’t Answered')).toBe('china-still-hasnt-answered');
    expect(slugify('Café Déjà Vu at Zürich')).toBe('cafe-deja-vu-at-zurich');
    expect(slugify("Investors' Day")).toBe('investors-day');
  });

  test('spells out letters that have no accent to strip', () => {
    expect(slugify('Ærø Straße Łódź')).toBe('aero-strasse-lodz');
  });

  test('spells out ampersands and collapses punctuation into single hyphens', () => {
    expect(slugify('M&A Deals')).toBe('m-and-a-deals');
    expect(slugify('Stocks & Bonds')).toBe('stocks-and-bonds');
    expect(slugify('  --Hello,   World!--  ')).toBe('hello-world');
    expect(slugify('S&P 500: up 2.5%')).toBe('s-and-p-500-up-2-5');
  });

  test('cuts long slugs at a hyphen within the maximum length', () => {
    expect(slugify('alpha beta gamma delta', 13)).toBe('alpha-beta');
    const title = 'The Federal Reserve Holds Interest Rates Steady as Inflation Cools and Markets Rally Worldwide';
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('the-federal-reserve-holds-interest-rates-steady-as-inflation-cools-and-markets');
    expect(slug).not.toMatch(/-$/);
  });

  test('a long slug without a usable hyphen is cut hard at the maximum', () => {
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
  });
});

describe('countWords', () => {
  test('counts words in plain text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   ')).toBe(0);
    expect(countWords('one')).toBe(1);
    expect(countWords('Stocks rose, bonds fell — gold was flat.')).toBe(7);
  });

  test('keeps contractions, decimals and hyphenated words as one word', () => {
    expect(countWords('It’s up 3.5% in e-mail trading')).toBe(6);
    expect(countWords('Beijing still hasn’t given')).toBe(4);
  });
});

describe('htmlToText', () => {
  test('drops tags and decodes entities', () => {
    expect(htmlToText('<p>AT&amp;T &lt;up&gt; &#8217;s &quot;q&quot;</p>')).toBe('AT&T <up> ’s "q"');
    expect(htmlToText('<p>a&nbsp;b</p>')).toBe('a b');
  });

  test('separates block elements with a space but joins inline elements', () => {
    expect(htmlToText('<p>First.</p><p>Second.</p>')).toBe('First. Second.');
    expect(htmlToText('<h2>Title</h2><ul><li>one</li><li>two</li></ul><blockquote>q</blockquote>')).toBe('Title one two q');
    expect(htmlToText('a<br>b')).toBe('a b');
    expect(htmlToText('<p>in<strong>line</strong> <em>text</em></p>')).toBe('inline text');
  });

  test('collapses whitespace and trims', () => {
    expect(htmlToText('\n  <p>  spaced \n\t out </p>\n')).toBe('spaced out');
  });
});
