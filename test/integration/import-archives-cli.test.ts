/**
 * `fortune-sky import-wordpress` as an operator runs it: killed with SIGKILL part-way through a
 * large export, run again it resumes after the last batch it committed, and every post is in
 * exactly once; its progress goes to stderr and its report to stdout.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, test } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../../src/storage/fresh-database.js';
import { openDatabase } from '../../src/storage/index.js';
import { startCli } from '../support/cli-process.js';
import { createTempDir } from '../support/test-app.js';
import { writeLargeWxr } from '../support/archive-exports.js';

const POSTS = 1500;
const temp = createTempDir();
let fresh: FreshDatabase | undefined;
afterAll(async () => {
  temp.remove();
  await fresh?.remove();
});

test('killed part-way, the import resumes where it stopped: every post once, progress on stderr', { timeout: 240_000 }, async () => {
  fresh = await createFreshDatabase();
  const file = join(temp.dir, 'large.xml');
  await writeLargeWxr(file, POSTS, 120);
  const env = { DATABASE_URL: fresh.url, DEMO_CONTENT: 'false' };

  const first = startCli(['import-wordpress', file], env);
  const database = openDatabase(fresh.url);
  try {
    // Killed once some batches are in and before the end: the run's row says how far it got.
    let done = 0;
    for (let tries = 0; tries < 2400 && done === 0; tries++) {
      await sleep(50);
      const row = await database.db.selectFrom('import_runs').select('items_done').executeTakeFirst().catch(() => undefined);
      done = Number(row?.items_done ?? 0);
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const committed = await database.db.selectFrom('import_runs').select(['items_done', 'completed_at']).executeTakeFirstOrThrow();
    expect(committed.completed_at).toBeNull();
    expect(Number(committed.items_done)).toBeGreaterThan(0);
    expect(Number(committed.items_done)).toBeLessThan(POSTS);

    const second = startCli(['import-wordpress', file], env);
    expect(await second.exited).toBe(0);
    const resumedAfter = Number(second.output().match(/resumed after item (\d+)/)?.[1]);
    expect(resumedAfter).toBeGreaterThanOrEqual(Number(committed.items_done));
    expect(second.output()).toMatch(new RegExp(`: ${POSTS - resumedAfter} created, 0 updated, 0 unchanged, ${POSTS - resumedAfter} old addresses kept`));
    expect(second.output()).toMatch(/1,500 of 1,500 \(100 %\) items, [\d,]+\/s/);

    const stories = await database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('uri', 'like', 'urn:wordpress:%').executeTakeFirstOrThrow();
    expect(Number(stories.n)).toBe(POSTS);
    const redirects = await database.db.selectFrom('redirects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(redirects.n)).toBe(POSTS);
  } finally {
    await database.close();
  }
});
