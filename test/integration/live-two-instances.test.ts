/**
 * Live coverage across instances: two `fortune-sky serve` processes on one database. A reader's
 * stream is open on B; updates posted on A reach it through the change log (B's follower), and the
 * end of coverage posted on A closes it.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTwoInstances, type TwoInstances } from '../support/two-instances.js';

let site: TwoInstances;
beforeAll(async () => {
  site = await startTwoInstances();
}, 60_000);
afterAll(async () => site?.stop());

function openStream(url: string): Promise<{ response: IncomingMessage; received: () => string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      resolve({ response, received: () => text });
    });
    request.on('error', reject);
    request.end();
  });
}

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

test('an update posted on A reaches a stream open on B; ending coverage on A closes it', { timeout: 60_000 }, async () => {
  const [onA] = await site.signInEditor();
  const [a, b] = site.instances;
  const id = await onA.createStory({ title: 'Markets open: live' });
  expect(await onA.press(id, 'publish', { title: 'Markets open: live' })).toBe(303);
  const post = (path: string, fields: Record<string, string> = {}) =>
    fetch(`${a.baseUrl}/newsroom/stories/${id}/live/${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: onA.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: onA.csrfToken, ...fields }).toString(),
    }).then((response) => response.status);
  expect(await post('start')).toBe(303);
  const stream = await openStream(`${b.baseUrl}/live/${id}/events?after=0`);
  expect(stream.response.statusCode).toBe(200);
  expect(await post('updates', { text: 'Opening bell: indices up.' })).toBe(303);
  const tookMs = await until(() => stream.received().includes('Opening bell: indices up.'), 5000);
  console.log(`update posted on A seen on B's stream after ${tookMs} ms`);
  const ended = new Promise((resolve) => stream.response.on('end', resolve));
  expect(await post('end')).toBe(303);
  await ended;
  expect(stream.received()).toContain('event: ended');
});
