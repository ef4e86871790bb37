// Quote ingestion throughput through the push API (issue 13's budget: ≥ 20,000 quotes/s on
// SQLite): a production server process on a database of its own, fifty instruments, batches of
// 1,000 quotes posted over HTTP a few at a time, as a vendor's feed handler would.
import { sql } from 'kysely';
import { join } from 'node:path';
import { issueApiKey } from '../../src/newsroom/api-keys/index.js';
import { migrateToLatest, openDatabase } from '../../src/storage/index.js';
import { benchPostgresUrl, type BenchDatabase } from './archives.js';
import { readCpuMicros, startProcess } from './processes.js';

/** What one run measured. */
export interface QuoteIngestion {
  quotes: number;
  seconds: number;
  quotesPerSecond: number;
  /** Server CPU per quote (its own process; PostgreSQL's work is not counted). */
  serverCpuMicrosPerQuote: number;
}

/** Where the run happens and how hard it pushes. */
export interface QuoteIngestionOptions {
  database: BenchDatabase;
  /** A scratch folder (the SQLite file goes there). */
  workDir: string;
  /** dist/fortune-sky.js and the node flags `npm start` uses. */
  cli: string;
  nodeFlags: string[];
  env: NodeJS.ProcessEnv;
  /** Quotes measured (after a warm-up of 10,000). */
  quotes?: number;
  /** Batches in flight at once. */
  inFlight?: number;
}

const INSTRUMENTS = 50;
const BATCH = 1000;

/** A fresh database for the run, and how to drop it. */
async function scratchDatabase(database: BenchDatabase, workDir: string, env: NodeJS.ProcessEnv): Promise<{ url: string; remove: () => Promise<void> }> {
  if (database === 'sqlite') return { url: `sqlite:${join(workDir, 'quotes.db')}`, remove: async () => {} };
  const adminUrl = benchPostgresUrl(env);
  const name = `fortune_sky_bench_quotes_${process.pid}`;
  const admin = openDatabase(adminUrl);
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: async () => {
      const again = openDatabase(adminUrl);
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(again.db);
      await again.close();
    },
  };
}

/** Batches of quotes: each instrument's ticks a second apart, starting six days ago (inside the 7 days a tick may be old), prices in a narrow band. */
function makeBatches(count: number, startMs: number): string[] {
  const batches: string[] = [];
  for (let first = 0; first < count; first += BATCH) {
    const quotes = Array.from({ length: BATCH }, (_, n) => {
      const index = first + n;
      const step = Math.floor(index / INSTRUMENTS);
      return { symbol: `BQ${index % INSTRUMENTS}`, time: new Date(startMs + step * 1000).toISOString(), price: 100 + ((index * 7) % 200) / 100, volume: step, delayMinutes: 0 };
    });
    batches.push(JSON.stringify({ quotes }));
  }
  return batches;
}

/** Pushes the batches, `inFlight` at a time; returns the seconds it took. */
async function pushAll(baseUrl: string, secret: string, batches: string[], inFlight: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const body = batches[next++]!;
      const response = await fetch(`${baseUrl}/api/v1/markets/quotes`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body });
      const report = (await response.json()) as { stored?: number };
      if (response.status !== 200 || report.stored !== BATCH) throw new Error(`a bench batch was not stored whole: ${response.status} ${JSON.stringify(report).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (performance.now() - started) / 1000;
}

/** Runs the measurement on a scratch database of the kind asked for. */
export async function measureQuoteIngestion({ database, workDir, cli, nodeFlags, env, quotes = 100_000, inFlight = 4 }: QuoteIngestionOptions): Promise<QuoteIngestion> {
  const scratch = await scratchDatabase(database, workDir, env);
  try {
    const setup = openDatabase(scratch.url);
    await migrateToLatest(setup.db, setup.dialect);
    const now = new Date().toISOString();
    await setup.db
      .insertInto('instruments')
      .values(Array.from({ length: INSTRUMENTS }, (_, n) => ({ symbol: `BQ${n}`, mic: null, name: `Bench quote ${n}`, kind: 'fx', currency: 'USD', decimals: 4, aliases: '[]', isin: null, strip_position: null, created_at: now, updated_at: now })))
      .execute();
    const { secret } = await issueApiKey(setup.db, { name: 'Bench vendor', pushQuotes: 'on' }, { actorUserId: null, now: new Date() });
    await setup.close();

    const server = await startProcess([...nodeFlags, cli, 'serve'], { DATABASE_URL: scratch.url, PORT: '0', HOST: '127.0.0.1', DEMO_CONTENT: 'false', LOG_LEVEL: 'warn', API_KEY_RATE_LIMIT: '1000000' });
    try {
      const warmUp = 10_000;
      const batches = makeBatches(warmUp + quotes, Date.now() - 6 * 24 * 60 * 60 * 1000);
      await pushAll(server.baseUrl, secret, batches.slice(0, warmUp / BATCH), inFlight);
      const cpuBefore = readCpuMicros(server.pid);
      const seconds = await pushAll(server.baseUrl, secret, batches.slice(warmUp / BATCH), inFlight);
      const cpu = readCpuMicros(server.pid) - cpuBefore;
      return { quotes, seconds, quotesPerSecond: quotes / seconds, serverCpuMicrosPerQuote: cpu / quotes };
    } finally {
      await server.stop();
    }
  } finally {
    await scratch.remove();
  }
}
