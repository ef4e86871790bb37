// Trading hours of the common exchanges (ISO 10383 MICs), in each exchange's own time zone.
// Regular sessions only, with the lunch breaks of Tokyo, Hong Kong, Shanghai, Shenzhen and
// Singapore as two sessions; pre-market and after-hours only where they are common (the US).
// Public holidays are listed for 2026 (the demo year) on the exchanges of the demo set (New York,
// Nasdaq, London, Xetra, Tokyo); other years and exchanges read every weekday as a trading day.

/** A span of local clock time: minutes since midnight, end exclusive. */
export interface ClockSpan {
  start: number;
  end: number;
}

/** An exchange: its name, time zone and hours. */
export interface Exchange {
  mic: string;
  name: string;
  /** IANA time zone the hours are given in. */
  timeZone: string;
  /** Regular sessions in order (two when the exchange breaks for lunch). */
  sessions: readonly ClockSpan[];
  preMarket?: ClockSpan;
  afterHours?: ClockSpan;
  /** Weekdays without trading ('YYYY-MM-DD'), where known. */
  holidays?: ReadonlySet<string>;
}

const at = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const span = (start: string, end: string): ClockSpan => ({ start: at(start), end: at(end) });
const day = (start: string, end: string) => [span(start, end)];

const holidays = (...days: string[]) => new Set(days.map((monthDay) => `2026-${monthDay}`));
// New Year, Martin Luther King Jr., Presidents, Good Friday, Memorial, Juneteenth, Independence
// (observed), Labor, Thanksgiving and Christmas days.
const US_2026 = holidays('01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25');
const US = { sessions: day('09:30', '16:00'), preMarket: span('04:00', '09:30'), afterHours: span('16:00', '20:00'), holidays: US_2026 };
const EUROPE = day('09:00', '17:30');
const CHINA = [span('09:30', '11:30'), span('13:00', '15:00')];

const LIST: Exchange[] = [
  { mic: 'XNYS', name: 'New York Stock Exchange', timeZone: 'America/New_York', ...US },
  { mic: 'XNAS', name: 'Nasdaq', timeZone: 'America/New_York', ...US },
  { mic: 'XTSE', name: 'Toronto Stock Exchange', timeZone: 'America/Toronto', sessions: day('09:30', '16:00') },
  { mic: 'BVMF', name: 'B3 (São Paulo)', timeZone: 'America/Sao_Paulo', sessions: day('10:00', '17:00') },
  // England's bank holidays (Boxing Day on Monday 28 December).
  { mic: 'XLON', name: 'London Stock Exchange', timeZone: 'Europe/London', sessions: day('08:00', '16:30'), holidays: holidays('01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28') },
  { mic: 'XETR', name: 'Xetra (Deutsche Börse)', timeZone: 'Europe/Berlin', sessions: EUROPE, holidays: holidays('01-01', '04-03', '04-06', '05-01', '12-24', '12-25', '12-31') },
  { mic: 'XPAR', name: 'Euronext Paris', timeZone: 'Europe/Paris', sessions: EUROPE },
  { mic: 'XAMS', name: 'Euronext Amsterdam', timeZone: 'Europe/Amsterdam', sessions: EUROPE },
  { mic: 'XBRU', name: 'Euronext Brussels', timeZone: 'Europe/Brussels', sessions: EUROPE },
  { mic: 'XMIL', name: 'Borsa Italiana (Euronext Milan)', timeZone: 'Europe/Rome', sessions: EUROPE },
  { mic: 'XMAD', name: 'Bolsa de Madrid', timeZone: 'Europe/Madrid', sessions: EUROPE },
  { mic: 'XSWX', name: 'SIX Swiss Exchange', timeZone: 'Europe/Zurich', sessions: day('09:00', '17:30') },
  { mic: 'XSTO', name: 'Nasdaq Stockholm', timeZone: 'Europe/Stockholm', sessions: day('09:00', '17:30') },
  { mic: 'XJSE', name: 'Johannesburg Stock Exchange', timeZone: 'Africa/Johannesburg', sessions: day('09:00', '17:00') },
  { mic: 'XBOM', name: 'BSE (Mumbai)', timeZone: 'Asia/Kolkata', sessions: day('09:15', '15:30') },
  { mic: 'XNSE', name: 'National Stock Exchange of India', timeZone: 'Asia/Kolkata', sessions: day('09:15', '15:30') },
  { mic: 'XSES', name: 'Singapore Exchange', timeZone: 'Asia/Singapore', sessions: [span('09:00', '12:00'), span('13:00', '17:00')] },
  { mic: 'XSHG', name: 'Shanghai Stock Exchange', timeZone: 'Asia/Shanghai', sessions: CHINA },
  { mic: 'XSHE', name: 'Shenzhen Stock Exchange', timeZone: 'Asia/Shanghai', sessions: CHINA },
  { mic: 'XHKG', name: 'Hong Kong Exchanges', timeZone: 'Asia/Hong_Kong', sessions: [span('09:30', '12:00'), span('13:00', '16:00')] },
  { mic: 'XKRX', name: 'Korea Exchange', timeZone: 'Asia/Seoul', sessions: day('09:00', '15:30') },
  // Tokyo closes at 15:30 since November 2024 (15:00 before).
  {
    mic: 'XTKS',
    name: 'Tokyo Stock Exchange',
    timeZone: 'Asia/Tokyo',
    sessions: [span('09:00', '11:30'), span('12:30', '15:30')],
    // The new-year closing, Japan's national holidays (Golden Week, the September "silver week"), and 31 December.
    holidays: holidays('01-01', '01-02', '01-12', '02-11', '02-23', '03-20', '04-29', '05-04', '05-05', '05-06', '07-20', '08-11', '09-21', '09-22', '09-23', '10-12', '11-03', '11-23', '12-31'),
  },
  { mic: 'XASX', name: 'Australian Securities Exchange', timeZone: 'Australia/Sydney', sessions: day('10:00', '16:00') },
  { mic: 'XNZE', name: 'NZX (Wellington)', timeZone: 'Pacific/Auckland', sessions: day('10:00', '16:45') },
];

/** The exchanges whose hours are known, by MIC. */
export const EXCHANGES: ReadonlyMap<string, Exchange> = new Map(LIST.map((exchange) => [exchange.mic, exchange]));

/** The exchange of a MIC (any case), or undefined when its hours are not known. */
export function findExchange(mic: string | null): Exchange | undefined {
  return mic === null ? undefined : EXCHANGES.get(mic.toUpperCase());
}

/**
 * Venues the newsroom may name whose hours are not kept here (futures exchanges, smaller stock
 * exchanges): their names, and the zone their trading days are counted in. Any other well-formed
 * MIC is accepted as it is (neither list is the registry).
 */
const OTHER_VENUES: ReadonlyMap<string, { name: string; timeZone: string }> = new Map([
  ['XASE', { name: 'NYSE American', timeZone: 'America/New_York' }],
  ['ARCX', { name: 'NYSE Arca', timeZone: 'America/New_York' }],
  ['BATS', { name: 'Cboe BZX', timeZone: 'America/Chicago' }],
  ['XCBO', { name: 'Cboe Options', timeZone: 'America/Chicago' }],
  ['XCME', { name: 'CME', timeZone: 'America/Chicago' }],
  ['XCBT', { name: 'CBOT', timeZone: 'America/Chicago' }],
  ['XNYM', { name: 'NYMEX', timeZone: 'America/New_York' }],
  ['XMEX', { name: 'Bolsa Mexicana de Valores', timeZone: 'America/Mexico_City' }],
  ['IFEU', { name: 'ICE Futures Europe', timeZone: 'Europe/London' }],
  ['XFRA', { name: 'Frankfurt Stock Exchange', timeZone: 'Europe/Berlin' }],
  ['XLIS', { name: 'Euronext Lisbon', timeZone: 'Europe/Lisbon' }],
  ['XCSE', { name: 'Nasdaq Copenhagen', timeZone: 'Europe/Copenhagen' }],
  ['XHEL', { name: 'Nasdaq Helsinki', timeZone: 'Europe/Helsinki' }],
  ['XOSL', { name: 'Oslo Børs', timeZone: 'Europe/Oslo' }],
  ['XWBO', { name: 'Wiener Börse', timeZone: 'Europe/Vienna' }],
  ['XTAI', { name: 'Taiwan Stock Exchange', timeZone: 'Asia/Taipei' }],
]);

/** The venue's name for display: the known name, or the MIC itself; "Off exchange" without one. */
export function exchangeName(mic: string | null): string {
  if (mic === null) return 'Off exchange';
  return findExchange(mic)?.name ?? OTHER_VENUES.get(mic.toUpperCase())?.name ?? mic;
}

/** The zone a venue's trading days are counted in, when known. */
export function venueTimeZone(mic: string | null): string | undefined {
  return mic === null ? undefined : (findExchange(mic)?.timeZone ?? OTHER_VENUES.get(mic.toUpperCase())?.timeZone);
}
