import { zonedTimeToInstant } from '../exchanges/index.js';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/;

/**
 * A wall-clock time in a time zone ("2024-03-01 09:30:00", as tick exports write them) as an
 * instant; undefined when it is no such time (2024-02-30, 25:00). A time that a clock change skips
 * or repeats resolves to one of its instants (a skipped time reads as the instant after the change).
 */
export function parseLocalTime(text: string, timeZone: string): Date | undefined {
  const match = LOCAL.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const milliseconds = match[7] ? Math.floor(Number(match[7]) * 1000) : 0;
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  const check = new Date(wallAsUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Clocks change on whole minutes: the minute's instant in the zone, then the seconds.
  return new Date(zonedTimeToInstant(timeZone, `${match[1]}-${match[2]}-${match[3]}`, hour * 60 + minute).getTime() + second * 1000 + milliseconds);
}

/** Whether a time zone name is one this runtime knows (an IANA name such as America/New_York, or UTC). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
