import { roundConfidence, type FilingSuggestion } from './suggestion.js';

/** A listed instrument the site knows: its symbol, where it trades, its name and other names it goes by. */
export interface Instrument {
  symbol: string;
  exchange?: string;
  name: string;
  aliases?: readonly string[];
}

/** The most text ticker detection reads (1 MB of characters). */
export const MAX_TICKER_TEXT = 1_000_000;

/** Finds tickers in a story: cashtags, exchange-qualified symbols and company names. */
export interface TickerDetector {
  /** Instruments named in the text, one suggestion per symbol, most confident first. */
  detect(text: string): FilingSuggestion[];
}

// "NYSE: XYZ", "(LSE: VOD)", "Nasdaq:ACME": an exchange's name, a colon, a symbol.
const EXCHANGES = 'NYSE American|NYSE Arca|NYSE|NASDAQ|Nasdaq|LSE|LON|AIM|TSX|TSXV|ASX|XETRA|Xetra|FWB|EPA|Euronext|AMS|HKEX|HKG|TYO|TSE|SGX|SIX|OMX|BME|BIT|JSE|NSE|BSE|KRX|OTC';
const QUALIFIED = new RegExp(`\\b(${EXCHANGES})\\s?:\\s?([A-Z][A-Z0-9]{0,5}(?:\\.[A-Z]{1,2})?)\\b`, 'g');
// "$ACME" but not "$5", "$5bn" or "US$": a dollar sign, then a capital letter, then up to five more.
const CASHTAG = /(?<![\w$])\$([A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)(?![\w])/g;
// "ACME.L", "SAP.DE": a symbol with a market suffix (Reuters style), not inside "U.S.A.".
const SUFFIXED = /(?<![\w.])([A-Z][A-Z0-9]{0,5})\.(L|DE|PA|AS|TO|HK|T|SW|MI|MC|AX|OL|ST|CO|HE|BR|LS|I|SI|KS|N|O)\b(?!\.\w)/g;
// Currency codes written as cashtags in some copy ("$US"), never tickers here.
const NOT_TICKERS = new Set(['US', 'USD', 'AUD', 'CAD', 'NZD', 'HK', 'SG', 'NT', 'A', 'C', 'NZ']);
// Legal forms left off when matching names: "Lumora" finds "Lumora Inc".
const LEGAL_FORMS = new Set(['inc', 'corp', 'corporation', 'ltd', 'limited', 'plc', 'ag', 'sa', 'se', 'nv', 'llc', 'co', 'group', 'holdings']);
// Names are matched word by word from a capitalised word; a name of more than this many words is not looked for.
const MAX_NAME_WORDS = 8;
const CAPITALISED = /(?<![\w\u00c0-\u024f])[A-Z\u00c0-\u00de][\w\u00c0-\u024f]*/g;
const NEXT_WORD = /[ \t]+(&|[\w\u00c0-\u024f]+)/y;

interface TrieNode {
  children: Map<string, TrieNode>;
  match?: { instrument: Instrument; isAlias: boolean };
}

/** Builds a detector over a list of instruments (names in a word trie, matched in one pass). */
export function createTickerDetector(instruments: readonly Instrument[]): TickerDetector {
  const bySymbol = new Map(instruments.map((instrument) => [instrument.symbol.toUpperCase(), instrument]));
  const root: TrieNode = { children: new Map() };
  for (const instrument of instruments) {
    const names: [string, boolean][] = [[instrument.name, false], ...(instrument.aliases ?? []).map((alias): [string, boolean] => [alias, true])];
    for (const [name, isAlias] of names) {
      const words = nameWords(name);
      addName(root, words, { instrument, isAlias });
      const bare = words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!) ? words.slice(0, -1) : undefined;
      if (bare) addName(root, bare, { instrument, isAlias });
    }
  }
  return { detect: (text) => detect(text.length > MAX_TICKER_TEXT ? text.slice(0, MAX_TICKER_TEXT) : text, bySymbol, root) };
}

function nameWords(name: string): string[] {
  return name.toLowerCase().match(/&|[\w\u00c0-\u024f]+/g) ?? [];
}

function addName(root: TrieNode, words: string[], match: NonNullable<TrieNode['match']>): void {
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return;
  let node = root;
  for (const word of words) {
    let child = node.children.get(word);
    if (!child) {
      child = { children: new Map() };
      node.children.set(word, child);
    }
    node = child;
  }
  // A full name outranks an alias spelled the same way.
  if (!node.match || (node.match.isAlias && !match.isAlias)) node.match = match;
}

interface Finding {
  symbol: string;
  confidence: number;
  evidence: string;
  mentions: number;
}

function detect(text: string, bySymbol: Map<string, Instrument>, root: TrieNode): FilingSuggestion[] {
  const findings = new Map<string, Finding>();
  const note = (symbol: string, confidence: number, evidence: string) => {
    const found = findings.get(symbol);
    if (!found) findings.set(symbol, { symbol, confidence, evidence, mentions: 1 });
    else {
      found.mentions += 1;
      if (confidence > found.confidence) Object.assign(found, { confidence, evidence });
    }
  };
  for (const match of text.matchAll(QUALIFIED)) {
    const symbol = match[2]!;
    note(symbol, bySymbol.has(symbol) ? 0.98 : 0.85, `"${match[0]}"${bySymbol.has(symbol) ? '' : ', not in the instrument list'}`);
  }
  for (const match of text.matchAll(CASHTAG)) {
    const symbol = match[1]!;
    if (NOT_TICKERS.has(symbol)) continue;
    note(symbol, bySymbol.has(symbol) ? 0.95 : 0.6, `cashtag "${match[0]}"${bySymbol.has(symbol) ? '' : ', not in the instrument list'}`);
  }
  for (const match of text.matchAll(SUFFIXED)) {
    const symbol = match[1]!;
    if (bySymbol.has(symbol)) note(symbol, 0.9, `"${match[0]}"`);
    else if (bySymbol.has(match[0])) note(match[0], 0.95, `"${match[0]}"`);
  }
  findNames(text, root, (found, surface) => {
    const { instrument, isAlias } = found;
    note(instrument.symbol, isAlias ? 0.7 : 0.85, `${isAlias ? 'alias' : 'name'} "${surface}"`);
  });
  return [...findings.values()]
    .map(({ symbol, confidence, evidence, mentions }) => ({
      value: symbol,
      kind: 'ticker' as const,
      confidence: roundConfidence(Math.min(0.99, confidence + 0.03 * Math.min(mentions - 1, 3))),
      evidence: `${evidence}; ${mentions} mention${mentions === 1 ? '' : 's'}`,
    }))
    .sort((a, b) => b.confidence - a.confidence);
}

// From each capitalised word, walk the trie word by word and keep the longest name that ends
// there; the scan resumes after it. At most MAX_NAME_WORDS steps per capitalised word: linear.
function findNames(text: string, root: TrieNode, onMatch: (match: NonNullable<TrieNode['match']>, surface: string) => void): void {
  const capitalised = new RegExp(CAPITALISED.source, 'g');
  const nextWord = new RegExp(NEXT_WORD.source, 'y');
  for (let word = capitalised.exec(text); word; word = capitalised.exec(text)) {
    let node = root.children.get(word[0].toLowerCase());
    if (!node) continue;
    let end = word.index + word[0].length;
    let best = node.match ? { match: node.match, end } : undefined;
    for (let depth = 1; depth < MAX_NAME_WORDS && node; depth++) {
      nextWord.lastIndex = end;
      const next = nextWord.exec(text);
      if (!next) break;
      node = node.children.get(next[1]!.toLowerCase());
      end = nextWord.lastIndex;
      if (node?.match) best = { match: node.match, end };
    }
    if (!best) continue;
    onMatch(best.match, text.slice(word.index, best.end));
    capitalised.lastIndex = best.end;
  }
}
