import { zonedParts } from '../../content/articles/index.js';

// The trading day of a quote is the exchange's local date, not UTC's: a Tokyo trade at 01:00 UTC
// belongs to that Tokyo day. Instruments traded off exchange (currency pairs, coins, yields) have
// no MIC and keep UTC days. The market-hours helpers may share this map.

/** IANA time zones of the common ISO 10383 market identifier codes. */
export const EXCHANGE_TIME_ZONES: Readonly<Record<string, string>> = {
  XNYS: 'America/New_York',
  XNAS: 'America/New_York',
  XASE: 'America/New_York',
  ARCX: 'America/New_York',
  BATS: 'America/Chicago',
  XCME: 'America/Chicago',
  XCBO: 'America/Chicago',
  XTSE: 'America/Toronto',
  XMEX: 'America/Mexico_City',
  BVMF: 'America/Sao_Paulo',
  XLON: 'Europe/London',
  XETR: 'Europe/Berlin',
  XFRA: 'Europe/Berlin',
  XPAR: 'Europe/Paris',
  XAMS: 'Europe/Amsterdam',
  XBRU: 'Europe/Brussels',
  XLIS: 'Europe/Lisbon',
  XMIL: 'Europe/Rome',
  XMAD: 'Europe/Madrid',
  XSWX: 'Europe/Zurich',
  XSTO: 'Europe/Stockholm',
  XCSE: 'Europe/Copenhagen',
  XHEL: 'Europe/Helsinki',
  XOSL: 'Europe/Oslo',
  XWBO: 'Europe/Vienna',
  XJSE: 'Africa/Johannesburg',
  XTKS: 'Asia/Tokyo',
  XHKG: 'Asia/Hong_Kong',
  XSHG: 'Asia/Shanghai',
  XSHE: 'Asia/Shanghai',
  XKRX: 'Asia/Seoul',
  XTAI: 'Asia/Taipei',
  XSES: 'Asia/Singapore',
  XBOM: 'Asia/Kolkata',
  XNSE: 'Asia/Kolkata',
  XASX: 'Australia/Sydney',
  XNZE: 'Pacific/Auckland',
};

/** The time zone an instrument's trading days are counted in: its exchange's, or UTC off exchange and for an unknown MIC. */
export function timeZoneOfExchange(mic: string | null): string {
  return (mic && EXCHANGE_TIME_ZONES[mic]) || 'UTC';
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: a quote's trading day. */
export function localDateIn(at: Date, timeZone: string): string {
  if (timeZone === 'UTC') return at.toISOString().slice(0, 10);
  const { year, month, day } = zonedParts(at, timeZone);
  return `${year}-${month}-${day}`;
}
