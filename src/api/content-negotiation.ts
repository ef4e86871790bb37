/** IANA media type of ninjs. */
export const NINJS_MEDIA_TYPE = 'application/ninjs+json';
/** The API's own representation. */
export const JSON_MEDIA_TYPE = 'application/json';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  // Bounded: a header of thousands of ranges is read for its first 50.
  return accept.split(',', 50).flatMap((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const [type, subtype] = range.trim().split('/');
    if (!type || !subtype) return [];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    return [{ type, subtype, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 }];
  });
}

/** How well a media range matches a type: 3 exact, 2 type/*, 1 *\/*, 0 not at all. */
function specificity(range: MediaRange, offered: string): number {
  const [type, subtype] = offered.split('/');
  if (range.type === type && range.subtype === subtype) return 3;
  if (range.type === type && range.subtype === '*') return 2;
  return range.type === '*' && range.subtype === '*' ? 1 : 0;
}

/**
 * The offered media type an Accept header prefers (RFC 9110 §12.5.1: the most specific range that
 * matches a type gives its weight; the highest weight wins, ties go to the first offered), or
 * undefined when it accepts none of them. No Accept header accepts anything: the first offered.
 */
export function chooseMediaType(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (!accept?.trim()) return offered[0];
  const ranges = parseAccept(accept);
  let best: { type: string; q: number } | undefined;
  for (const type of offered) {
    let match: { specificity: number; q: number } | undefined;
    for (const range of ranges) {
      const s = specificity(range, type);
      if (s > 0 && (!match || s > match.specificity)) match = { specificity: s, q: range.q };
    }
    if (match && match.q > 0 && (!best || match.q > best.q)) best = { type, q: match.q };
  }
  return best?.type;
}
