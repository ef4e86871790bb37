import type { SearchQuery, SearchTerm } from '../storage/index.js';

/** How much of what a reader types is read: characters past it are left out (a query longer than this is not a question). */
export const MAX_QUERY_CHARACTERS = 200;
/** Words, phrases and prefixes per search, exclusions included. */
export const MAX_TERMS = 10;
/** A prefix (`infla*`) needs this many letters: shorter ones would match half the dictionary. */
export const MIN_PREFIX_LENGTH = 3;

/** A parsed search: a query to run, or why there is nothing to run; with notes on what was left out. */
export type ParsedSearch = { kind: 'query'; query: SearchQuery; notices: string[] } | { kind: 'nothing'; message: string; notices: string[] };

// PostgreSQL's English stop words (tsearch_data/english.stop, from Snowball): it drops them from
// stories, so a search for one alone finds nothing there. Left out of both dialects' queries
// alike, the same search finds the same stories on SQLite and PostgreSQL.
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself ' +
    'they them their theirs themselves what which who whom this that these those am is are was were be been being have has had ' +
    'having do does did doing a an the and but if or because as until while of at by for with about against between into through ' +
    'during before after above below to from up down in out on off over under again further then once here there when where why how ' +
    'all any both each few more most other some such no nor not only own same so than too very s t can will just don should now'
  ).split(' '),
);

// Characters that are neither text nor whitespace to a reader: controls, and the noncharacters.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const HAS_WORD = /[\p{L}\p{N}]/u;
const ONE_WORD = /^[\p{L}\p{N}]+$/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** A piece of the query as read: a term (maybe excluded) or the OR between two. */
type Token = { kind: 'or' } | { kind: 'term'; term: SearchTerm; isExcluded: boolean };

/**
 * Reads what a reader typed into a search, web-search style: words (all must match), `"a phrase"`,
 * `infla*` (words that begin so), `-crypto` (leave out), `fed OR ecb` (either: OR, in capitals,
 * joins the terms on each side, and binds tighter than the space, so `fed OR ecb rates` is
 * (fed or ecb) and rates). Never fails: an unbalanced quote runs to the end, operators with
 * nothing to act on are dropped, punctuation alone is no term, and so are common words such as
 * "the" (PostgreSQL's English stop words) outside phrases. Reads at most MAX_QUERY_CHARACTERS and
 * MAX_TERMS terms, and says so in a notice when it left some out.
 */
export function parseSearchQuery(input: string): ParsedSearch {
  const notices: string[] = [];
  const characters = Array.from(input.slice(0, MAX_QUERY_CHARACTERS * 4));
  if (characters.length > MAX_QUERY_CHARACTERS) notices.push(`Only the first ${MAX_QUERY_CHARACTERS} characters of your search were used.`);
  const text = characters.slice(0, MAX_QUERY_CHARACTERS).join('').replace(INVISIBLE, ' ');

  const tokens = tokenize(text, notices);
  const groups: SearchTerm[][] = [];
  const excluded: SearchTerm[] = [];
  const seen = new Set<string>();
  let termCount = 0;
  let joinsPrevious = false;
  for (const token of tokens) {
    if (token.kind === 'or') {
      joinsPrevious = groups.length > 0;
      continue;
    }
    // An OR joins the terms on its two sides only: this one, if it is not an exclusion, and the one before.
    const joins = joinsPrevious && !token.isExcluded;
    joinsPrevious = false;
    const key = `${token.isExcluded ? '-' : '+'}${token.term.isPrefix ? '*' : ''}${token.term.text.toLowerCase()}`;
    if (seen.has(key)) continue;
    if (termCount === MAX_TERMS) {
      notices.push(`Only the first ${MAX_TERMS} words and phrases of your search were used.`);
      break;
    }
    seen.add(key);
    termCount += 1;
    if (token.isExcluded) excluded.push(token.term);
    else if (joins) groups.at(-1)!.push(token.term);
    else groups.push([token.term]);
  }
  const uniqueNotices = [...new Set(notices)];
  if (groups.length > 0) return { kind: 'query', query: { groups, excluded }, notices: uniqueNotices };
  const message =
    excluded.length > 0
      ? 'Add a word to look for: a search cannot be made of words to leave out (-word) alone.'
      : text.trim()
        ? 'There is nothing to search for here: type a name, a company, a ticker or a topic. Very common words such as “the” are left out.'
        : 'Type a word to search for.';
  return { kind: 'nothing', message, notices: uniqueNotices };
}

function tokenize(text: string, notices: string[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at]!)) {
      at += 1;
      continue;
    }
    // A term starts here: leading -, + and ! say how it counts; a quote opens a phrase.
    const begin = at;
    let start = at;
    while (start < text.length && /[-+!]/.test(text[start]!)) start += 1;
    const isExcluded = /[-!]/.test(text.slice(begin, start));
    if (text[start] === '"') {
      const close = text.indexOf('"', start + 1);
      const end = close === -1 ? text.length : close;
      const phrase = text.slice(start + 1, end).replace(/\s+/g, ' ').trim();
      at = end + 1;
      if (HAS_WORD.test(phrase)) tokens.push({ kind: 'term', term: { text: phrase, isPrefix: false }, isExcluded });
      continue;
    }
    let end = start;
    while (end < text.length && !/\s/.test(text[end]!) && text[end] !== '"') end += 1;
    const bare = text.slice(start, end);
    at = end;
    if (bare === 'OR' && start === begin) {
      tokens.push({ kind: 'or' });
      continue;
    }
    const term = readBareTerm(bare, notices);
    if (term) tokens.push({ kind: 'term', term, isExcluded });
  }
  return tokens;
}

/** A word as typed, without its surrounding punctuation: a prefix when it ends in `*`, dropped when it is punctuation or a stop word. */
function readBareTerm(bare: string, notices: string[]): SearchTerm | undefined {
  const wantsPrefix = /\*$/.test(bare);
  const text = bare.replace(EDGE_PUNCTUATION, '');
  if (!HAS_WORD.test(text) || STOP_WORDS.has(text.toLowerCase())) return undefined;
  if (wantsPrefix && ONE_WORD.test(text)) {
    if (Array.from(text).length >= MIN_PREFIX_LENGTH) return { text, isPrefix: true };
    notices.push(`“${text}*” was searched as a whole word: a word’s beginning needs at least ${MIN_PREFIX_LENGTH} letters.`);
  }
  return { text, isPrefix: false };
}
