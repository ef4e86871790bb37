import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What decides whether a request may read /metrics. */
export interface MetricsRequest {
  /** The connection's own peer address (never one taken from a forwarding header). */
  remoteAddress: string | undefined;
  headers: IncomingHttpHeaders;
}

// Headers a proxy adds when it forwards a request: such a request came from elsewhere, whatever
// address the connection has (a Varnish on the same machine connects from 127.0.0.1).
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/** Whether an address is the machine's own: 127.0.0.0/8, ::1, or 127.x written as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4) || address === '::1';
}

/**
 * Who may read /metrics, which tells how the site is run (routes, traffic, queues) and is not for
 * the public: a request on a loopback connection that no proxy forwarded (a Prometheus or curl on
 * the same machine), or, when METRICS_TOKEN is set, any request carrying
 * `Authorization: Bearer <token>` (a Prometheus elsewhere).
 */
export function mayReadMetrics(request: MetricsRequest, token: string | undefined): boolean {
  if (token !== undefined && hasBearerToken(request.headers.authorization, token)) return true;
  return isLoopbackAddress(request.remoteAddress) && FORWARDING_HEADERS.every((name) => request.headers[name] === undefined);
}

function hasBearerToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (!match) return false;
  // Compared as hashes in constant time: neither the token's length nor its prefix leaks through timing.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
