/**
 * Exactly-once quote ingestion across two instances: two `fortune-sky serve` processes on one
 * database (PostgreSQL in the postgres project, a SQLite file in the sqlite one) receive the same
 * batches at the same moment, as a vendor pushing to both nodes behind a load balancer, or
 * retrying on the other after a timeout, would. Each tick is stored once, every quote is counted
 * once as stored across the two answers, and each daily bar is what the ticks say.
 */
import { expect, test } from 'vitest';
import { issueApiKey } from '../../src/newsroom/api-keys/index.js';
import { insertTestInstrument } from '../support/instruments.js';
import { startTwoInstances } from '../support/two-instances.js';

const SYMBOLS = ['TWOA', 'TWOB', 'TWOC', 'TWOD', 'TWOE'];

test('the same batches pushed to two instances at once are stored once each, with the right daily bars', { timeout: 120_000 }, async () => {
  const site = await startTwoInstances();
  try {
    // Instruments off exchange, so every tick's trading day is its UTC date.
    for (const symbol of SYMBOLS) await insertTestInstrument(site.database.db, { symbol, mic: null, kind: 'fx' });
    const { secret } = await issueApiKey(site.database.db, { name: 'Twin vendor', pushQuotes: 'on' }, { actorUserId: null, now: new Date() });
    // Eight batches of 1,000 quotes over the last hours, in shuffled order (ticks of one day arrive out of order).
    const end = Date.now() - 60_000;
    const quotes = Array.from({ length: 8000 }, (_, n) => ({
      symbol: SYMBOLS[n % SYMBOLS.length]!,
      time: new Date(end - Math.floor(n / SYMBOLS.length) * 7_000).toISOString(),
      price: Math.round((100 + 10 * Math.sin(n / 37)) * 100) / 100,
      volume: 8000 - n,
    }));
    const shuffled = quotes.map((quote, n) => ({ quote, order: (n * 7919) % quotes.length })).sort((a, b) => a.order - b.order).map(({ quote }) => quote);
    const batches = Array.from({ length: 8 }, (_, n) => shuffled.slice(n * 1000, (n + 1) * 1000));
    const push = async (baseUrl: string, batch: typeof quotes) => {
      const response = await fetch(`${baseUrl}/api/v1/markets/quotes`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ quotes: batch }) });
      expect(response.status).toBe(200);
      return (await response.json()) as { stored: number; alreadyStored: number; refused: unknown[] };
    };
    const reports = await Promise.all(batches.flatMap((batch) => site.instances.map((instance) => push(instance.baseUrl, batch))));
    expect(reports.flatMap((report) => report.refused)).toEqual([]);
    expect(reports.reduce((sum, report) => sum + report.stored, 0)).toBe(quotes.length);
    expect(reports.reduce((sum, report) => sum + report.alreadyStored, 0)).toBe(quotes.length);

    const ticks = await site.database.db.selectFrom('quote_ticks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(ticks.n)).toBe(quotes.length);
    const bars = await site.database.db
      .selectFrom('daily_bars')
      .innerJoin('instruments', 'instruments.id', 'daily_bars.instrument_id')
      .select(['symbol', 'day', 'open', 'high', 'low', 'close', 'volume'])
      .orderBy('symbol')
      .orderBy('day')
      .execute();
    // The bars the ticks make, worked out here from the quotes themselves.
    const expected = new Map<string, { symbol: string; day: string; open: number; high: number; low: number; close: number; volume: number; first: string; last: string }>();
    for (const quote of quotes) {
      const day = quote.time.slice(0, 10);
      const key = `${quote.symbol} ${day}`;
      const bar = expected.get(key);
      if (!bar) {
        expected.set(key, { symbol: quote.symbol, day, open: quote.price, high: quote.price, low: quote.price, close: quote.price, volume: quote.volume, first: quote.time, last: quote.time });
        continue;
      }
      if (quote.time < bar.first) Object.assign(bar, { open: quote.price, first: quote.time });
      if (quote.time > bar.last) Object.assign(bar, { close: quote.price, volume: quote.volume, last: quote.time });
      bar.high = Math.max(bar.high, quote.price);
      bar.low = Math.min(bar.low, quote.price);
    }
    const want = [...expected.values()].sort((a, b) => a.symbol.localeCompare(b.symbol) || a.day.localeCompare(b.day)).map(({ first: _first, last: _last, ...bar }) => bar);
    expect(bars.map((bar) => ({ ...bar, open: Number(bar.open), high: Number(bar.high), low: Number(bar.low), close: Number(bar.close), volume: Number(bar.volume) }))).toEqual(want);
  } finally {
    await site.stop();
  }
});
