// What the demo provider reads before it writes: where an instrument's stored prices end, and
// whether anyone else supplies it. One query an instrument, by the primary keys.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { InstrumentKind } from '../types.js';
import { DEMO_SOURCE } from './demo-walk.js';

/** A stored instrument as the demo provider sees it. */
export interface DemoInstrumentState {
  symbol: string;
  kind: InstrumentKind;
  mic: string | null;
  decimals: number;
  /** The time of its latest tick, if any. */
  lastTickAt: string | undefined;
  /** The day of its latest daily bar, if any. */
  lastBarDay: string | undefined;
  /** Whether any tick or bar of it came from another source (pushed, imported): then the demo leaves it alone. */
  hasOtherSource: boolean;
}

/** The instrument of this symbol with where its prices end; undefined when there is none. */
export async function readDemoInstrumentState(db: Kysely<Schema>, symbol: string): Promise<DemoInstrumentState | undefined> {
  const row = await db
    .selectFrom('instruments as i')
    .select((eb) => [
      'i.symbol',
      'i.kind',
      'i.mic',
      'i.decimals',
      eb.selectFrom('quote_ticks as q').select('q.at').whereRef('q.instrument_id', '=', 'i.id').orderBy('q.at', 'desc').limit(1).as('last_tick_at'),
      eb.selectFrom('daily_bars as b').select('b.day').whereRef('b.instrument_id', '=', 'i.id').orderBy('b.day', 'desc').limit(1).as('last_bar_day'),
      // Walks the instrument's rows on the primary key: at most ten days of ticks (the pruner's
      // retention) and five years of bars. A pushed or imported price is rarely the first row, so
      // this is the query's cost; it is paid once a minute an instrument.
      eb
        .or([
          eb.exists(eb.selectFrom('quote_ticks as q').select(sql`1`.as('one')).whereRef('q.instrument_id', '=', 'i.id').where('q.source', '<>', DEMO_SOURCE)),
          eb.exists(eb.selectFrom('daily_bars as b').select(sql`1`.as('one')).whereRef('b.instrument_id', '=', 'i.id').where('b.source', '<>', DEMO_SOURCE)),
        ])
        .as('has_other_source'),
    ])
    .where('i.symbol', '=', symbol)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    symbol: row.symbol,
    kind: row.kind as InstrumentKind,
    mic: row.mic,
    decimals: Number(row.decimals),
    lastTickAt: row.last_tick_at ?? undefined,
    lastBarDay: row.last_bar_day ?? undefined,
    // SQLite answers 0 or 1, PostgreSQL true or false.
    hasOtherSource: Boolean(row.has_other_source),
  };
}
