import { bandKeys, hashString, minHashSignature } from './feature-hashing.js';
import { matchTokens } from './match-text.js';

/** What near-duplicate detection reads of an item: its headline and lead (dek or first paragraph). */
export interface DuplicateInput {
  headline: string;
  lead: string;
}

/**
 * What an item is compared by, plain data so it can be stored beside the story and reloaded:
 * its distinct stemmed words, its distinct figures, and the LSH band keys that find candidates.
 */
export interface DuplicateSignature {
  words: string[];
  numbers: string[];
  bandKeys: string[];
}

/**
 * How the LSH bands are cut: `bands` × `rows` MinHash values. One row per band: rewrites by
 * other sources share only a fifth of their words, and wider bands would miss them; the index
 * then needs two shared bands and scores the best few candidates only.
 */
export const LSH_BANDS = 32;
export const LSH_ROWS = 1;
// Headline and lead are a few hundred characters; a "lead" of a whole body would only blur the signature.
const MAX_LEAD = 2_000;
const MAX_HEADLINE = 500;
// Years tell little inside a time window (every story of the week carries the same one).
const YEAR = /^#(?:19|20)\d\d$/;

/** The signature of an item: tokens of headline + lead, split into words and figures, and its band keys. */
export function duplicateSignature(input: DuplicateInput): DuplicateSignature {
  const tokens = matchTokens(`${input.headline.slice(0, MAX_HEADLINE)} ${input.lead.slice(0, MAX_LEAD)}`, { stem: true });
  const words = new Set<string>();
  const numbers = new Set<string>();
  for (const token of tokens) {
    if (!token.startsWith('#')) words.add(token);
    else if (!YEAR.test(token)) numbers.add(token);
  }
  const features = Uint32Array.from(new Set([...words, ...numbers].map((term) => hashString(term)))).sort();
  const keys = features.length === 0 ? [] : bandKeys(minHashSignature(features, LSH_BANDS * LSH_ROWS), LSH_BANDS, LSH_ROWS);
  return { words: [...words], numbers: [...numbers], bandKeys: keys };
}

/** How much a term tells apart: an inverse document frequency, or 1 for every term. */
export type TermWeight = (term: string) => number;

/**
 * How alike two items are, 0–1: half the IDF-weighted cosine of their words, half the overlap of
 * their figures (shared over the fewer) when both carry figures, else the words alone. Rewrites of
 * one event share its figures; another quarter or another month of the same company shares its
 * words but not its figures, and the weighting keeps common words ("profit", "shares") from
 * deciding. Measured on the labelled set (README).
 */
export function duplicateScore(a: DuplicateSignature, b: DuplicateSignature, weightOf: TermWeight): number {
  return scoreAgainst(prepareForScoring(a, weightOf), b, weightOf);
}

/** One side of {@link duplicateScore} made ready once, to score against many candidates. */
export interface PreparedSignature {
  words: Set<string>;
  numbers: Set<string>;
  squaredNorm: number;
}

/** Prepares a signature to be scored against many others under the same weights. */
export function prepareForScoring(signature: DuplicateSignature, weightOf: TermWeight): PreparedSignature {
  let squaredNorm = 0;
  for (const term of signature.words) squaredNorm += weightOf(term) ** 2;
  return { words: new Set(signature.words), numbers: new Set(signature.numbers), squaredNorm };
}

/** {@link duplicateScore} of a prepared signature against another. */
export function scoreAgainst(prepared: PreparedSignature, other: DuplicateSignature, weightOf: TermWeight): number {
  let shared = 0;
  let squaredNorm = 0;
  for (const term of other.words) {
    const weight = weightOf(term) ** 2;
    squaredNorm += weight;
    if (prepared.words.has(term)) shared += weight;
  }
  const words = prepared.squaredNorm === 0 || squaredNorm === 0 ? 0 : shared / Math.sqrt(prepared.squaredNorm * squaredNorm);
  if (prepared.numbers.size === 0 || other.numbers.length === 0) return words;
  const sharedNumbers = other.numbers.filter((number) => prepared.numbers.has(number)).length;
  return 0.5 * words + 0.5 * (sharedNumbers / Math.min(prepared.numbers.size, other.numbers.length));
}
