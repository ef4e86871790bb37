/**
 * A webhook receiver on loopback for tests: records every request (headers and exact body) and
 * answers as told (`ok` 204, `fail` 500, `hang`: never answers). `verify` checks a request as a
 * receiver would, with the `standardwebhooks` package, its clock set to the sender's.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';

/** One request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers. */
export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  received: ReceivedWebhook[];
  mode: ReceiverMode;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startWebhookReceiver(mode: ReceiverMode = 'ok'): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { baseUrl: '', received: [], mode, close: async () => undefined };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (receiver.mode === 'hang') return;
      response.statusCode = receiver.mode === 'ok' ? 204 : 500;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/**
 * Verifies a received request with the secret, as `standardwebhooks` does for real receivers; its
 * timestamp check (5 minutes) runs against `now`, the receiver's clock (the test's, which the app's
 * deliveries are stamped with). Returns the parsed body; throws if the signature does not match.
 */
export function verifyWebhook(secret: string, request: ReceivedWebhook, now: Date = new Date()): unknown {
  const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name])]));
  vi.useFakeTimers({ toFake: ['Date'], now });
  try {
    return new Webhook(secret).verify(request.body, headers);
  } finally {
    vi.useRealTimers();
  }
}
