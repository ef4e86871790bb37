/**
 * The demo provider on several instances (PostgreSQL, the scale path): two apps on one database,
 * each with its worker, claim the recurring `markets.demo-tick` job in turn. Each minute's prices
 * are written by one of them, once, and what is stored is exactly what one provider alone stores:
 * no tick twice, no minute missing. (On SQLite one process serves a database; the job queue's
 * claim there is the same SQL, covered by the job queue's contract tests.)
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig } from '../../src/config/index.js';
import { buildApp, type App } from '../../src/server.js';
import { createFreshDatabase, testDialect } from '../../src/storage/fresh-database.js';
import type { Database } from '../../src/storage/index.js';
import { firstRunTicks, insertDemoInstrument, minuteTicks, storedTicks, withoutSymbol } from '../support/demo-prices.js';
import { createTestClock } from '../support/newsroom.js';

const SYMBOLS = ['HALD', 'EURUSD', 'BTCUSD'];
const MINUTES = 5;

test.skipIf(testDialect() !== 'postgres')('two instances on one database write each minute\'s demo prices once between them', { timeout: 180_000 }, async () => {
  const fresh = await createFreshDatabase();
  const config = loadConfig({ DATABASE_URL: fresh.url, MEDIA_DIR: join(fresh.dir, 'media'), SITE_URL: 'http://news.test', LOG_LEVEL: 'info', DEMO_CONTENT: 'false', MARKETS_DEMO: 'on' });
  // A Tuesday afternoon: New York and the round-the-clock markets open.
  const clock = createTestClock('2026-05-05T15:00:00.000Z');
  const runs: { instance: number; ticks: number }[] = [];
  const databases: Database[] = [];
  const apps: App[] = [];
  try {
    for (let instance = 0; instance < 2; instance++) databases.push(await openReadyDatabase(config));
    for (const symbol of SYMBOLS) await insertDemoInstrument(databases[0]!.db, symbol);
    const start = clock.now();
    for (const [instance, database] of databases.entries()) {
      const logStream = {
        write(line: string) {
          const entry = JSON.parse(line) as { msg: string; marketsDemo?: { ticks: number } };
          if (entry.msg === 'demo prices written') runs.push({ instance, ticks: entry.marketsDemo!.ticks });
        },
      };
      apps.push(await buildApp({ config, database, clock, logStream }));
    }
    // Both workers started at once and both ask again: one of them made the first run.
    await Promise.all(apps.map((app) => app.marketsDemo!.runDue()));
    for (let minute = 1; minute <= MINUTES; minute++) {
      clock.advance(60_000);
      await Promise.all(apps.map((app) => app.marketsDemo!.runDue()));
    }

    // One run for the start and one a minute, each by one instance.
    expect(runs).toHaveLength(1 + MINUTES);
    const expected = SYMBOLS.map((symbol) => [...firstRunTicks(symbol, start), ...minuteTicks(symbol, start, clock.now())]);
    for (const [n, symbol] of SYMBOLS.entries()) expect(await storedTicks(databases[0]!.db, symbol), symbol).toEqual(expected[n]!.map(withoutSymbol));
    // What the runs report writing is all that is stored: nobody wrote a tick the other had.
    expect(runs.reduce((sum, run) => sum + run.ticks, 0)).toBe(expected.flat().length);
    console.log(`demo runs by instance: ${runs.map((run) => run.instance).join(' ')}`);
  } finally {
    for (const built of apps) await built.app.close();
    for (const database of databases) await database.close();
    await fresh.remove();
  }
});
