// Sanity bounds on quotes and daily bars (issue 13: "quotes outside sanity bounds — negative
// prices, a 90 % jump, times in the future — are refused with a reason"). Pure: the caller passes
// the instrument, the last stored price and the time. Each refusal names the field at fault.
import type { DailyBar, DelayMinutes, InstrumentKind, Quote } from '../types.js';

/** A quote as a provider hands it in (the push API, a CSV file), before it is checked: `time` is ISO 8601 with a zone (Z or ±hh:mm); the source is the batch's. */
export type QuoteInput = Omit<Quote, 'at' | 'source'> & { time: string };

/** One trading day as an import hands it in, before it is checked; the source and delay are the import's. */
export type DailyBarInput = Omit<DailyBar, 'source' | 'delayMinutes'>;

/** Why a quote or bar was refused: the field at fault and what is wrong with it. */
export interface Refusal {
  field: string;
  reason: string;
}

/** How far a quote's clock may run ahead of ours (clock skew between a vendor and us). */
export const CLOCK_SKEW_MS = 60_000;
/** The oldest quote taken as a tick: older prices belong in daily history (ticks are kept 10 days). */
export const TICK_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** A move this large from the last stored price (as a fraction, either way) is refused as a likely error. */
export const MAX_JUMP = 0.9;
/** A yield moving this many percentage points at once is refused (percent jumps mean nothing near zero). */
export const MAX_RATE_JUMP_POINTS = 5;
/** The longest delay a source may declare, in minutes (a day); null means end of day. */
export const MAX_DELAY_MINUTES = 24 * 60;

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether y-m-d names a day of the calendar (2024-02-30 does not; Date would roll it into March). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses an ISO 8601 time with a zone; undefined when it is not one (no zone, impossible date or hour). Runs for every quote pushed: no allocation past the match. */
export function parseQuoteTime(text: string): Date | undefined {
  const match = ISO_TIME.exec(text);
  if (!match) return undefined;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || Number(match[4]) > 23 || Number(match[5]) > 59 || (match[6] !== undefined && Number(match[6]) > 59)) return undefined;
  // Only days past the 28th can fall off the end of a month (2024-02-30).
  if (day > 28 && !isCalendarDay(Number(match[1]), month, day)) return undefined;
  if (match[7] !== undefined && (Number(match[7]) > 18 || Number(match[8]) > 59)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Whether text is a YYYY-MM-DD day of the calendar. */
export function isIsoDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Why a price cannot be one of this kind of instrument, if it cannot: finite, and above zero except for yields (real yields went negative). */
export function refusePrice(field: string, price: number, kind: InstrumentKind): Refusal | undefined {
  if (!Number.isFinite(price)) return { field, reason: `${field} must be a finite number` };
  if (kind !== 'rate' && price <= 0) return { field, reason: `${field} must be above zero (got ${price}); only yields may be zero or negative` };
  return undefined;
}

function refuseVolume(field: string, volume: number | null): Refusal | undefined {
  if (volume !== null && !(Number.isFinite(volume) && volume >= 0)) return { field, reason: `${field} must be zero or more (got ${volume})` };
  return undefined;
}

/** Why a move from the last stored price to this one is implausible, if it is. */
export function refuseJump(price: number, lastPrice: number | undefined, kind: InstrumentKind): Refusal | undefined {
  if (lastPrice === undefined) return undefined;
  if (kind === 'rate') {
    if (Math.abs(price - lastPrice) < MAX_RATE_JUMP_POINTS) return undefined;
    return { field: 'price', reason: `price moves ${Math.abs(price - lastPrice).toFixed(2)} points from the last stored yield (${lastPrice} to ${price}); ${MAX_RATE_JUMP_POINTS} or more is refused as a likely error` };
  }
  const change = (price - lastPrice) / lastPrice;
  if (Math.abs(change) < MAX_JUMP) return undefined;
  const percent = Math.round(change * 100);
  return { field: 'price', reason: `price jumps ${percent > 0 ? '+' : ''}${percent} % from the last stored price (${lastPrice} to ${price}); a move of 90 % or more is refused as a likely error` };
}

/** What a quote is checked against: its instrument's kind (undefined: no such instrument), the last stored price, and the time now. */
export interface QuoteCheckContext {
  kind: InstrumentKind | undefined;
  lastPrice: number | undefined;
  now: Date;
}

/** Checks a quote; returns its time when it passes, or the first refusal (field and reason). */
export function checkQuote(quote: QuoteInput, { kind, lastPrice, now }: QuoteCheckContext): { at: Date } | { refusal: Refusal } {
  if (kind === undefined) return { refusal: { field: 'symbol', reason: `symbol ${JSON.stringify(quote.symbol)} is not an instrument of this site (instruments are added in the newsroom)` } };
  const at = parseQuoteTime(quote.time);
  if (!at) return { refusal: { field: 'time', reason: 'time must be an ISO 8601 time with a zone, such as 2024-03-01T14:30:00Z' } };
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return { refusal: { field: 'time', reason: `time ${quote.time} is in the future (now is ${now.toISOString()})` } };
  if (at.getTime() < now.getTime() - TICK_MAX_AGE_MS) return { refusal: { field: 'time', reason: `time ${quote.time} is more than 7 days old: import older prices as daily history` } };
  const refusal = refusePrice('price', quote.price, kind) ?? refuseJump(quote.price, lastPrice, kind) ?? refuseVolume('volume', quote.dayVolume) ?? refuseDelay(quote.delayMinutes);
  return refusal ? { refusal } : { at };
}

function refuseDelay(delay: DelayMinutes): Refusal | undefined {
  if (delay === null || (Number.isInteger(delay) && delay >= 0 && delay <= MAX_DELAY_MINUTES)) return undefined;
  return { field: 'delayMinutes', reason: `delayMinutes must be a whole number from 0 to ${MAX_DELAY_MINUTES} (got ${delay})` };
}

/** Checks a daily bar; `today` is the exchange's local date now (a bar for a later day is refused). */
export function checkDailyBar(bar: DailyBarInput, kind: InstrumentKind, today: string): Refusal | undefined {
  if (!isIsoDay(bar.day)) return { field: 'date', reason: `date ${JSON.stringify(bar.day)} is not a YYYY-MM-DD day of the calendar` };
  if (bar.day > today) return { field: 'date', reason: `date ${bar.day} is in the future (today is ${today} at the exchange)` };
  for (const field of ['open', 'high', 'low', 'close'] as const) {
    const refusal = refusePrice(field, bar[field], kind);
    if (refusal) return refusal;
  }
  if (bar.adjClose !== null && !Number.isFinite(bar.adjClose)) return { field: 'adjClose', reason: 'adjClose must be a finite number' };
  if (bar.low > bar.high) return { field: 'low', reason: `low ${bar.low} is above high ${bar.high}` };
  for (const field of ['open', 'close'] as const) {
    if (bar[field] < bar.low || bar[field] > bar.high) return { field, reason: `${field} ${bar[field]} lies outside the day's range ${bar.low}–${bar.high}` };
  }
  return refuseVolume('volume', bar.volume);
}
