import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { saveArticlesAtomically } from '../../src/ingest/index.js';
import type { ArticleInput } from '../../src/content/articles/index.js';
import type { Clock } from '../../src/clock.js';
import { buildApp, type App } from '../../src/server.js';
import type { Database } from '../../src/storage/index.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';

/** A fresh database file in its own temporary folder. */
export function createTempDir(prefix = 'fortune-sky-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An app on a fresh database (SQLite, or PostgreSQL when TEST_DATABASE=postgres), with everything a test needs to drive and inspect it. */
export interface TestApp extends App {
  config: Config;
  database: Database;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Builds the app over a fresh database; env overrides the test defaults; pass a clock to control time, a stream to read the log. */
export async function createTestApp(
  env: Record<string, string> = {},
  { clock, logStream }: { clock?: Clock; logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const fresh = await createFreshDatabase();
  const databaseUrl = fresh.url;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: join(fresh.dir, 'media'),
    SITE_URL: 'http://news.test',
    LOG_LEVEL: 'silent',
    DEMO_CONTENT: 'false',
    ...env,
  });
  const database = await openReadyDatabase(config);
  const built = await buildApp({ config, database, clock, logStream });
  return {
    ...built,
    config,
    database,
    databaseUrl,
    async close() {
      await built.app.close();
      await database.close();
      await fresh.remove();
    },
  };
}

let sequence = 0;

/** A published story input with sensible defaults; override what the test is about. */
export function articleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  sequence += 1;
  return {
    uri: `urn:test:article:${sequence}`,
    status: 'published',
    title: `Test story number ${sequence}`,
    dek: '',
    excerpt: null,
    bodyHtml: `<p>Body of test story ${sequence}, long enough to make a teaser from its opening words and then some more words after them.</p>`,
    section: 'Markets',
    bylines: ['Test Writer'],
    tags: [{ kind: 'topic', name: 'Testing' }],
    canonicalUrl: null,
    source: 'test',
    language: 'en',
    publishedAt: '2024-03-01T10:00:00Z',
    updatedAt: null,
    ...overrides,
  };
}

/** Saves stories through the same path imports use (the app's unit of work, which purges what they dirty). */
export async function createArticles(testApp: TestApp, inputs: ArticleInput[], now = new Date('2024-06-01T00:00:00Z')): Promise<void> {
  await saveArticlesAtomically(testApp.writer, 'test', inputs, { now, timeZone: testApp.config.siteTimeZone, actor: 'test' });
}

/**
 * Closes an app's own background writers: its job workers (a run in progress finishes first, and
 * no run starts again, whether from a timer or from a commit heard) and the most read task. Tests
 * that run two apps on one SQLite file in one process need it: the driver waits synchronously for
 * the write lock, so one connection waiting while the other's transaction awaits stalls both.
 */
export async function stopBackgroundWriters(app: App): Promise<void> {
  await Promise.all([app.scheduledPublisher.close(), app.webhooks.close(), app.polls.close(), app.mostRead.close(), app.marketsDemo?.close()]);
}
