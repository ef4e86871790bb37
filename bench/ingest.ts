// Ingest throughput from feed text: 2,000 generated wire stories in RSS, Atom and JSON Feed
// documents through parse → normalize → dedupe → file → save, on SQLite and (with TEST_POSTGRES_URL)
// PostgreSQL, for both source policies, and the section classifier's accuracy on held-out stories.
// The quick standalone of what `npm run bench` reports.
// Run: npx tsx bench/ingest.ts [COUNT] [THREADS]
import { loadConfig } from '../src/config/index.js';
import type { Dialect } from '../src/storage/index.js';
import { describeIngestFigures, measureClassifierAccuracy, measureIngest } from './lib/ingest-throughput.js';

const count = Number(process.argv[2] ?? 2_000);
// THREADS as INGEST_THREADS takes it (default auto: a thread a core, at most four).
const threads = loadConfig({ INGEST_THREADS: process.argv[3] }).ingestThreads;
const dialects: Dialect[] = ['sqlite', ...(process.env.TEST_POSTGRES_URL ? (['postgres'] as const) : [])];
for (const dialect of dialects) {
  for (const line of describeIngestFigures(await measureIngest(dialect, count, threads))) console.log(line);
}
const held = measureClassifierAccuracy();
console.log(`section classifier, leave-one-out on ${held.stories} stories in ${held.sections} sections: accuracy ${held.accuracy.toFixed(3)} (keywords alone ${held.lexiconAccuracy.toFixed(3)})`);
