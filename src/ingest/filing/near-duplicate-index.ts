import { prepareForScoring, scoreAgainst, type DuplicateSignature } from './duplicate-signature.js';

/** Limits and thresholds of a {@link NearDuplicateIndex}; every one has a measured default. */
export interface NearDuplicateOptions {
  /** Only items published within this many milliseconds of the candidate are compared. Default 48 hours. */
  windowMs?: number;
  /** A score at or above this is a duplicate. Default 0.55 (precision ≥ 0.95 on the labelled set). */
  threshold?: number;
  /** At most this many items are held; the oldest added go first. Default 50,000. */
  maxItems?: number;
  /** At most this many candidates are scored per look-up, those sharing the most bands first. Default 20. */
  maxCandidates?: number;
  /** Candidates share at least this many band keys with the item. Default 2 (one is chance). */
  minSharedBands?: number;
  /** At most this many ids are read from one band bucket (the newest). Default 500. */
  maxBucketReads?: number;
}

/** The item a candidate duplicates, and how alike they are (0–1). */
export interface NearDuplicateMatch {
  id: string;
  score: number;
}

interface HeldItem {
  id: string;
  publishedAt: number;
  signature: DuplicateSignature;
}

const HOUR = 3_600_000;

/**
 * Recent items by their LSH band keys, for finding the story a new item rewrites. A look-up reads
 * only the buckets the candidate falls in (bounded by `maxBucketReads` and `maxCandidates`), never
 * the whole window. Term weights (IDF) come from the items held, so words every story of the
 * window shares count little. Not thread-shared state: one index per ingest worker, filled from
 * the stored signatures of the window's stories.
 */
export class NearDuplicateIndex {
  private readonly items = new Map<string, HeldItem>();
  private readonly buckets = new Map<string, string[]>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly windowMs: number;
  /** The score at or above which an item is a duplicate. */
  readonly threshold: number;
  private readonly maxItems: number;
  private readonly maxCandidates: number;
  private readonly minSharedBands: number;
  private readonly maxBucketReads: number;

  constructor(options: NearDuplicateOptions = {}) {
    this.windowMs = options.windowMs ?? 48 * HOUR;
    this.threshold = options.threshold ?? 0.55;
    this.maxItems = options.maxItems ?? 50_000;
    this.maxCandidates = options.maxCandidates ?? 20;
    this.minSharedBands = options.minSharedBands ?? 2;
    this.maxBucketReads = options.maxBucketReads ?? 500;
  }

  /** How many items are held. */
  get size(): number {
    return this.items.size;
  }

  /** Holds an item (replacing one with the same id), dropping the oldest past `maxItems`. */
  add(id: string, publishedAt: Date | number, signature: DuplicateSignature): void {
    this.remove(id);
    const item = { id, publishedAt: +publishedAt, signature };
    this.items.set(id, item);
    for (const key of signature.bandKeys) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(id);
      else this.buckets.set(key, [id]);
    }
    for (const term of termsOf(signature)) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    while (this.items.size > this.maxItems) this.remove(this.items.keys().next().value!);
  }

  /** Forgets an item (a story deleted, or revised and about to be added again). */
  remove(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.items.delete(id);
    for (const key of item.signature.bandKeys) {
      const bucket = this.buckets.get(key)?.filter((held) => held !== id);
      if (bucket?.length) this.buckets.set(key, bucket);
      else this.buckets.delete(key);
    }
    for (const term of termsOf(item.signature)) {
      const count = (this.documentFrequency.get(term) ?? 1) - 1;
      if (count > 0) this.documentFrequency.set(term, count);
      else this.documentFrequency.delete(term);
    }
  }

  /** Forgets the items, in the order added, published before `now − windowMs`; stops at the first newer one. */
  prune(now: Date | number): void {
    const cutoff = +now - this.windowMs;
    for (const item of this.items.values()) {
      if (item.publishedAt >= cutoff) break;
      this.remove(item.id);
    }
  }

  /** The held item within the time window that the candidate most resembles, if it scores at or above the threshold. */
  findNearDuplicate(signature: DuplicateSignature, publishedAt: Date | number): NearDuplicateMatch | undefined {
    const time = +publishedAt;
    const sharedBands = new Map<string, number>();
    for (const key of signature.bandKeys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      for (let i = bucket.length - 1; i >= Math.max(0, bucket.length - this.maxBucketReads); i--) {
        const id = bucket[i]!;
        sharedBands.set(id, (sharedBands.get(id) ?? 0) + 1);
      }
    }
    const candidates = [...sharedBands]
      .filter(([id, shared]) => shared >= this.minSharedBands && Math.abs(this.items.get(id)!.publishedAt - time) <= this.windowMs)
      .sort((a, b) => b[1] - a[1])
      .slice(0, this.maxCandidates);
    const weightOf = this.termWeights(signature);
    const prepared = prepareForScoring(signature, weightOf);
    let best: NearDuplicateMatch | undefined;
    for (const [id] of candidates) {
      const score = scoreAgainst(prepared, this.items.get(id)!.signature, weightOf);
      if (score >= this.threshold && (!best || score > best.score)) best = { id, score };
    }
    return best;
  }

  // Inverse document frequency over the held items plus the candidate, smoothed; each term's
  // weight computed once per look-up.
  private termWeights(candidate: DuplicateSignature): (term: string) => number {
    const documents = this.items.size + 1;
    const own = new Set(termsOf(candidate));
    const weights = new Map<string, number>();
    return (term) => {
      let weight = weights.get(term);
      if (weight === undefined) {
        weight = Math.log((documents + 1) / ((this.documentFrequency.get(term) ?? 0) + (own.has(term) ? 1 : 0) + 1)) + 1e-6;
        weights.set(term, weight);
      }
      return weight;
    };
  }
}

function termsOf(signature: DuplicateSignature): string[] {
  return [...signature.words, ...signature.numbers];
}
