import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig } from '../../src/config/index.js';
import { buildApp } from '../../src/server.js';
import { startServe, type CliProcess } from '../support/cli-process.js';
import { createSignedInUser, createTestClock } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';

const minute = (date: Date) => date.toISOString().slice(0, 16);

// A scheduled story's job is claimed by a process that is then killed with SIGKILL mid-job: once
// its lease lapses, one of the two servers running takes the job over and publishes the story,
// exactly once, and both servers show it.
test('a scheduled story whose claiming process is killed is published by another process, exactly once', async () => {
  const temp = await createFreshDatabase();
  const env = { DATABASE_URL: temp.url, MEDIA_DIR: join(temp.dir, 'media'), SITE_URL: 'http://news.test', DEMO_CONTENT: 'false' };
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const title = 'Central bank holds rates at dawn';
  const processes: CliProcess[] = [];
  try {
    // The newsroom schedules the story for a minute ago by the real clock (its own clock runs two hours behind, so the form takes it).
    const due = new Date(Date.now() - 60_000);
    const database = await openReadyDatabase(config);
    const newsroom = await buildApp({ config, database, clock: createTestClock(new Date(Date.now() - 2 * 3600_000).toISOString()) });
    const site = { ...newsroom, config, database, databaseUrl: config.databaseUrl, close: async () => {} };
    const editor = await createSignedInUser(site, 'editor');
    const id = await createStoryAs(site, editor, { title });
    expect((await pressEditorButton(site, editor, id, 'schedule', { title, publish_at: minute(due) })).statusCode).toBe(303);
    await newsroom.app.close();

    const claimer = spawn(process.execPath, ['--import', 'tsx', 'test/support/claim-job.ts', config.databaseUrl, 'story.publish', '3000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const claimed = await new Promise<string>((resolve) => claimer.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString())));
    expect(claimed).toContain(`claimed story.publish ${id}`);
    claimer.kill('SIGKILL');
    await new Promise((resolve) => claimer.on('exit', resolve));
    expect(await database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'scheduled' });

    const servers = await Promise.all([startServe(env), startServe(env)]);
    processes.push(...servers);
    await vi.waitFor(
      async () => expect(await database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'published' }),
      { timeout: 30_000, interval: 250 },
    );
    // Both servers show it within a second: the one that published, and the other through the change feed.
    for (const server of servers) {
      await vi.waitFor(async () => expect(await (await fetch(`${server.baseUrl}/`)).text()).toContain(title), { timeout: 1000, interval: 100 });
    }
    const publishedOnSchedule = await database.db.selectFrom('revisions').select('id').where('article_id', '=', id).where('note', '=', 'Published on schedule').execute();
    expect(publishedOnSchedule).toHaveLength(1);
    const audited = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'story.published').where('subject', '=', `story:${id}`).execute();
    expect(audited).toHaveLength(1);
    expect(await database.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    await database.close();
  } finally {
    for (const server of processes) server.child.kill();
    await Promise.all(processes.map((server) => server.exited));
    await temp.remove();
  }
}, 120_000);

