import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { HostResolver } from '../net/index.js';
import { sendWebhook, type SendOptions } from './webhook-sender.js';

// A real receiver on loopback, answering as each test says.
let server: Server;
let requests: { host: string | undefined; url: string | undefined }[];
async function listen(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<number> {
  requests = [];
  server = createServer((request, response) => {
    requests.push({ host: request.headers.host, url: request.url });
    request.resume();
    request.on('end', () => answer(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options: SendOptions = { timeoutMs: 2000, maxResponseBytes: 1024, allowPrivate: true };

describe('sendWebhook', () => {
  test('a 2xx answer is its status, with how long it took', async () => {
    const port = await listen((_request, response) => response.writeHead(202).end('accepted'));
    const outcome = await sendWebhook(`http://127.0.0.1:${port}/hook`, { 'webhook-id': 'msg_1' }, '{}', options);
    expect(outcome).toMatchObject({ statusCode: 202, error: null });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('a redirect is an answer, not followed', async () => {
    const port = await listen((request, response) => (request.url === '/hook' ? response.writeHead(307, { location: '/elsewhere' }).end() : response.writeHead(204).end()));
    expect(await sendWebhook(`http://127.0.0.1:${port}/hook`, {}, '{}', options)).toMatchObject({ statusCode: 307, error: null });
    expect(requests.map((request) => request.url)).toEqual(['/hook']);
  });

  test('a receiver that does not answer in time is an error, after the timeout and not much later', async () => {
    const port = await listen(() => undefined);
    const outcome = await sendWebhook(`http://127.0.0.1:${port}/hook`, {}, '{}', { ...options, timeoutMs: 300 });
    expect(outcome).toMatchObject({ statusCode: null, error: 'No answer within 0.3 s.' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
    expect(outcome.durationMs).toBeLessThan(1500);
  });

  test('an endless answer is read only up to the cap: the status counts, the rest is dropped', async () => {
    const port = await listen((_request, response) => {
      response.writeHead(200);
      // Never ends: 1 KB every few milliseconds.
      const timer = setInterval(() => response.write('x'.repeat(1024)), 5);
      response.on('close', () => clearInterval(timer));
    });
    const outcome = await sendWebhook(`http://127.0.0.1:${port}/hook`, {}, '{}', { ...options, timeoutMs: 5000 });
    expect(outcome).toMatchObject({ statusCode: 200, error: null });
    expect(outcome.durationMs).toBeLessThan(2000);
  });

  test('connects to the address resolved and checked, whatever the name, and sends the name as Host', async () => {
    const port = await listen((_request, response) => response.writeHead(204).end());
    const resolve: HostResolver = async (hostname) => (hostname === 'hooks.partner.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
    expect(await sendWebhook(`http://hooks.partner.test:${port}/hook`, {}, '{}', { ...options, resolve })).toMatchObject({ statusCode: 204 });
    expect(requests).toEqual([{ host: `hooks.partner.test:${port}`, url: '/hook' }]);
  });

  test('without private addresses allowed, nothing is sent to loopback, and the reason is the outcome', async () => {
    const port = await listen((_request, response) => response.writeHead(204).end());
    const resolve: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    expect(await sendWebhook(`http://rebound.partner.test:${port}/hook`, {}, '{}', { ...options, allowPrivate: false, resolve })).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/resolves to 127\.0\.0\.1, which is not a public address/),
    });
    expect(await sendWebhook(`http://[::ffff:127.0.0.1]:${port}/hook`, {}, '{}', { ...options, allowPrivate: false })).toMatchObject({ statusCode: null, error: expect.stringMatching(/not a public address/) });
    expect(requests).toEqual([]);
  });

  test('a refused connection is an error, never a throw', async () => {
    const port = await listen(() => undefined);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    server = createServer();
    server.listen(0, '127.0.0.1');
    expect(await sendWebhook(`http://127.0.0.1:${port}/hook`, {}, '{}', options)).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
