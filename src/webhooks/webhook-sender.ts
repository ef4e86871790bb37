import http from 'node:http';
import https from 'node:https';
import { pinnedLookup, type HostResolver, type ResolvedAddress } from '../net/index.js';
import { resolveEndpointAddress } from './endpoint-address.js';

/** What one attempt came to: the receiver's status, or why there was none; and how long it took. */
export interface SendOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** How an attempt is made. */
export interface SendOptions {
  /** Give up on a receiver that has not answered in full by then. */
  timeoutMs: number;
  /** Read at most this much of an answer (its body is not used; a receiver cannot make us read a gigabyte). */
  maxResponseBytes: number;
  allowPrivate: boolean;
  resolve?: HostResolver;
}

/**
 * POSTs one message to an endpoint and says what came of it; never throws. The host is resolved
 * and checked (`resolveEndpointAddress`) and the connection goes to that checked address (the
 * request's own lookup is pinned to it; TLS still verifies the certificate for the host name).
 * Redirects are not followed: a 3xx is an answer like any other that is not 2xx.
 */
export async function sendWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const finish = (statusCode: number | null, error: string | null): SendOutcome => ({ statusCode, error, durationMs: Math.round(performance.now() - started) });
  try {
    const target = new URL(url);
    const address = await resolveEndpointAddress(target.hostname, { allowPrivate: options.allowPrivate, resolve: options.resolve });
    const statusCode = await post(target, address, headers, body, options);
    return finish(statusCode, null);
  } catch (error) {
    return finish(null, error instanceof Error ? error.message : String(error));
  }
}

function post(target: URL, address: ResolvedAddress, headers: Record<string, string>, body: string, { timeoutMs, maxResponseBytes }: SendOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'FortuneSky-Webhooks/1' },
        lookup: pinnedLookup(address),
        agent: false,
      },
      (response) => {
        let received = 0;
        const statusCode = response.statusCode ?? 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // The status is known; the rest of a long answer is not worth reading.
          if (received > maxResponseBytes) settle(() => resolve(statusCode));
        });
        response.on('end', () => settle(() => resolve(statusCode)));
        response.on('error', (error) => settle(() => reject(error)));
      },
    );
    const timer = setTimeout(() => settle(() => reject(new Error(`No answer within ${timeoutMs / 1000} s.`))), timeoutMs);
    let isSettled = false;
    function settle(done: () => void) {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      request.destroy();
      done();
    }
    request.on('error', (error) => settle(() => reject(error)));
    request.end(body);
  });
}
