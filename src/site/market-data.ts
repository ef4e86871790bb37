// What the movers page and the Markets front show of prices: blocks of quote snapshots, read in one
// query for the whole page (a site holds hundreds of instruments at most), then ranked and bounded
// by the pure rules below.
import type { Kysely } from 'kysely';
import { moversAmong, readQuoteSnapshots, type MarketMovers, type QuoteSnapshot } from '../markets/quotes/index.js';
import type { InstrumentKind } from '../markets/types.js';
import type { Schema } from '../storage/index.js';

/** The section whose first page shows market data beside its stories. */
export const MARKETS_SECTION_SLUG = 'markets';
/** Rows in each table of the movers page. */
export const MOVERS_ROWS = 10;
/** Rows in each data block of the Markets front. */
export const FRONT_BLOCK_ROWS = 6;
/** Gainers and losers on the Markets front (the movers page has the rest). */
export const FRONT_MOVERS_ROWS = 3;

/** How each kind of instrument is headed on the pages. */
export const KIND_HEADINGS: Readonly<Record<InstrumentKind, string>> = {
  equity: 'Shares',
  index: 'Indices',
  fx: 'Currencies',
  commodity: 'Commodities',
  crypto: 'Crypto',
  rate: 'Yields',
};

/**
 * The kinds the movers page ranks by the size of their move, one table each, beside the shares'
 * gainers, losers and most active. They are few per site (a handful of indices, pairs, commodities,
 * coins and yields), so gainers and losers tables would be one or two rows each, and their volume
 * (none for indices, currencies and yields) says nothing.
 */
const MOVERS_PAGE_KINDS: readonly InstrumentKind[] = ['index', 'fx', 'commodity', 'crypto', 'rate'];
/** The Markets front's data blocks, in order. */
const FRONT_KINDS: readonly InstrumentKind[] = ['index', 'fx', 'commodity', 'rate'];

/** One kind's rows. */
export interface KindBlock {
  kind: InstrumentKind;
  rows: QuoteSnapshot[];
}

/** What the movers page shows. */
export interface MoversPageData {
  shares: MarketMovers;
  kinds: KindBlock[];
}

/** What the Markets front shows beside the section's stories. */
export interface MarketsFrontData {
  kinds: KindBlock[];
  gainers: QuoteSnapshot[];
  losers: QuoteSnapshot[];
}

/**
 * The size of a move, either way: its percent change; a yield's change in points, since a yield's
 * percent change says little (0.20 % to 0.21 % is "up 5 per cent").
 */
function moveSize(snapshot: QuoteSnapshot): number {
  return Math.abs((snapshot.kind === 'rate' ? snapshot.change : snapshot.changePercent) ?? 0);
}

/** The biggest moves either way, largest first (ties by symbol); instruments without a change are left out. */
export function rankByMove(snapshots: readonly QuoteSnapshot[], limit: number): QuoteSnapshot[] {
  return snapshots
    .filter((snapshot) => snapshot.change !== null)
    .sort((a, b) => moveSize(b) - moveSize(a) || a.symbol.localeCompare(b.symbol))
    .slice(0, limit);
}

/** The instruments with a price, the strip's first in its order (the newsroom's choice of what matters most), then the rest by symbol. */
export function orderForFront(snapshots: readonly QuoteSnapshot[], limit: number): QuoteSnapshot[] {
  const place = (snapshot: QuoteSnapshot) => snapshot.stripPosition ?? Number.POSITIVE_INFINITY;
  return snapshots
    .filter((snapshot) => snapshot.last !== null)
    .sort((a, b) => place(a) - place(b) || a.symbol.localeCompare(b.symbol))
    .slice(0, limit);
}

/** Whether a movers page has nothing to show: no instrument with a price that moved or traded. */
export function isMoversPageEmpty({ shares, kinds }: MoversPageData): boolean {
  return shares.gainers.length + shares.losers.length + shares.mostActive.length === 0 && kinds.length === 0;
}

/** Whether the Markets front has no data to show beside its stories (a site without instruments or prices). */
export function isMarketsFrontEmpty({ kinds, gainers, losers }: MarketsFrontData): boolean {
  return kinds.length === 0 && gainers.length + losers.length === 0;
}

/** The snapshots of the shares and the given kinds, in one query, by kind (no 52-week range: these pages do not show it). */
async function readByKind(db: Kysely<Schema>, kinds: readonly InstrumentKind[], now: Date): Promise<Map<InstrumentKind, QuoteSnapshot[]>> {
  const snapshots = await readQuoteSnapshots(db, { kinds: ['equity', ...kinds] }, now, { withYearRange: false });
  const byKind = new Map<InstrumentKind, QuoteSnapshot[]>();
  for (const snapshot of snapshots) {
    const ofKind = byKind.get(snapshot.kind);
    if (ofKind) ofKind.push(snapshot);
    else byKind.set(snapshot.kind, [snapshot]);
  }
  return byKind;
}

/** The movers page's data, from one query. */
export async function readMoversPageData(db: Kysely<Schema>, now: Date): Promise<MoversPageData> {
  const byKind = await readByKind(db, MOVERS_PAGE_KINDS, now);
  const kinds = MOVERS_PAGE_KINDS.map((kind) => ({ kind, rows: rankByMove(byKind.get(kind) ?? [], MOVERS_ROWS) })).filter((block) => block.rows.length > 0);
  return { shares: moversAmong(byKind.get('equity') ?? [], MOVERS_ROWS), kinds };
}

/** The Markets front's data, from one query: a block per kind and the shares' top movers. */
export async function readMarketsFrontData(db: Kysely<Schema>, now: Date): Promise<MarketsFrontData> {
  const byKind = await readByKind(db, FRONT_KINDS, now);
  const kinds = FRONT_KINDS.map((kind) => ({ kind, rows: orderForFront(byKind.get(kind) ?? [], FRONT_BLOCK_ROWS) })).filter((block) => block.rows.length > 0);
  const shares = moversAmong(byKind.get('equity') ?? [], FRONT_MOVERS_ROWS);
  return { kinds, gainers: shares.gainers, losers: shares.losers };
}
