// RFC 9110 §10.2.3: Retry-After is either a number of seconds or an HTTP date.

/** How long a `Retry-After` value asks us to wait, in ms from `now` (never negative); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month in letters; without one, Date.parse would also take "5.5" or "2024".
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
