/**
 * Webhooks end to end in one app: story events from the newsroom's buttons (and the scheduler)
 * become signed deliveries to a real receiver on loopback, verified with the `standardwebhooks`
 * package; each event reaches each endpoint once; a failing receiver is retried with backoff
 * (the clock advanced) and finally given up; a hanging one does not slow publishing; and an
 * endpoint on a private address gets nothing unless WEBHOOK_ALLOW_PRIVATE is set.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { retryWindowMs } from '../../src/jobs/index.js';
import { MAX_WEBHOOK_ENDPOINTS, registerEndpoint, sendAgain } from '../../src/newsroom/webhooks/index.js';
import { createWebhookLogPruner, insertEndpoint, listDeliveryAttempts, WEBHOOK_RETRY, type WebhookDeliveryAttempt } from '../../src/webhooks/index.js';
import { createSignedInUser, createTestClock, type TestClock } from '../support/newsroom.js';
import { createStoryAs, currentRevision, postForm, pressEditorButton } from '../support/newsroom-stories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '../support/webhook-receiver.js';

const ALL_EVENTS = { event_published: 'on', event_updated: 'on', event_corrected: 'on', event_unpublished: 'on' };

let site: TestApp;
let clock: TestClock;
let receiver: WebhookReceiver;

async function startSite(env: Record<string, string> = { WEBHOOK_ALLOW_PRIVATE: 'true' }) {
  // The receiver's clock is real time, so the app's starts there (standardwebhooks allows 5 minutes of skew).
  clock = createTestClock(new Date());
  site = await createTestApp(env, { clock });
  receiver = await startWebhookReceiver();
}

afterEach(async () => {
  await receiver.close();
  await site.close();
});

async function register(path: string, events: Record<string, string> = ALL_EVENTS) {
  return registerEndpoint(site.writer, { url: `${receiver.baseUrl}${path}`, enabled: 'on', ...events }, { actorUserId: null, now: clock.now() }, { allowPrivate: true });
}

const bodyOf = (index: number, secret: string) => verifyWebhook(secret, receiver.received[index]!, clock.now()) as { type: string; timestamp: string; data: Record<string, unknown> };

describe('with WEBHOOK_ALLOW_PRIVATE', () => {
  beforeEach(() => startSite());

  test('each story event reaches each endpoint that hears it once, signed per Standard Webhooks', async () => {
    const all = await register('/all');
    const some = await register('/some', { event_published: 'on', event_unpublished: 'on' });
    const editor = await createSignedInUser(site, 'editor');
    const title = 'Copper climbs on supply fears';
    const id = await createStoryAs(site, editor, { title });
    // A draft's saves are nobody's news.
    expect((await pressEditorButton(site, editor, id, 'save', { title, body: '<p>Draft text that changes before it is published.</p>' })).statusCode).toBe(303);
    expect((await pressEditorButton(site, editor, id, 'publish', { title })).statusCode).toBe(303);
    expect((await pressEditorButton(site, editor, id, 'update', { title: `${title} again` })).statusCode).toBe(303);
    // An update that changes nothing saves no revision and sends nothing.
    expect((await pressEditorButton(site, editor, id, 'update', { title: `${title} again` })).statusCode).toBe(303);
    expect((await postForm(site, editor, `/newsroom/stories/${id}/corrections`, { correction: 'An earlier version misstated the price.', revision: String(await currentRevision(site, editor, id)) })).statusCode).toBe(303);
    expect((await pressEditorButton(site, editor, id, 'unpublish', { title: `${title} again` })).statusCode).toBe(303);
    await site.webhooks.runDue();

    const byPath = (path: string) => receiver.received.flatMap((request, index) => (request.path === path ? [index] : []));
    const allTypes = byPath('/all').map((index) => bodyOf(index, all.secret).type);
    expect(allTypes).toEqual(['article.published', 'article.updated', 'article.corrected', 'article.unpublished']);
    expect(byPath('/some').map((index) => bodyOf(index, some.secret).type)).toEqual(['article.published', 'article.unpublished']);

    // Each endpoint's signature is its own: the other's secret does not verify it.
    expect(() => verifyWebhook(some.secret, receiver.received[byPath('/all')[0]!]!, clock.now())).toThrow(/signature/i);
    const [published, updated, corrected, unpublished] = byPath('/all').map((index) => bodyOf(index, all.secret));
    expect(published!.data).toMatchObject({ id, title, url: expect.stringMatching(/^http:\/\/news\.test\/\d{4}\/\d{2}\/\d{2}\/copper-climbs-on-supply-fears\/$/) });
    expect(published!.timestamp).toBe(clock.now().toISOString());
    expect(updated!.data).toMatchObject({ id, title: `${title} again` });
    expect(corrected!.data).toMatchObject({ corrections: [{ text: 'An earlier version misstated the price.' }] });
    expect(unpublished!.data).toEqual({ id, title: `${title} again`, url: published!.data.url, path: published!.data.path });
    // The same event has one message id for every endpoint; each event its own.
    const idsAll = byPath('/all').map((index) => receiver.received[index]!.headers['webhook-id']);
    expect(new Set(idsAll).size).toBe(4);
    expect(receiver.received[byPath('/some')[0]!]!.headers['webhook-id']).toBe(idsAll[0]);
    expect(receiver.received.every((request) => request.headers['content-type'] === 'application/json')).toBe(true);
  });

  test('a scheduled story published by the job sends article.published', async () => {
    const endpoint = await register('/scheduled');
    const editor = await createSignedInUser(site, 'editor');
    const title = 'Bond yields slip before the auction';
    const id = await createStoryAs(site, editor, { title });
    const publishAt = new Date(Math.ceil((clock.now().getTime() + 120_000) / 60_000) * 60_000);
    const local = publishAt.toISOString().slice(0, 16);
    expect((await pressEditorButton(site, editor, id, 'schedule', { title, publish_at: local })).statusCode).toBe(303);
    await site.webhooks.runDue();
    expect(receiver.received).toEqual([]);
    clock.set(publishAt);
    expect(await site.scheduledPublisher.runDue()).toEqual([id]);
    await site.webhooks.runDue();
    expect(receiver.received.map((_request, index) => bodyOf(index, endpoint.secret))).toMatchObject([{ type: 'article.published', data: { id, title } }]);
  });

  test('a failing receiver is retried with backoff about a day, every attempt recorded, then given up; "send again" delivers the same message', async () => {
    const endpoint = await register('/failing');
    receiver.mode = 'fail';
    const editor = await createSignedInUser(site, 'editor');
    const id = await createStoryAs(site, editor, { title: 'Shipping rates jump' });
    const firstAt = clock.now();
    expect((await pressEditorButton(site, editor, id, 'publish', { title: 'Shipping rates jump' })).statusCode).toBe(303);
    await site.webhooks.runDue();
    expect(receiver.received).toHaveLength(1);

    for (let attempt = 1; attempt < WEBHOOK_RETRY.maxAttempts; attempt++) {
      // Not due a moment early.
      clock.advance(WEBHOOK_RETRY.delayMs(attempt) - 1000);
      await site.webhooks.runDue();
      expect(receiver.received).toHaveLength(attempt);
      clock.advance(1000);
      await site.webhooks.runDue();
      expect(receiver.received).toHaveLength(attempt + 1);
    }
    const hours = (clock.now().getTime() - firstAt.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(22);
    expect(hours).toBeLessThan(26);
    // Every attempt is the same message, signed anew at its own time.
    expect(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
    expect(verifyWebhook(endpoint.secret, receiver.received.at(-1)!, clock.now())).toMatchObject({ type: 'article.published' });

    // Given up: nothing more however long we wait; kept as failed.
    clock.advance(7 * 24 * 3_600_000);
    await site.webhooks.runDue();
    expect(receiver.received).toHaveLength(WEBHOOK_RETRY.maxAttempts);
    const job = await site.database.db.selectFrom('jobs').select(['failed_at', 'attempts', 'last_error']).where('kind', '=', 'webhook.deliver').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: WEBHOOK_RETRY.maxAttempts, last_error: 'The endpoint answered 500.' });
    expect(job.failed_at).not.toBeNull();

    const attempts = await listDeliveryAttempts(site.database.db, endpoint.id, 100);
    expect(attempts).toHaveLength(WEBHOOK_RETRY.maxAttempts);
    expect(attempts.map((attempt) => attempt.attempt)).toEqual([...Array(WEBHOOK_RETRY.maxAttempts).keys()].map((n) => WEBHOOK_RETRY.maxAttempts - n));
    expect(attempts.every((attempt: WebhookDeliveryAttempt) => attempt.statusCode === 500 && attempt.type === 'article.published' && attempt.articleId === id)).toBe(true);

    receiver.mode = 'ok';
    await sendAgain(site.database.db, endpoint.id, attempts[0]!.messageId, { actorUserId: null, now: clock.now() });
    await site.webhooks.runDue();
    expect(receiver.received).toHaveLength(WEBHOOK_RETRY.maxAttempts + 1);
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(attempts[0]!.messageId);
    expect((await listDeliveryAttempts(site.database.db, endpoint.id, 1))[0]).toMatchObject({ statusCode: 204, attempt: 1, error: null });
    expect(await site.database.db.selectFrom('jobs').select('id').where('kind', '=', 'webhook.deliver').execute()).toEqual([]);
  });

  test('the delivery log keeps 30 days: older attempts go, and messages no attempt refers to', async () => {
    const endpoint = await register('/log');
    const editor = await createSignedInUser(site, 'editor');
    for (const title of ['Cocoa hits a record', 'Coffee follows cocoa']) {
      const id = await createStoryAs(site, editor, { title });
      expect((await pressEditorButton(site, editor, id, 'publish', { title })).statusCode).toBe(303);
    }
    await site.webhooks.runDue();
    const [second, first] = await listDeliveryAttempts(site.database.db, endpoint.id, 10);
    clock.advance(29 * 24 * 3_600_000);
    await sendAgain(site.database.db, endpoint.id, first!.messageId, { actorUserId: null, now: clock.now() });
    await site.webhooks.runDue();
    clock.advance(2 * 24 * 3_600_000);
    const pruner = createWebhookLogPruner({ db: site.database.db, clock });
    expect(await pruner.pruneNow()).toEqual({ attempts: 2, messages: 1 });
    expect((await listDeliveryAttempts(site.database.db, endpoint.id, 10)).map((attempt) => attempt.messageId)).toEqual([first!.messageId]);
    const messages = await site.database.db.selectFrom('webhook_messages').select('id').execute();
    expect(messages.map((message) => message.id)).toEqual([first!.messageId]);
    expect(second!.messageId).not.toBe(first!.messageId);
    expect(await pruner.pruneNow()).toEqual({ attempts: 0, messages: 0 });
  });

  test('admins registering at once never pass the cap of endpoints', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: MAX_WEBHOOK_ENDPOINTS + 5 }, (_, n) => register(`/hook-${n}`)));
    const refused = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(attempts.length - refused.length).toBe(MAX_WEBHOOK_ENDPOINTS);
    for (const attempt of refused) expect((attempt as PromiseRejectedResult).reason).toMatchObject({ code: 'WEBHOOK_ENDPOINTS_FULL' });
    const stored = await site.database.db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(MAX_WEBHOOK_ENDPOINTS);
  });

  test('the retry policy spans about 24 hours', () => {
    const hours = retryWindowMs(WEBHOOK_RETRY) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThan(25);
  });

  test('a receiver that fails or hangs does not slow publishing', async () => {
    const editor = await createSignedInUser(site, 'editor');
    // The median of five publishes, each timed from the button's request to its answer (the
    // revision is read before the clock starts). Between publishes, deliveries that can finish do
    // (outside the timing), so each publish is measured alone, not sharing the database with the
    // previous one's delivery.
    const medianPublishMs = async (label: string) => {
      const times: number[] = [];
      for (let index = 0; index < 5; index++) {
        const title = `${label} story ${index}`;
        const id = await createStoryAs(site, editor, { title });
        const revision = String(await currentRevision(site, editor, id));
        const started = performance.now();
        expect((await pressEditorButton(site, editor, id, 'publish', { title, revision })).statusCode).toBe(303);
        times.push(performance.now() - started);
        if (receiver.mode !== 'hang') await site.webhooks.runDue();
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    await medianPublishMs('Warm-up');
    const baseline = await medianPublishMs('Baseline');
    await register('/slow');
    const answering = await medianPublishMs('Answered');
    receiver.mode = 'fail';
    const failing = await medianPublishMs('Failing');
    expect(receiver.received).toHaveLength(10);
    receiver.mode = 'hang';
    const hanging = await medianPublishMs('Hanging');
    // A delivery is under way (the receiver has it) and unanswered: the worker waits on it.
    await expect.poll(() => receiver.received.length).toBe(11);
    console.info(
      `publish, median of 5: ${baseline.toFixed(1)} ms without endpoints, ${answering.toFixed(1)} ms with a receiver answering 204, ${failing.toFixed(1)} ms answering 500, ${hanging.toFixed(1)} ms never answering`,
    );
    for (const measured of [failing, hanging]) expect(measured).toBeLessThan(Math.max(baseline * 3, baseline + 250));
    // The receiver goes away: the hanging attempt ends in an error, recorded like the others.
    await receiver.close();
    await expect.poll(async () => (await site.database.db.selectFrom('webhook_deliveries').select('id').where('status_code', 'is', null).execute()).length).toBeGreaterThanOrEqual(1);
  });
});

describe('without WEBHOOK_ALLOW_PRIVATE', () => {
  beforeEach(() => startSite({}));

  test('an endpoint on a loopback address is refused at registration, and at delivery if it got in', async () => {
    await expect(
      registerEndpoint(site.writer, { url: `${receiver.baseUrl}/hook`, enabled: 'on', ...ALL_EVENTS }, { actorUserId: null, now: clock.now() }, { allowPrivate: site.config.webhookAllowPrivate }),
    ).rejects.toMatchObject({ code: 'WEBHOOK_ENDPOINT_INVALID', details: { url: expect.stringMatching(/127\.0\.0\.1 is not a public address/) } });
    // Registered before the rule, or a name whose DNS answer changed since: the delivery checks again.
    const endpointId = await site.database.db.transaction().execute((trx) =>
      insertEndpoint(trx, { url: `${receiver.baseUrl}/hook`, events: ['article.published'], isEnabled: true }, 'whsec_c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0IQ==', null, clock.now()),
    );
    const editor = await createSignedInUser(site, 'editor');
    const id = await createStoryAs(site, editor, { title: 'Gold steadies' });
    expect((await pressEditorButton(site, editor, id, 'publish', { title: 'Gold steadies' })).statusCode).toBe(303);
    await site.webhooks.runDue();
    expect(receiver.received).toEqual([]);
    expect(await listDeliveryAttempts(site.database.db, endpointId, 10)).toMatchObject([{ statusCode: null, error: expect.stringMatching(/not a public address/) }]);
  });
});
