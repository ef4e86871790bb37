// Ingest throughput: 2,000 generated items through dedupe → file → save, on SQLite and (with
// TEST_POSTGRES_URL) PostgreSQL, for both source policies. Run: npx tsx bench/ingest.ts [COUNT]
import { createFreshDatabase } from '../src/storage/fresh-database.js';
import type { Dialect } from '../src/storage/index.js';
import { measureIngestThroughput } from './lib/ingest-throughput.js';

const count = Number(process.argv[2] ?? 2_000);
// A worker ingests for as long as the server runs: measured warm, after one run has compiled the hot code.
{
  const warmUp = await createFreshDatabase('sqlite');
  await measureIngestThroughput(warmUp.url, 1_000, 'publish');
  await warmUp.remove();
}
const dialects: Dialect[] = ['sqlite', ...(process.env.TEST_POSTGRES_URL ? (['postgres'] as const) : [])];
for (const dialect of dialects) {
  for (const policy of ['draft', 'publish'] as const) {
    const fresh = await createFreshDatabase(dialect);
    try {
      const result = await measureIngestThroughput(fresh.url, count, policy);
      console.log(`${dialect}\t${policy}\t${result.items} items in ${result.seconds.toFixed(2)} s: ${Math.round(result.itemsPerSecond)} items/s, ${Math.round(result.itemsPerCpuSecond)} per CPU second (again, unchanged: ${Math.round(result.repeatItemsPerSecond)} items/s)`);
    } finally {
      await fresh.remove();
    }
  }
}
