// Hashing of terms into 32-bit features, and MinHash over them (banded for LSH candidate search).
// SimHash and shingle Jaccard were measured against this on the labelled set (README and the
// baseline test in near-duplicate.test.ts).

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
