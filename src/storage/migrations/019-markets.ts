import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Markets: the instruments the site quotes, their intraday quotes and their daily bars.
 *
 * A quote is unique per instrument and time (`quote_ticks` primary key): the same quote pushed
 * twice, or by two instances, is stored once. A daily bar is unique per instrument and trading day
 * (the exchange's local date); bars come from end-of-day imports or are kept up to date from the
 * ticks (`opened_at` / `closed_at` say which tick set the open and the close, so ticks arriving out
 * of order still leave the right open and close). Prices are double precision on both databases
 * (SQLite's REAL is one); times are ISO strings like every other table. `delay_minutes` is what
 * readers are told: 0 real time, 15 "Delayed 15 min", null "End of day".
 */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('instruments')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('symbol', 'varchar(30)', (c) => c.notNull().unique())
    .addColumn('mic', 'varchar(4)')
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('decimals', 'integer', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('isin', 'varchar(12)')
    .addColumn('strip_position', 'integer')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instruments_strip').on('instruments').columns(['strip_position']).execute();
  await db.schema
    .createTable('quote_ticks')
    .addColumn('instrument_id', 'integer', (c) => c.notNull().references('instruments.id').onDelete('cascade'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('price', 'double precision', (c) => c.notNull())
    .addColumn('day_volume', 'double precision')
    .addColumn('source', 'varchar(100)', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer')
    .addColumn('received_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('quote_ticks_pk', ['instrument_id', 'at'])
    .execute();
  await db.schema
    .createTable('daily_bars')
    .addColumn('instrument_id', 'integer', (c) => c.notNull().references('instruments.id').onDelete('cascade'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('open', 'double precision', (c) => c.notNull())
    .addColumn('high', 'double precision', (c) => c.notNull())
    .addColumn('low', 'double precision', (c) => c.notNull())
    .addColumn('close', 'double precision', (c) => c.notNull())
    .addColumn('adj_close', 'double precision')
    .addColumn('volume', 'double precision')
    .addColumn('opened_at', 'varchar(30)')
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('source', 'varchar(100)', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer')
    .addPrimaryKeyConstraint('daily_bars_pk', ['instrument_id', 'day'])
    .execute();
}
