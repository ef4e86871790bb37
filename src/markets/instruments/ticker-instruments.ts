import type { Kysely } from 'kysely';
import { createTickerDetector, type Instrument as TickerInstrument } from '../../ingest/filing/index.js';
import type { IngestTools } from '../../ingest/pipeline/index.js';
import type { Schema } from '../../storage/index.js';

// The detector holds every instrument's names in memory: this many at most (a 10 MB import's worth).
const MAX_DETECTOR_INSTRUMENTS = 100_000;

/**
 * What the instruments table holds, cheaply: how many rows and the latest change. Any add, edit or
 * delete moves it (an add or edit sets a newer `updated_at`; a delete lowers the count).
 */
export async function instrumentsVersion(db: Kysely<Schema>): Promise<string> {
  const row = await db
    .selectFrom('instruments')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}@${row.latest ?? ''}`;
}

/** The instruments as the ingest's ticker detector reads them: symbol, exchange, name and aliases. */
export async function loadTickerInstruments(db: Kysely<Schema>): Promise<TickerInstrument[]> {
  const rows = await db.selectFrom('instruments').select(['symbol', 'mic', 'name', 'aliases']).orderBy('symbol').limit(MAX_DETECTOR_INSTRUMENTS).execute();
  return rows.map((row) => ({ symbol: row.symbol, exchange: row.mic ?? undefined, name: row.name, aliases: JSON.parse(row.aliases) as string[] }));
}

// The version each worker's detector was built from (tools are per worker; nothing to clean up).
const builtFrom = new WeakMap<Pick<IngestTools, 'filing' | 'settings'>, string>();

/**
 * Rebuilds a worker's ticker detector from the instruments table when the table changed since it
 * was built (one small query when it did not). Call it before each batch, off the request path.
 * Returns whether it rebuilt.
 */
export async function refreshTickerDetector(db: Kysely<Schema>, tools: Pick<IngestTools, 'filing' | 'settings'>): Promise<boolean> {
  const version = await instrumentsVersion(db);
  if (builtFrom.get(tools) === version) return false;
  const instruments = await loadTickerInstruments(db);
  // New settings: describing threads build their detector from them when they next describe.
  tools.settings = { ...tools.settings, instruments };
  tools.filing.tickers = createTickerDetector(instruments);
  builtFrom.set(tools, version);
  return true;
}
