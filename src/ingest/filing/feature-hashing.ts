// Hashing of tokens and shingles into 32-bit features, and the two sketches duplicate detection
// can use over them: MinHash (estimates Jaccard similarity, banded for LSH) and SimHash (64 bits,
// near copies differ in few bits). Both are measured on the labelled set; see README.

/** FNV-1a over the UTF-16 units of a string: a fast, stable 32-bit hash (unsigned). */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** The MurmurHash3 finaliser: spreads every input bit over the output (FNV alone clusters). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The distinct hashed word shingles (runs of `size` tokens) of a token list, sorted ascending. */
export function shingleFeatures(tokens: readonly string[], size: number): Uint32Array {
  const features = new Set<number>();
  if (tokens.length < size) {
    if (tokens.length > 0) features.add(hashString(tokens.join(' ')));
  } else {
    for (let i = 0; i + size <= tokens.length; i++) features.add(hashString(tokens.slice(i, i + size).join(' ')));
  }
  return Uint32Array.from(features).sort();
}

/** Jaccard similarity of two sorted feature sets: shared over all. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const shared = countShared(a, b);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** Overlap (Szymkiewicz–Simpson) of two sorted feature sets: shared over the smaller set, so a rewrite that adds a sentence still scores high. */
export function overlap(a: Uint32Array, b: Uint32Array): number {
  const smaller = Math.min(a.length, b.length);
  return smaller === 0 ? 0 : countShared(a, b) / smaller;
}

function countShared(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return shared;
}

const MIN_HASH_SEEDS = Uint32Array.from({ length: 256 }, (_, k) => mix32(Math.imul(k + 1, 0x9e3779b9)));

/** The MinHash signature of a feature set: for each of `count` (≤ 256) seeded hash functions, the least value. */
export function minHashSignature(features: Uint32Array, count: number): Uint32Array {
  const signature = new Uint32Array(Math.min(count, MIN_HASH_SEEDS.length)).fill(0xffffffff);
  for (let f = 0; f < features.length; f++) {
    const feature = features[f]!;
    for (let k = 0; k < signature.length; k++) {
      // mix32 inlined: this loop is most of the signature's cost.
      let h = (feature ^ MIN_HASH_SEEDS[k]!) >>> 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < signature[k]!) signature[k] = h;
    }
  }
  return signature;
}

/** LSH band keys of a MinHash signature: `bands` keys of `rows` values each; items sharing any key are candidates. */
export function bandKeys(signature: Uint32Array, bands: number, rows: number): string[] {
  const keys: string[] = [];
  for (let band = 0; band < bands; band++) {
    let hash = 0x811c9dc5 ^ band;
    for (let row = 0; row < rows; row++) hash = mix32(Math.imul(hash ^ signature[band * rows + row]!, 0x01000193));
    keys.push(`${band}:${hash.toString(36)}`);
  }
  return keys;
}

/** The 64-bit SimHash of a feature set, as two 32-bit halves [high, low]. */
export function simHash(features: Uint32Array): [number, number] {
  const weights = new Int32Array(64);
  for (const feature of features) {
    const high = mix32(feature ^ 0x5bd1e995);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (feature >>> bit) & 1 ? 1 : -1;
      weights[bit + 32]! += (high >>> bit) & 1 ? 1 : -1;
    }
  }
  let low = 0;
  let high = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) low |= 1 << bit;
    if (weights[bit + 32]! > 0) high |= 1 << bit;
  }
  return [high >>> 0, low >>> 0];
}

/** How many of 64 bits differ between two SimHashes. */
export function hammingDistance(a: readonly [number, number], b: readonly [number, number]): number {
  return popCount(a[0] ^ b[0]) + popCount(a[1] ^ b[1]);
}

function popCount(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
