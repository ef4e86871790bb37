// Text → comparable tokens, shared by duplicate detection and the section classifier: Unicode NFKC,
// lower case, punctuation dropped, stop words out, numbers written one way (so "€1.42bn",
// "EUR 1.42 bln" and "1.42 billion euros" agree), optional light stemming.

/** The most input any filing step reads: longer text is cut here, so cost per item stays bounded. */
export const MAX_MATCH_TEXT = 200_000;

// Function words and newsroom boilerplate ("said on Tuesday") that carry no event identity.
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i if in ' +
    'into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so ' +
    'some such than that the their them then there these they this those through to too under until up very was we were what ' +
    'when where which while who whom why will with would you your said says say told according per cent percent pct ' +
    'monday tuesday wednesday thursday friday saturday sunday year years week month new company group'
  ).split(' '),
);

// A number's scale, written in words or as a suffix: "1.2bn", "1.2 bln", "1.2 billion", "120k".
const SCALES = new Map<string, number>([
  ['k', 1e3], ['thousand', 1e3],
  ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['million', 1e6], ['millions', 1e6],
  ['b', 1e9], ['bn', 1e9], ['bln', 1e9], ['billion', 1e9], ['billions', 1e9],
  ['tn', 1e12], ['trn', 1e12], ['trillion', 1e12],
]);
// "per cent" is two tokens, read as a pair below.
const PERCENT_WORDS = new Set(['%', 'percent', 'pct']);
// "Q3" and "third quarter" name the same period.
const QUARTERS = new Map<string, string[]>([
  ['q1', ['first', 'quarter']], ['q2', ['second', 'quarter']], ['q3', ['third', 'quarter']], ['q4', ['fourth', 'quarter']],
  ['h1', ['first', 'half']], ['h2', ['second', 'half']],
]);

// A number with its decimal/thousands separators and an optional suffix ("1,200", "4.5%", "1.2bn"),
// or a word. Letters are ASCII plus the BMP outside symbols and punctuation (× ÷, U+2000–U+2BFF:
// dashes, quotes, currency signs, arrows): a non-Unicode regex is four times faster than \p{L}.
const TOKEN = /\d+(?:[.,]\d+)*(?:%|[a-z]{1,3}\b)?|[a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2c00-\ud7ff\uf900-\uffef]+(?:'[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2c00-\ud7ff\uf900-\uffef]+)?/g;
const NUMBER = /^(\d+(?:[.,]\d+)*)(%|[a-z]{1,3})?$/;

/** Options for {@link matchTokens}. */
export interface MatchTokenOptions {
  /** Strip common English suffixes ("profits" → "profit", "falling" → "fall"). */
  stem?: boolean;
}

/** NFKC, lower case, curly quotes straightened, cut to {@link MAX_MATCH_TEXT}. */
export function normaliseForMatching(text: string): string {
  const normalised = text.slice(0, MAX_MATCH_TEXT).normalize('NFKC');
  return normalised.toLowerCase().replace(/[’‘`]/g, "'");
}

/**
 * The tokens of a text for matching: words (stop words dropped, optionally stemmed) and numbers
 * as `#<value>` (scales applied, two significant digits past 1,000 so rounding differs little)
 * or `#<value>%`. One pass, linear in the input.
 */
export function matchTokens(text: string, options: MatchTokenOptions = {}): string[] {
  const raw = normaliseForMatching(text).match(TOKEN) ?? [];
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!;
    const word = token.endsWith("'s") ? token.slice(0, -2) : token;
    const number = isDigit(word.charCodeAt(0)) ? NUMBER.exec(word) : null;
    if (number) {
      let suffix = number[2] ?? '';
      const next = raw[i + 1] ?? '';
      if (!suffix && (SCALES.has(next) || PERCENT_WORDS.has(next))) {
        suffix = next;
        i += 1;
      } else if (!suffix && next === 'per' && raw[i + 2] === 'cent') {
        suffix = '%';
        i += 2;
      }
      const value = parseNumber(number[1]!);
      const scale = SCALES.get(suffix);
      if (PERCENT_WORDS.has(suffix)) tokens.push(`#${value}%`);
      else if (scale !== undefined) tokens.push(`#${roundValue(value * scale)}`);
      else if (suffix) tokens.push(`#${value}`, suffix);
      else tokens.push(`#${roundValue(value)}`);
      continue;
    }
    const quarter = QUARTERS.get(word);
    if (quarter) {
      tokens.push(...quarter);
      continue;
    }
    if (STOP_WORDS.has(word) || word.length < 2) continue;
    tokens.push(options.stem ? stem(word) : word);
  }
  return tokens;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// "1,200" is twelve hundred (a comma before three digits groups thousands), "4,5" and "4.5" are decimals.
function parseNumber(text: string): number {
  const grouped = text.replace(/,(?=\d{3}(?:\D|$))/g, '');
  return Number(grouped.replace(',', '.'));
}

// Integers up to 9,999 (years, counts of stores) stay exact; larger values keep two significant
// digits, as sources round money and volumes differently ("$1.87bn", "$1.9bn").
function roundValue(value: number): number {
  if (!Number.isFinite(value)) return 0;
  if (Math.abs(value) < 10_000) return value;
  return Number(value.toPrecision(2));
}

/** A light English stemmer: strips plural, past and gerund endings so word forms meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  // Most words end in none of the stripped endings: one character decides.
  const last = word.charCodeAt(word.length - 1);
  if (last !== 115 /* s */ && last !== 100 /* d */ && last !== 103 /* g */ && last !== 121 /* y */) return word;
  if ((word.endsWith('ies') || word.endsWith('ied')) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('ly') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('ches') || word.endsWith('shes') || word.endsWith('xes') || word.endsWith('zes')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

// "cutting" → "cutt" → "cut"; "falling" → "fall" stays (ll is a real ending).
function undouble(word: string): string {
  const last = word[word.length - 1]!;
  return last === word[word.length - 2] && 'bdgmnprt'.includes(last) ? word.slice(0, -1) : word;
}
