/**
 * Two `fortune-sky serve` processes on one database, both running webhook workers: every event,
 * whichever instance made it, reaches the endpoint exactly once (the job is enqueued once, in the
 * change's transaction, and only one worker's claim wins it), signed and verified.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createChangeWriter } from '../../src/changes/index.js';
import { registerEndpoint } from '../../src/newsroom/webhooks/index.js';
import { startTwoInstances, type TwoInstances } from '../support/two-instances.js';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '../support/webhook-receiver.js';

let site: TwoInstances;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  site = await startTwoInstances({ WEBHOOK_ALLOW_PRIVATE: 'true' });
});
afterAll(async () => {
  await site?.stop();
  await receiver?.close();
});

test('two instances deliver each event to the endpoint once', async () => {
  const { secret } = await registerEndpoint(
    createChangeWriter(site.database),
    { url: `${receiver.baseUrl}/hook`, enabled: 'on', event_published: 'on', event_updated: 'on' },
    { actorUserId: null, now: new Date() },
    { allowPrivate: true },
  );
  const [onA, onB] = await site.signInEditor();
  // Both instances publish at once; each story is then updated on the other instance.
  const stories = await Promise.all(
    [onA, onB, onA, onB].map(async (editor, index) => {
      const fields = { title: `Instance story ${index}`, section: 'markets' };
      const id = await editor.createStory(fields);
      expect(await editor.press(id, 'publish', fields)).toBe(303);
      return { id, fields };
    }),
  );
  await Promise.all(stories.map(({ id, fields }, index) => [onB, onA][index % 2]!.press(id, 'update', { ...fields, title: `${fields.title}, updated` })));

  await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
  // Both workers run every second: a second delivery of anything would arrive by now.
  await sleep(2500);
  expect(receiver.received).toHaveLength(8);
  const bodies = receiver.received.map((request) => verifyWebhook(secret, request) as { type: string; data: { id: number } });
  expect(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size).toBe(8);
  for (const { id } of stories) {
    expect(bodies.filter((body) => body.data.id === id).map((body) => body.type).sort()).toEqual(['article.published', 'article.updated']);
  }
  const attempts = await site.database.db.selectFrom('webhook_deliveries').select('status_code').execute();
  expect(attempts).toHaveLength(8);
  expect(attempts.every((attempt) => attempt.status_code === 204)).toBe(true);
});
