import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { listStripInstruments } from '../instruments/index.js';
import type { Instrument } from '../types.js';

/** One place in the ticker strip as every page shows it: a short name linking to the quote page. */
export interface StripLink {
  symbol: string;
  /** The short name shown (see stripLabel). */
  label: string;
}

/** The strip's instruments, read once and kept in memory until the strip changes. */
export interface StripInstruments {
  /** The strip in its order: read from the database on first use, then answered from memory. */
  list(): Promise<readonly StripLink[]>;
  /** Drops the kept list, so the next list() reads it again: called when every page is purged (a strip change does that). */
  forget(): void;
}

/**
 * The name a strip shows: a currency pair as `EUR/USD`, anything else by the shortest of its name
 * and aliases ("Brent" for Brent crude oil, "FS 100" for the Fortune Sky 100): the strip is one
 * line, and the quote page it links to gives the full name.
 */
export function stripLabel(instrument: Pick<Instrument, 'symbol' | 'kind' | 'name' | 'aliases'>): string {
  if (instrument.kind === 'fx' && /^[A-Z]{6}$/.test(instrument.symbol)) return `${instrument.symbol.slice(0, 3)}/${instrument.symbol.slice(3)}`;
  return [instrument.name, ...instrument.aliases].reduce((shortest, name) => (name.length < shortest.length ? name : shortest));
}

/**
 * Keeps the strip's instruments for every page render: one query after start and after each
 * change to the strip, none per page (every page's HTML carries the strip's names and links).
 */
export function createStripInstruments(db: Kysely<Schema>): StripInstruments {
  let kept: Promise<readonly StripLink[]> | undefined;
  return {
    list() {
      if (kept) return kept;
      const reading = listStripInstruments(db).then((instruments) => instruments.map((instrument) => ({ symbol: instrument.symbol, label: stripLabel(instrument) })));
      kept = reading;
      // A failed read is not kept: the next page asks again.
      reading.catch(() => {
        if (kept === reading) kept = undefined;
      });
      return reading;
    },
    forget() {
      // A read in flight when the strip changed still answers the pages that asked for it (the page
      // cache stores no render that raced a purge); the next list() reads afresh.
      kept = undefined;
    },
  };
}
