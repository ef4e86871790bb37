// Deterministic synthetic newsroom text for benchmarks: plausible lengths and shapes, no meaning.

/** A small, fast, seeded pseudo-random generator (mulberry32): the same seed gives the same data set. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'market markets shares stocks bonds yields rates inflation growth earnings revenue profit margin guidance investors ' +
  'analysts traders bank banks lender credit debt equity fund funds index futures oil gas copper gold currency dollar ' +
  'euro yen yuan central policy rally slump surge decline quarter annual forecast outlook demand supply chain factory ' +
  'orders exports imports tariffs regulators merger acquisition deal stake offering listing valuation startup platform ' +
  'software cloud chips data network users subscribers advertising retail consumers spending housing mortgage labor ' +
  'wages jobs hiring layoffs energy power grid battery electric vehicles shipping freight ports logistics insurance ' +
  'pension commodity steel aluminium wheat coffee sugar crude refinery pipeline output capacity costs prices pressure ' +
  'the a of to in for on with as by at from that which while after before since amid despite against over under ' +
  'said says expects expected reported rose fell climbed dropped gained lost jumped slipped edged held cut raised'
).split(' ');

const CAPITALISED = WORDS.filter((word) => word.length > 3).map((word) => word[0]!.toUpperCase() + word.slice(1));

/** A whole number in [min, max]. */
export function pickInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a list. */
export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function sentence(random: () => number): string {
  const length = pickInt(random, 8, 24);
  const words = Array.from({ length }, () => pick(random, WORDS));
  if (random() < 0.3) words.splice(pickInt(random, 1, length - 1), 0, `${pickInt(random, 1, 99)}.${pickInt(random, 0, 9)} per cent`);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Makes paragraphs of synthetic text; sentences come from a pool built once, so a large data set is quick to write. */
export function createParagraphWriter(random: () => number, poolSize = 4000): (targetWords: number) => { paragraphs: string[]; words: number } {
  const pool = Array.from({ length: poolSize }, () => {
    const text = sentence(random);
    return { text, words: text.split(' ').length };
  });
  return (targetWords) => {
    const paragraphs: string[] = [];
    let words = 0;
    while (words < targetWords) {
      const sentences = Array.from({ length: pickInt(random, 2, 5) }, () => pick(random, pool));
      words += sentences.reduce((sum, s) => sum + s.words, 0);
      paragraphs.push(sentences.map((s) => s.text).join(' '));
    }
    return { paragraphs, words };
  };
}

/** A headline of 6–11 capitalised words. */
export function syntheticHeadline(random: () => number): string {
  return Array.from({ length: pickInt(random, 6, 11) }, () => (random() < 0.6 ? pick(random, CAPITALISED) : pick(random, WORDS))).join(' ');
}

/** A two-word name from the capitalised vocabulary, e.g. for topics. */
export function syntheticName(random: () => number): string {
  return `${pick(random, CAPITALISED)} ${pick(random, CAPITALISED)}`;
}
