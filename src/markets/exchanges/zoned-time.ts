// Calendar days and wall-clock times in an IANA time zone, with Intl only (no time-zone library);
// offsets come from the site's own zone clock (content/articles/publication-time.ts).
import { utcOffsetMinutes } from '../../content/articles/index.js';

// A day is 'YYYY-MM-DD'; a day number counts days since 1970-01-01 (a Thursday).

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** A wall-clock reading in one time zone. */
export interface ZonedParts {
  day: string;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  /** Minutes since local midnight (0–1439). */
  minuteOfDay: number;
}

/** The zone's offset from UTC at an instant, in minutes (New York in winter: −300); cached per zone and day or hour. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  return utcOffsetMinutes(at, timeZone);
}

/** The local day, weekday and minute of an instant in a zone. */
export function zonedParts(timeZone: string, at: Date): ZonedParts {
  const local = at.getTime() + zoneOffsetMinutes(timeZone, at) * MS_PER_MINUTE;
  const dayNumber = Math.floor(local / MS_PER_DAY);
  return { day: dayFromNumber(dayNumber), weekday: weekdayOf(dayNumber), minuteOfDay: Math.floor((local - dayNumber * MS_PER_DAY) / MS_PER_MINUTE) };
}

/**
 * The instant a zone's clocks show `minuteOfDay` on `day` (minutes may run past either end of the
 * day: −420 is 17:00 the day before). A time skipped by a DST change reads as the instant after it.
 */
export function zonedTimeToInstant(timeZone: string, day: string, minuteOfDay: number): Date {
  const wallClock = dayNumberOf(day) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  const offsetAt = (instant: number) => zoneOffsetMinutes(timeZone, new Date(instant));
  // The offset at the wall-clock reading taken as UTC is right unless a change lies between the two.
  const guess = wallClock - offsetAt(wallClock) * MS_PER_MINUTE;
  const guessOffset = offsetAt(guess);
  const corrected = wallClock - guessOffset * MS_PER_MINUTE;
  if (offsetAt(corrected) === guessOffset) return new Date(corrected);
  // No instant shows this reading (clocks jumped past it): the later of the two.
  return new Date(Math.max(guess, corrected));
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day; throws on anything else. */
export function dayNumberOf(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(time) || dayFromNumber(time / MS_PER_DAY) !== day) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return time / MS_PER_DAY;
}

/** The 'YYYY-MM-DD' day of a day number. */
export function dayFromNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}
