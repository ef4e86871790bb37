import { expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig } from '../../src/config/index.js';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { buildApp } from '../../src/server.js';
import { createSignedInUser, createTestClock } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';

// The schedule lives in the database: a story that fell due while the server was down is
// published by the next server's first run, on start.
test('a schedule survives a restart', async () => {
  const temp = await createFreshDatabase();
  const config = loadConfig({ DATABASE_URL: temp.url, SITE_URL: 'http://news.test', LOG_LEVEL: 'silent', DEMO_CONTENT: 'false' });
  const clock = createTestClock('2026-05-01T09:00:00.000Z');
  try {
    const first = await openReadyDatabase(config);
    const firstApp = await buildApp({ config, database: first, clock });
    const testApp = { ...firstApp, config, database: first, databaseUrl: config.databaseUrl, close: async () => {} };
    const editor = await createSignedInUser(testApp, 'editor');
    const id = await createStoryAs(testApp, editor, { title: 'Due while down' });
    expect((await pressEditorButton(testApp, editor, id, 'schedule', { title: 'Due while down', publish_at: '2026-05-01T09:30' })).statusCode).toBe(303);
    await firstApp.app.close();
    await first.close();

    clock.set('2026-05-01T10:00:00.000Z');
    const second = await openReadyDatabase(config);
    const secondApp = await buildApp({ config, database: second, clock });
    try {
      // start() runs the publisher at once; runDue() queues behind that run, so it has finished here.
      await secondApp.scheduledPublisher.runDue();
      expect((await findStoryRecord(second.db, id))?.article.status).toBe('published');
      expect((await secondApp.app.inject({ method: 'GET', url: '/' })).body).toContain('Due while down');
    } finally {
      await secondApp.app.close();
      await second.close();
    }
  } finally {
    await temp.remove();
  }
});
