// Quote ingestion through the push API on its own: SQLite, and PostgreSQL with BENCH_POSTGRES_URL
// (or TEST_POSTGRES_URL). Needs the build (npm run build). Run: npx tsx bench/quotes.ts [QUOTES]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchDatabase } from './lib/archives.js';
import { measureQuoteIngestion } from './lib/quote-ingestion.js';

const root = new URL('..', import.meta.url).pathname;
const nodeFlags = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start.split(' ').filter((word: string) => word.startsWith('--'));
const quotes = Number(process.argv[2] ?? 100_000);
const databases: BenchDatabase[] = ['sqlite', ...(process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL ? (['postgres'] as const) : [])];
for (const database of databases) {
  const workDir = mkdtempSync(join(tmpdir(), 'fortune-sky-bench-quotes-'));
  try {
    const result = await measureQuoteIngestion({ database, workDir, cli: join(root, 'dist', 'fortune-sky.js'), nodeFlags, env: process.env, quotes });
    console.log(`${database}\t${result.quotes} quotes in ${result.seconds.toFixed(2)} s: ${Math.round(result.quotesPerSecond)} quotes/s, server CPU ${result.serverCpuMicrosPerQuote.toFixed(1)} µs/quote`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
