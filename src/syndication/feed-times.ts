import { formatIsoWithOffset } from '../content/articles/index.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Fri, 01 Mar 2024 18:00:00 +0800": RFC 822 (RSS 2.0 dates) in the site's time zone, four-digit year. */
export function formatRfc822(iso: string, timeZone: string): string {
  const local = formatIsoWithOffset(iso, timeZone);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})([+-])(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new Error(`Unexpected time format: ${local}`);
  const [, year, month, day, clock, sign, offsetHours, offsetMinutes] = match as unknown as string[];
  const weekday = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay();
  return `${DAYS[weekday]}, ${day} ${MONTHS[Number(month) - 1]} ${year} ${clock} ${sign}${offsetHours}${offsetMinutes}`;
}

/** "Fri, 01 Mar 2024 10:00:00 GMT": the HTTP date for Last-Modified (RFC 9110 §5.6.7). */
export function formatHttpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/** The later of two ISO instants (stored times compare as text). */
export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
