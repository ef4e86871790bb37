// Generated archives the benchmark runs on, kept between runs: SQLite files in bench/.data/, or
// PostgreSQL databases on the server BENCH_POSTGRES_URL names. Either way an archive is generated
// under a temporary name and renamed only once complete, so a run cut short never leaves a partial
// archive that a later run would take for a whole one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/storage/index.js';

/** The databases the benchmark can measure. */
export const BENCH_DATABASES = ['sqlite', 'postgres'] as const;

/** Which database a run measures. */
export type BenchDatabase = (typeof BENCH_DATABASES)[number];

/** An archive of generated stories, ready to serve. */
export interface GeneratedArchive {
  /** The DATABASE_URL that opens it. */
  url: string;
  /** Seconds spent generating it in this run; null when an existing archive was reused. */
  generatedSeconds: number | null;
}

/** Where generated archives are kept, and how to make one. */
export interface ArchiveStore {
  database: BenchDatabase;
  /** Returns the archive of n stories, generating it first if it is missing (or if `fresh`). */
  ensure(n: number, fresh: boolean): Promise<GeneratedArchive>;
  /** The database product and version, for the report ("PostgreSQL 15.18"). */
  describe(url: string): Promise<string>;
}

/** Where and how archives are generated. */
export interface ArchiveStoreOptions {
  /** The repository root (bench/.data/ lives under it; dist/fortune-sky.js generates). */
  root: string;
  log: (message: string) => void;
  /** The process environment: BENCH_POSTGRES_URL or TEST_POSTGRES_URL name the PostgreSQL server. */
  env: NodeJS.ProcessEnv;
}

/** The archive store for the database asked for. */
export function createArchiveStore(database: BenchDatabase, options: ArchiveStoreOptions): ArchiveStore {
  return database === 'postgres' ? postgresArchives(benchPostgresUrl(options.env), options) : sqliteArchives(options);
}

/**
 * The PostgreSQL server archives are kept on: an admin URL whose role may create databases
 * (BENCH_POSTGRES_URL, or the test suite's TEST_POSTGRES_URL). A clear error when neither is set.
 */
export function benchPostgresUrl(env: NodeJS.ProcessEnv): string {
  const url = env.BENCH_POSTGRES_URL || env.TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      '--database postgres needs a PostgreSQL server: set BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) to a URL whose role may create databases, ' +
        'e.g. BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres',
    );
  }
  return url;
}

/** Runs `fortune-sky demo generate --articles n` against a database, as an operator would. */
function generateInto(root: string, databaseUrl: string, n: number): void {
  execFileSync(process.execPath, [join(root, 'dist', 'fortune-sky.js'), 'demo', 'generate', '--articles', String(n)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SITE_TIMEZONE: 'Asia/Shanghai', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function sqliteArchives({ root, log }: ArchiveStoreOptions): ArchiveStore {
  const dataDir = join(root, 'bench', '.data');
  return {
    database: 'sqlite',
    async ensure(n, fresh) {
      mkdirSync(dataDir, { recursive: true });
      const file = join(dataDir, `articles-${n}.db`);
      if (existsSync(file) && !fresh) return { url: `sqlite:${file}`, generatedSeconds: null };
      const partial = `${file}.partial`;
      for (const f of [file, partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
      log(`generating ${n.toLocaleString('en-US')} synthetic stories into ${file}…`);
      const started = performance.now();
      generateInto(root, `sqlite:${partial}`, n);
      renameSync(partial, file);
      return { url: `sqlite:${file}`, generatedSeconds: (performance.now() - started) / 1000 };
    },
    describe: (url) => withDatabase(url, async (db) => `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(db)).rows[0]!.v}`),
  };
}

function postgresArchives(adminUrl: string, { root, log }: ArchiveStoreOptions): ArchiveStore {
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    database: 'postgres',
    async ensure(n, fresh) {
      const name = `fortune_sky_bench_${n}`;
      const partial = `${name}_partial`;
      const admin = openDatabase(adminUrl);
      try {
        const exists = await sql`select 1 from pg_database where datname = ${name}`.execute(admin.db);
        if (exists.rows.length > 0 && !fresh) return { url: urlOf(name), generatedSeconds: null };
        // WITH (FORCE) ends connections a killed run left behind.
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
        await sql`drop database if exists ${sql.id(partial)} with (force)`.execute(admin.db);
        await sql`create database ${sql.id(partial)}`.execute(admin.db);
        log(`generating ${n.toLocaleString('en-US')} synthetic stories into PostgreSQL database ${name}…`);
        const started = performance.now();
        generateInto(root, urlOf(partial), n);
        // A live database has been vacuumed and analyzed by autovacuum long before anyone measures
        // it; right after a bulk load the planner has no statistics and the visibility map is
        // empty, and autovacuum would catch up in the middle of a measurement. Do it now instead.
        await withDatabase(urlOf(partial), (db) => sql`vacuum (analyze)`.execute(db));
        await sql`alter database ${sql.id(partial)} rename to ${sql.id(name)}`.execute(admin.db);
        return { url: urlOf(name), generatedSeconds: (performance.now() - started) / 1000 };
      } finally {
        await admin.close();
      }
    },
    // server_version may carry a packager's suffix ("15.18 (Debian 15.18-0+deb12u1)").
    describe: (url) => withDatabase(url, async (db) => `PostgreSQL ${(await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0]!.server_version.split(' ')[0]}`),
  };
}

async function withDatabase<T>(url: string, run: (db: Database['db']) => Promise<T>): Promise<T> {
  const database = openDatabase(url);
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}
