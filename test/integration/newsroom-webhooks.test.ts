/**
 * The newsroom's webhooks pages, driven as a browser without JavaScript would: admins register an
 * endpoint (its secret shown once), bad addresses and event choices are refused with the field
 * named, private addresses are refused unless allowed, settings change what is sent, a new secret
 * replaces the old at once, "send again" resends the same message, deletion stops deliveries; all
 * audited, and no one but admins may do any of it.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createSignedInUser, createTestClock, formBody, formHeaders, type TestClock, type TestSession } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '../support/webhook-receiver.js';

let site: TestApp;
let clock: TestClock;
let receiver: WebhookReceiver;
let admin: TestSession;

async function start(env: Record<string, string>) {
  clock = createTestClock(new Date());
  site = await createTestApp(env, { clock });
  receiver = await startWebhookReceiver();
  admin = await createSignedInUser(site, 'admin');
}
afterEach(async () => {
  await receiver.close();
  await site.close();
});

const post = (session: TestSession, url: string, fields: Record<string, string> = {}) =>
  site.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
const get = (session: TestSession, url: string) => site.app.inject({ url, headers: { cookie: session.cookie } });
const secretIn = (html: string) => /id="new-secret-value"[^>]*value="(whsec_[A-Za-z0-9+/=]+)"/.exec(html)?.[1];
const audit = async () => (await site.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'webhook.%').orderBy('id').execute()).map((row) => row.action);

async function publishStory(title: string) {
  const editor = await createSignedInUser(site, 'editor');
  const id = await createStoryAs(site, editor, { title });
  expect((await pressEditorButton(site, editor, id, 'publish', { title })).statusCode).toBe(303);
  await site.webhooks.runDue();
  return id;
}

describe('with WEBHOOK_ALLOW_PRIVATE', () => {
  test('an admin registers, changes, rotates, resends and deletes an endpoint', async () => {
    await start({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    const empty = await get(admin, '/newsroom/webhooks/');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No endpoints yet.');

    const url = `${receiver.baseUrl}/hook`;
    const registered = await post(admin, '/newsroom/webhooks/', { url, event_published: 'on', event_updated: 'on', enabled: 'on' });
    expect(registered.statusCode).toBe(201);
    const secret = secretIn(registered.body);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const endpointId = Number(/href="\/newsroom\/webhooks\/(\d+)\/"/.exec(registered.body)?.[1]);
    // Shown once: neither the list nor the endpoint's page carries it again.
    expect((await get(admin, '/newsroom/webhooks/')).body).not.toContain(secret);
    expect((await get(admin, `/newsroom/webhooks/${endpointId}/`)).body).not.toContain(secret);

    const storyId = await publishStory('Tin prices surge');
    expect(receiver.received).toHaveLength(1);
    expect(verifyWebhook(secret!, receiver.received[0]!, clock.now())).toMatchObject({ type: 'article.published', data: { id: storyId } });
    const endpointPage = await get(admin, `/newsroom/webhooks/${endpointId}/`);
    expect(endpointPage.body).toContain('Delivered (204)');
    expect((await get(admin, '/newsroom/webhooks/')).body).toContain('Delivered (204)');
    const messageId = String(receiver.received[0]!.headers['webhook-id']);
    expect(endpointPage.body).toContain(messageId);

    // A new secret: deliveries from now on verify with it, not with the old one.
    const rotated = await post(admin, `/newsroom/webhooks/${endpointId}/rotate/`);
    expect(rotated.statusCode).toBe(200);
    const newSecret = secretIn(rotated.body)!;
    expect(newSecret).not.toBe(secret);
    const resend = await post(admin, `/newsroom/webhooks/${endpointId}/resend/`, { message: messageId });
    expect(resend.statusCode).toBe(303);
    expect(resend.headers.location).toBe(`/newsroom/webhooks/${endpointId}/?done=resent`);
    await site.webhooks.runDue();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(messageId);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(verifyWebhook(newSecret, receiver.received[1]!, clock.now())).toMatchObject({ type: 'article.published' });
    expect(() => verifyWebhook(secret!, receiver.received[1]!, clock.now())).toThrow();
    // Only messages this endpoint was sent.
    expect((await post(admin, `/newsroom/webhooks/${endpointId}/resend/`, { message: 'msg_unknown' })).statusCode).toBe(404);

    // Disabled: events are not sent.
    const saved = await post(admin, `/newsroom/webhooks/${endpointId}/`, { url, event_published: 'on' });
    expect(saved.statusCode).toBe(303);
    await publishStory('Nickel slides');
    expect(receiver.received).toHaveLength(2);
    expect((await get(admin, `/newsroom/webhooks/${endpointId}/`)).body).toContain('Disabled');

    const deleted = await post(admin, `/newsroom/webhooks/${endpointId}/delete/`);
    expect(deleted.headers.location).toBe('/newsroom/webhooks/?done=deleted');
    expect((await get(admin, `/newsroom/webhooks/${endpointId}/`)).statusCode).toBe(404);
    expect(await audit()).toEqual(['webhook.registered', 'webhook.secret_rotated', 'webhook.resent', 'webhook.changed', 'webhook.deleted']);
  });

  test('bad input is refused with the field named, never a 500; only admins get in', async () => {
    await start({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    const urlInvalid = /<input[^>]*name="url"[^>]*aria-invalid="true"/;
    const eventsInvalid = /<fieldset id="field-events"[^>]*aria-describedby="field-events-error"/;
    const cases: [Record<string, string>, RegExp, RegExp][] = [
      [{ url: '', event_published: 'on' }, /Give the address deliveries go to/, urlInvalid],
      [{ url: 'ftp://example.com/x', event_published: 'on' }, /Give an http:\/\/ or https:\/\/ address/, urlInvalid],
      [{ url: 'not a url', event_published: 'on' }, /Give an http:\/\/ or https:\/\/ address/, urlInvalid],
      [{ url: 'https://user:pw@192.0.2.1/', event_published: 'on' }, /Leave the user name and password out/, urlInvalid],
      [{ url: 'https://192.0.2.1/#x', event_published: 'on' }, /Leave the #fragment out/, urlInvalid],
      [{ url: `https://192.0.2.1/${'a'.repeat(2000)}`, event_published: 'on' }, /at most 2,000 characters/, urlInvalid],
      [{ url: 'https://192.0.2.1/hook' }, /Choose at least one event/, eventsInvalid],
    ];
    for (const [fields, message, marked] of cases) {
      const response = await post(admin, '/newsroom/webhooks/', fields);
      expect(response.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(response.body).toMatch(message);
      expect(response.body).toMatch(marked);
    }
    expect(await audit()).toEqual([]);
    const editor = await createSignedInUser(site, 'editor');
    expect((await get(editor, '/newsroom/webhooks/')).statusCode).toBe(403);
    expect((await post(editor, '/newsroom/webhooks/', { url: 'https://192.0.2.1/', event_published: 'on' })).statusCode).toBe(403);
    // Without the CSRF token: refused.
    const forged = await site.app.inject({ method: 'POST', url: '/newsroom/webhooks/', headers: formHeaders(admin), payload: formBody({ url: 'https://192.0.2.1/', event_published: 'on' }) });
    expect(forged.statusCode).toBe(403);
    expect((await get(admin, '/newsroom/webhooks/99999999999/')).statusCode).toBe(404);
  });
});

test('without WEBHOOK_ALLOW_PRIVATE, loopback and private endpoints are refused at registration', async () => {
  await start({});
  for (const url of [`${receiver.baseUrl}/hook`, 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://localhost./', 'http://10.0.0.8/', 'http://[fd00::1]/']) {
    const response = await post(admin, '/newsroom/webhooks/', { url, event_published: 'on', enabled: 'on' });
    expect(response.statusCode, url).toBe(400);
    expect(response.body).toMatch(/public address|this machine/);
  }
  expect(await audit()).toEqual([]);
});
