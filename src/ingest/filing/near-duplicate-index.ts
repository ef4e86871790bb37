import type { DuplicateSignature } from './duplicate-signature.js';

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
  /** Term ids of the signature's words and figures (see `NearDuplicateIndex.termIds`). */
  wordIds: Int32Array;
  numberIds: Int32Array;
  /** False once removed: buckets drop removed items lazily. */
  isHeld: boolean;
  /** The last look-up that reached this item, and how many of its band keys it shared. */
  lookUp: number;
  sharedBands: number;
}

/** The items sharing one band key, oldest first; removed items stay until they are a third of it. */
interface Bucket {
  items: HeldItem[];
  removed: number;
}

const HOUR = 3_600_000;

/**
 * Recent items by their LSH band keys, for finding the story a new item rewrites. A look-up reads
 * only the buckets the candidate falls in (bounded by `maxBucketReads` and `maxCandidates`), never
 * the whole window. Term weights (IDF) come from the items held, so words every story of the
 * window shares count little. Not thread-shared state: one index per ingest worker, filled from
 * the stored signatures of the window's stories.
 *
 * Held terms are numbered (ids reused once no item holds them), so scoring a candidate reads
 * arrays, not string maps: the look-up was most of the cost of filing an item.
 */
export class NearDuplicateIndex {
  private readonly items = new Map<string, HeldItem>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly termIds = new Map<string, number>();
  private readonly termNames: (string | undefined)[] = [];
  private readonly freeTermIds: number[] = [];
  /** Per term id: how many held items carry the term. */
  private documentFrequency = new Int32Array(1024);
  /** Per term id: the look-up that last marked it as one of the candidate's terms. */
  private candidateMark = new Int32Array(1024);
  private lookUps = 0;
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
    const item: HeldItem = { id, publishedAt: +publishedAt, signature, wordIds: this.holdTerms(signature.words), numberIds: this.holdTerms(signature.numbers), isHeld: true, lookUp: 0, sharedBands: 0 };
    this.items.set(id, item);
    for (const key of signature.bandKeys) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.items.push(item);
      else this.buckets.set(key, { items: [item], removed: 0 });
    }
    while (this.items.size > this.maxItems) this.remove(this.items.keys().next().value!);
  }

  /** Gives a held item another id (a batch's provisional id once the item is stored), keeping its place in every bucket. */
  rename(id: string, newId: string): void {
    const item = this.items.get(id);
    if (!item || id === newId) return;
    this.remove(newId);
    this.items.delete(id);
    item.id = newId;
    this.items.set(newId, item);
  }

  /** Forgets an item (a story deleted, or revised and about to be added again). */
  remove(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.items.delete(id);
    item.isHeld = false;
    for (const key of item.signature.bandKeys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      bucket.removed += 1;
      if (bucket.removed * 3 < bucket.items.length) continue;
      bucket.items = bucket.items.filter((held) => held.isHeld);
      bucket.removed = 0;
      if (bucket.items.length === 0) this.buckets.delete(key);
    }
    this.releaseTerms(item.wordIds);
    this.releaseTerms(item.numberIds);
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
    // Shared bands are counted on the held items themselves, stamped with this look-up.
    const lookUp = ++this.lookUps;
    const reached: HeldItem[] = [];
    for (const key of signature.bandKeys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      let read = 0;
      for (let i = bucket.items.length - 1; i >= 0 && read < this.maxBucketReads; i--) {
        const item = bucket.items[i]!;
        if (!item.isHeld) continue;
        read += 1;
        if (item.lookUp === lookUp) {
          item.sharedBands += 1;
        } else {
          item.lookUp = lookUp;
          item.sharedBands = 1;
          reached.push(item);
        }
      }
    }
    const candidates = reached
      .filter((item) => item.sharedBands >= this.minSharedBands && Math.abs(item.publishedAt - time) <= this.windowMs)
      .sort((a, b) => b.sharedBands - a.sharedBands)
      .slice(0, this.maxCandidates);
    if (candidates.length === 0) return undefined;
    const scorer = this.scorerFor(signature, lookUp);
    let best: NearDuplicateMatch | undefined;
    for (const item of candidates) {
      const score = scorer(item);
      if (score >= this.threshold && (!best || score > best.score)) best = { id: item.id, score };
    }
    return best;
  }

  // duplicateScore (duplicate-signature.ts) over term ids: half the cosine of the words weighted by
  // inverse document frequency over the held items plus the candidate (smoothed), half the overlap
  // of the figures. The candidate's terms are marked in an array for this look-up.
  private scorerFor(candidate: DuplicateSignature, mark: number): (item: HeldItem) => number {
    const documents = this.items.size + 1;
    let candidateNorm = 0;
    for (const word of candidate.words) {
      const termId = this.termIds.get(word);
      const frequency = termId === undefined ? 0 : this.documentFrequency[termId]!;
      if (termId !== undefined) this.candidateMark[termId] = mark;
      candidateNorm += (Math.log((documents + 1) / (frequency + 2)) + 1e-6) ** 2;
    }
    let candidateNumbers = 0;
    for (const number of new Set(candidate.numbers)) {
      const termId = this.termIds.get(number);
      if (termId !== undefined) this.candidateMark[termId] = mark;
      candidateNumbers += 1;
    }
    return (item) => {
      let shared = 0;
      let norm = 0;
      for (let i = 0; i < item.wordIds.length; i++) {
        const termId = item.wordIds[i]!;
        const isShared = this.candidateMark[termId] === mark;
        const weight = (Math.log((documents + 1) / (this.documentFrequency[termId]! + (isShared ? 1 : 0) + 1)) + 1e-6) ** 2;
        norm += weight;
        if (isShared) shared += weight;
      }
      const words = candidateNorm === 0 || norm === 0 ? 0 : shared / Math.sqrt(candidateNorm * norm);
      if (candidateNumbers === 0 || item.numberIds.length === 0) return words;
      let sharedNumbers = 0;
      for (let i = 0; i < item.numberIds.length; i++) if (this.candidateMark[item.numberIds[i]!] === mark) sharedNumbers += 1;
      return 0.5 * words + 0.5 * (sharedNumbers / Math.min(candidateNumbers, item.numberIds.length));
    };
  }

  // Numbers a held item's terms, counting each once more.
  private holdTerms(terms: readonly string[]): Int32Array {
    const ids = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      let termId = this.termIds.get(terms[i]!);
      if (termId === undefined) {
        termId = this.freeTermIds.pop() ?? this.termNames.length;
        this.termIds.set(terms[i]!, termId);
        this.termNames[termId] = terms[i]!;
        this.ensureCapacity(termId + 1);
      }
      this.documentFrequency[termId]! += 1;
      ids[i] = termId;
    }
    return ids;
  }

  // Counts each of a removed item's terms once less; a term no item holds gives its id back.
  private releaseTerms(ids: Int32Array): void {
    for (let i = 0; i < ids.length; i++) {
      const termId = ids[i]!;
      this.documentFrequency[termId]! -= 1;
      if (this.documentFrequency[termId] !== 0) continue;
      this.termIds.delete(this.termNames[termId]!);
      this.termNames[termId] = undefined;
      this.freeTermIds.push(termId);
    }
  }

  private ensureCapacity(size: number): void {
    if (size <= this.documentFrequency.length) return;
    const grown = (array: Int32Array) => {
      const next = new Int32Array(Math.max(size, array.length * 2));
      next.set(array);
      return next;
    };
    this.documentFrequency = grown(this.documentFrequency);
    this.candidateMark = grown(this.candidateMark);
  }
}
