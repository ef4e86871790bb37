// Calendar days and wall-clock times in an IANA time zone, with Intl only (no time-zone library).
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

// One formatter per zone: creating them costs far more than using them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Offsets by zone and quarter hour: every zone changes its offset on a quarter hour of UTC, so one
// reading serves the whole quarter (quote batches ask for thousands of nearby instants). Bounded.
const QUARTER_HOUR_MS = 15 * MS_PER_MINUTE;
const MAX_CACHED_OFFSETS = 10_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in minutes (New York in winter: −300). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const key = `${timeZone} ${Math.floor(at.getTime() / QUARTER_HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offset = readZoneOffset(timeZone, at);
    offsets.set(key, offset);
  }
  return offset;
}

function readZoneOffset(timeZone: string, at: Date): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  const asUtc = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / MS_PER_MINUTE);
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
