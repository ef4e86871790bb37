// Seeded randomness addressed by position: a number is a hash of (seed, instrument, day, …), as
// in a counter-based generator (the splitmix / murmur finaliser), not the next draw of a stream.
// So the demo's price at a time never depends on which range was asked for, or in what order.
import { mix32 } from '../../ingest/filing/feature-hashing.js';

// murmur3's 32-bit finaliser (every input bit moves every output bit), shared with the ingest's feature hashing.
const mix = mix32;

/** A 32-bit hash of a position: seed, instrument key, day and stream (each taken modulo 2³²). */
export function hashOf(seed: number, key: number, day: number, stream: number): number {
  return mix(mix(mix(mix(seed ^ 0x9e3779b9) ^ key) ^ day) ^ stream);
}

/** A 32-bit key of a string (FNV-1a), to mix an instrument's symbol in. */
export function keyOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const toUnit = (h: number) => (h + 0.5) / 2 ** 32;
// The index-th number of a position: one more mix (a day's path draws ~100 of them).
const draw = (hash: number, index: number) => mix((hash + Math.imul(index, 0x9e3779b9)) | 0);

/** The index-th uniform number in (0, 1) of a position's hash. */
export function uniformOf(hash: number, index = 0): number {
  return toUnit(draw(hash, index));
}

/** The index-th standard normal number of a position's hash (Box–Muller on two uniforms). */
export function normalOf(hash: number, index = 0): number {
  const h = draw(hash, index);
  return Math.sqrt(-2 * Math.log(toUnit(h))) * Math.cos(2 * Math.PI * toUnit(mix(h ^ 0x5bd1e995)));
}
