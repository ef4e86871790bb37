// Times are stored in UTC and shown in the site's time zone as "YYYY-MM-DD HH:mm" (the seed's
// format), with the UTC offset in machine-readable attributes.

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

/** The wall-clock parts of an instant in a time zone, and its offset from UTC in minutes. */
export interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  offsetMinutes: number;
}

function exactOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

// Intl's formatToParts costs tens of microseconds, and listings show dozens of times. A zone's
// offset is constant within almost every UTC day, so it is looked up once per zone and day; a
// day that holds a transition (the offset differs at its two ends) is resolved by the hour, and
// an hour that holds one is computed exactly. Zones change offset at most a few times a year.
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const offsetCache = new Map<string, number>();

function constantOffset(startMs: number, lengthMs: number, timeZone: string): number | undefined {
  const key = `${timeZone} ${lengthMs} ${startMs}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return Number.isNaN(cached) ? undefined : cached;
  const atStart = exactOffsetMinutes(startMs, timeZone);
  const isConstant = atStart === exactOffsetMinutes(startMs + lengthMs - 1, timeZone);
  if (offsetCache.size >= 100_000) offsetCache.clear();
  offsetCache.set(key, isConstant ? atStart : NaN);
  return isConstant ? atStart : undefined;
}

/** A time zone's offset from UTC at an instant, in minutes (New York in winter: −300). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  return offsetMinutes(instant.getTime(), timeZone);
}

function offsetMinutes(epochMs: number, timeZone: string): number {
  return (
    constantOffset(Math.floor(epochMs / DAY_MS) * DAY_MS, DAY_MS, timeZone) ??
    constantOffset(Math.floor(epochMs / HOUR_MS) * HOUR_MS, HOUR_MS, timeZone) ??
    exactOffsetMinutes(epochMs, timeZone)
  );
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Splits an instant into wall-clock parts in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const epochMs = instant.getTime();
  const offset = offsetMinutes(epochMs, timeZone);
  const wall = new Date(epochMs + offset * 60_000);
  return {
    year: pad(wall.getUTCFullYear(), 4),
    month: pad(wall.getUTCMonth() + 1),
    day: pad(wall.getUTCDate()),
    hour: pad(wall.getUTCHours()),
    minute: pad(wall.getUTCMinutes()),
    second: pad(wall.getUTCSeconds()),
    offsetMinutes: offset,
  };
}

/** "2023-05-26 03:46": how the site shows a time. */
export function formatDisplayTime(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2023-05-26T03:46:00+08:00": ISO 8601 in the site's time zone with its offset. */
export function formatIsoWithOffset(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  const sign = p.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(p.offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** "2023-05-26": the calendar date of an instant in a time zone (the date in an article's URL). */
export function calendarDate(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Normalises any ISO 8601 instant to the stored form (UTC, milliseconds, Z). */
export function toStoredTime(value: string | Date): string {
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}
