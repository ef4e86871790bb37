/**
 * Importer throughput and memory: generates a large WordPress export and a large Ghost export
 * (IMPORT_BENCH_MB each, 200 by default; kept in bench/.data/), imports each with the CLI into a
 * fresh SQLite database (or PostgreSQL with --database postgres and BENCH_POSTGRES_URL), and
 * reports posts per second and the process's peak resident memory (GNU time's maximum RSS).
 *
 *   npx tsx bench/import-archives.ts [--database postgres]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createFreshDatabase } from '../src/storage/fresh-database.js';
import { writeLargeGhostExport, writeLargeWxr } from '../test/support/archive-exports.js';

const { values } = parseArgs({ options: { database: { type: 'string', default: 'sqlite' } } });
const dialect = values.database === 'postgres' ? 'postgres' : 'sqlite';
if (dialect === 'postgres') process.env.TEST_POSTGRES_URL ??= process.env.BENCH_POSTGRES_URL;
const megabytes = Number(process.env.IMPORT_BENCH_MB ?? 200);
// About 6 KB of WXR per post of 800 words.
const WORDS = 800;
const posts = Math.round((megabytes * 1024 * 1024) / 6300);
const dataDir = join(import.meta.dirname, '.data');
mkdirSync(dataDir, { recursive: true });

for (const kind of ['wordpress', 'ghost'] as const) {
  const file = join(dataDir, `import-${kind}-${posts}.${kind === 'wordpress' ? 'xml' : 'json'}`);
  if (!existsSync(file)) await (kind === 'wordpress' ? writeLargeWxr(file, posts, WORDS) : writeLargeGhostExport(file, posts, WORDS));
  const fresh = await createFreshDatabase(dialect);
  try {
    const started = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', 'max-rss-kb=%M', process.execPath, '--import', 'tsx', 'src/cli.ts', `import-${kind}`, file], {
      env: { ...process.env, DATABASE_URL: fresh.url, DEMO_CONTENT: 'false', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`import-${kind} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    const rssMb = Number(/max-rss-kb=(\d+)/.exec(run.stderr)?.[1]) / 1024;
    const size = statSync(file).size / 1024 / 1024;
    console.log(
      `${kind} on ${dialect}: ${size.toFixed(0)} MB, ${posts} posts in ${seconds.toFixed(1)} s = ${(posts / seconds).toFixed(0)} posts/s; peak RSS ${rssMb.toFixed(0)} MB`,
    );
    console.log(run.stdout.trim().split('\n')[0]);
  } finally {
    await fresh.remove();
  }
}
