import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Dialect } from './migration-context.js';

/** An empty database for a test, and how to throw it away. */
export interface FreshDatabase {
  url: string;
  dialect: Dialect;
  /** A folder of its own, for the SQLite file or anything else the test writes (media). */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Which database tests run on: `TEST_DATABASE=postgres` runs them on PostgreSQL, reached through
 * `TEST_POSTGRES_URL` (a server and a database the tests may create databases from); SQLite otherwise.
 */
export function testDialect(env: NodeJS.ProcessEnv = process.env): Dialect {
  return env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

/** The server tests create PostgreSQL databases on; a clear error when it is not set. */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.TEST_POSTGRES_URL;
  if (!url) throw new Error('TEST_POSTGRES_URL is not set: point it at a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:54329/fortune_sky_test');
  return url;
}

/** Creates an empty database of the dialect tests run on (or the one asked for): a new SQLite file, or a new PostgreSQL database. */
export async function createFreshDatabase(dialect: Dialect = testDialect()): Promise<FreshDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'fortune-sky-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return { url: `sqlite:${join(dir, 'test.db')}`, dialect, dir, remove: async () => removeDir() };
  }
  const adminUrl = testPostgresUrl();
  const name = `fortune_sky_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect,
    dir,
    async remove() {
      removeDir();
      // WITH (FORCE) ends connections a crashed or killed test process left behind.
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
