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

/** Splits an instant into wall-clock parts in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    offsetMinutes: Math.round((asUtc - wholeSeconds) / 60000),
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
