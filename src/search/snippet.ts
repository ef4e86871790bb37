import { escapeHtml } from '../content/articles/index.js';
import type { SearchQuery } from '../storage/index.js';

/** A run of snippet text: a matched word (shown marked) or the text between. Plain text: the view escapes it. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/** Words in a snippet, and how many of them come before its first match. */
const SNIPPET_WORDS = 30;
const CONTEXT_WORDS = 4;
/** How far into a text a match is looked for: the opening of a story is where its news is. */
const SCAN_CHARACTERS = 5_000;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
// Longest first: the first that fits is taken.
const SUFFIXES = ['ings', 'ing', 'ied', 'ies', 'ers', 'edly', 'ed', 'es', 'er', 'ly', 's'];

/**
 * The stretch of one of the texts (a dek, a body) that holds the most of the query's words, about
 * 30 words long, its matches marked; the opening of the first text when nothing matches. Matching
 * is a reader's approximation of the index's stemming (case, accents and common English endings
 * ignored: "rates" marks "rate", "cutting" marks "cut"; a prefix marks the words it begins), so
 * it marks what the search found without asking the database again.
 */
export function buildSnippet(texts: readonly string[], query: SearchQuery): SnippetPart[] {
  return snippetMaker(query)(texts);
}

/** buildSnippet for many stories of one search: the words it has seen are matched once for all of them. */
export function snippetMaker(query: SearchQuery): (texts: readonly string[]) => SnippetPart[] {
  const matcher = wordMatcher(query);
  return (texts) => snippetOf(texts, matcher);
}

function snippetOf(texts: readonly string[], matcher: (word: string) => string | undefined): SnippetPart[] {
  let best: { text: string; words: RegExpExecArray[]; start: number; score: number } | undefined;
  for (const text of texts.map(openingOf).filter(Boolean)) {
    const words = [...text.matchAll(WORD)];
    const window = bestWindow(words.map((word) => matcher(word[0])));
    if (!best || window.score > best.score) best = { text, words, ...window };
  }
  if (!best || best.words.length === 0) return best ? [{ text: best.text.slice(0, 200), isMatch: false }] : [];
  const { text, words, start } = best;
  const end = Math.min(words.length, start + SNIPPET_WORDS) - 1;
  const parts: SnippetPart[] = [];
  const isWholeStart = start === 0;
  const isWholeEnd = end === words.length - 1;
  // A snippet that reaches either end of the text keeps what is there (an opening quote, a full stop).
  let at = isWholeStart ? 0 : words[start]!.index;
  const plain = (until: number) => until > at && parts.push({ text: text.slice(at, until), isMatch: false });
  for (let i = start; i <= end; i++) {
    const word = words[i]!;
    if (matcher(word[0]) === undefined) continue;
    plain(word.index);
    parts.push({ text: word[0], isMatch: true });
    at = word.index + word[0].length;
  }
  plain(isWholeEnd ? text.length : words[end]!.index + words[end]![0].length);
  if (!isWholeStart) parts.unshift({ text: '… ', isMatch: false });
  if (!isWholeEnd) parts.push({ text: ' …', isMatch: false });
  return parts;
}

function openingOf(text: string): string {
  // Never end on half a surrogate pair.
  return text.length > SCAN_CHARACTERS ? text.slice(0, SCAN_CHARACTERS).replace(/[\uD800-\uDBFF]$/, '') : text;
}

/** For each word, which query word it matches (a key, so distinct matches can be counted), or undefined. */
function wordMatcher({ groups }: SearchQuery): (word: string) => string | undefined {
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const term of groups.flat()) {
    if (term.isPrefix) prefixes.push(fold(term.text));
    else for (const [word] of term.text.matchAll(WORD)) stems.add(stem(fold(word)));
  }
  // A story repeats its words: each distinct word is folded and stemmed once.
  const known = new Map<string, string | undefined>();
  return (word) => {
    if (known.has(word)) return known.get(word);
    const folded = fold(word);
    const wordStem = stem(folded);
    const match = stems.has(wordStem) ? wordStem : prefixes.find((prefix) => folded.startsWith(prefix));
    if (known.size < 10_000) known.set(word, match);
    return match;
  };
}

/**
 * The window of SNIPPET_WORDS words with the most distinct matches (then the most matches), the
 * earliest of equals; a window opens a few words before its first match, for context.
 */
function bestWindow(matches: (string | undefined)[]): { start: number; score: number } {
  let best = { start: 0, score: 0 };
  for (let at = 0; at < matches.length; at++) {
    if (matches[at] === undefined) continue;
    const start = Math.max(0, at - CONTEXT_WORDS);
    const found = matches.slice(start, start + SNIPPET_WORDS).filter((match) => match !== undefined);
    const score = new Set(found).size * 1000 + found.length;
    if (score > best.score) best = { start, score };
  }
  return best;
}

/** Lower case without accents: "Zürich" and "zurich" are one word to a reader. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A light English stem: common endings off, a final e and a doubled last consonant undone ("rates", "rated" → "rat"; "cutting" → "cut"). */
function stem(word: string): string {
  let base = word.replace(/['’]s$/, '');
  const suffix = SUFFIXES.find((ending) => base.endsWith(ending) && base.length - ending.length >= 3);
  if (suffix) base = base.slice(0, -suffix.length) + (suffix === 'ies' || suffix === 'ied' ? 'y' : '');
  return base.replace(/e$/, '').replace(/([^aeiou\d])\1$/, '$1');
}

/** A snippet as HTML for clients that show it as it comes (the Content API): every run escaped, matched words in `<mark>`. */
export function snippetToHtml(parts: readonly SnippetPart[]): string {
  return parts.map(({ text, isMatch }) => (isMatch ? `<mark>${escapeHtml(text)}</mark>` : escapeHtml(text))).join('');
}
