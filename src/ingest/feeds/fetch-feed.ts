import http, { STATUS_CODES, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HostAddressError, pinnedLookup, resolveHostAddress, type HostResolver, type ResolvedAddress } from '../../net/index.js';
import { parseRetryAfter } from './retry-after.js';

/** How Fortune Sky names itself to the servers it polls. */
export const FEED_USER_AGENT = 'FortuneSky-Ingest/1';

/** The defaults of one fetch: 10 s to connect, 30 s for the whole answer (redirects included), 5 MB decompressed, 5 redirects. */
export const FEED_FETCH_DEFAULTS = { connectTimeoutMs: 10_000, timeoutMs: 30_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;

/** How one fetch is made. */
export interface FetchFeedOptions {
  /** Validators from the last fetch: a server that still has that version answers 304. */
  etag?: string;
  lastModified?: string;
  /** Fetch from private, loopback and link-local addresses too (INGEST_ALLOW_PRIVATE: tests, closed networks). */
  allowPrivate: boolean;
  connectTimeoutMs?: number;
  /** For the whole fetch, redirects included: a server dripping bytes is cut off then. */
  timeoutMs?: number;
  /** Largest body kept, after decompression. */
  maxBytes?: number;
  /** Replaces DNS, and which addresses count as public (tests reach their loopback server through a made-up public host). */
  resolve?: HostResolver;
  isPublic?: (address: string) => boolean;
  /** The clock Retry-After dates are read against. */
  now?: () => number;
}

/** What a fetch came to. `reason` is written for the editor who reads the source's log. */
export type FetchFeedOutcome =
  | { kind: 'fetched'; body: Buffer; contentType: string | undefined; finalUrl: string; etag?: string; lastModified?: string }
  | { kind: 'not-modified' }
  | { kind: 'refused' | 'failed'; reason: string; retryAfterMs?: number };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** Said when the whole-fetch budget runs out, whichever step was waiting. */
class OutOfTime extends Error {}

/**
 * GETs a feed: conditional on the validators given, over http or https only, to addresses checked
 * after DNS (and the connection pinned to the address checked), following at most 5 redirects, each
 * checked again. The body is read up to the size limit after decompression (gzip, deflate, br) and
 * no further. Never throws: every end is an outcome with a reason.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchFeedOutcome> {
  const timeoutMs = options.timeoutMs ?? FEED_FETCH_DEFAULTS.timeoutMs;
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(new OutOfTime()), timeoutMs);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    clearTimeout(timer);
    return { kind: 'refused', reason: `"${url}" is not a web address.` };
  }
  try {
    return await follow(current, options, budget.signal);
  } catch (error) {
    if (budget.signal.aborted) return { kind: 'failed', reason: `No complete answer within ${seconds(timeoutMs)}: the server is too slow or keeps sending.` };
    return { kind: 'failed', reason: describeNetworkError(error) };
  } finally {
    clearTimeout(timer);
    budget.abort();
  }
}

async function follow(start: URL, options: FetchFeedOptions, signal: AbortSignal): Promise<FetchFeedOutcome> {
  const maxBytes = options.maxBytes ?? FEED_FETCH_DEFAULTS.maxBytes;
  const visited = new Set<string>();
  let current = start;
  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      return { kind: 'refused', reason: `${redirects ? 'The feed redirects to' : 'The address is'} ${current.href}: only http and https addresses are fetched.` };
    }
    let address: ResolvedAddress;
    try {
      address = await untilAborted(resolveHostAddress(current.hostname, {
          allowPrivate: options.allowPrivate,
          resolve: options.resolve,
          isPublic: options.isPublic,
          refusal: 'feeds are fetched only from public addresses',
        }), signal);
    } catch (error) {
      if (!(error instanceof HostAddressError)) throw error;
      const via = redirects ? `The feed redirects to ${current.href}, but ` : '';
      return { kind: error.reason === 'not-public' ? 'refused' : 'failed', reason: via + error.message };
    }
    const response = await get(current, address, options, signal);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.destroy();
      const next = redirectTarget(current, response.headers.location);
      if (!next) return { kind: 'failed', reason: `${current.href} answered ${status} without a valid Location to go to.` };
      visited.add(current.href);
      if (visited.has(next.href)) return { kind: 'failed', reason: `The feed redirects in a loop (back to ${next.href}).` };
      if (redirects + 1 > FEED_FETCH_DEFAULTS.maxRedirects) return { kind: 'failed', reason: `The feed redirects more than ${FEED_FETCH_DEFAULTS.maxRedirects} times (last to ${next.href}).` };
      current = next;
      continue;
    }
    if (status === 304) {
      response.destroy();
      return { kind: 'not-modified' };
    }
    if (status < 200 || status > 299) {
      response.destroy();
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header(response, 'retry-after'), (options.now ?? Date.now)()) : undefined;
      const reason = `${current.href} answered ${status} ${STATUS_CODES[status] ?? ''}`.trim() + '.';
      return retryAfterMs === undefined ? { kind: 'failed', reason } : { kind: 'failed', reason, retryAfterMs };
    }
    const declared = Number(header(response, 'content-length'));
    if (declared > maxBytes) {
      response.destroy();
      return { kind: 'refused', reason: `The feed is ${megabytes(declared)}, more than the ${megabytes(maxBytes)} limit.` };
    }
    const body = await readBody(response, maxBytes);
    if (typeof body === 'string') return { kind: 'refused', reason: body };
    return {
      kind: 'fetched',
      body,
      contentType: header(response, 'content-type'),
      finalUrl: current.href,
      ...optional('etag', header(response, 'etag')),
      ...optional('lastModified', header(response, 'last-modified')),
    };
  }
}

// One GET to the checked address; resolves with the response as soon as its head arrives.
function get(target: URL, address: ResolvedAddress, options: FetchFeedOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const connectTimeoutMs = options.connectTimeoutMs ?? FEED_FETCH_DEFAULTS.connectTimeoutMs;
  const headers: Record<string, string> = { 'user-agent': FEED_USER_AGENT, accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, { method: 'GET', headers, lookup: pinnedLookup(address), agent: false, signal }, resolve);
    request.on('error', reject);
    request.on('socket', (socket) => {
      const connectTimer = setTimeout(() => request.destroy(new Error(`Could not connect to ${target.host} within ${seconds(connectTimeoutMs)}.`)), connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
      socket.once('close', () => clearTimeout(connectTimer));
    });
    request.end();
  });
}

// The body, decompressed, up to maxBytes; past it, the reason for refusing (the rest is never read).
async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer | string> {
  const encoding = (header(response, 'content-encoding') ?? 'identity').trim().toLowerCase();
  const decoder = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress, identity: undefined }[encoding];
  if (decoder === undefined && encoding !== 'identity') {
    response.destroy();
    return `The feed is sent with a compression we do not read (${encoding}).`;
  }
  const source: Readable = decoder ? pipeline(response, decoder(), () => undefined) : response;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        return `The feed is larger than the ${megabytes(maxBytes)} limit${decoder ? ' once decompressed' : ''}; nothing of it was kept.`;
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (decoder && (error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw new Error(`The feed's ${encoding} compression is broken.`);
    throw error;
  }
  return Buffer.concat(chunks, size);
}

function redirectTarget(from: URL, location: string | undefined): URL | undefined {
  if (!location) return undefined;
  try {
    const next = new URL(location, from);
    next.hash = '';
    return next;
  } catch {
    return undefined;
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new OutOfTime());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'The server refused the connection (nothing listens there).';
  if (code === 'ECONNRESET') return 'The server closed the connection before the feed was complete.';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `The server's TLS certificate was not accepted (${code}).`;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value ? ({ [key]: value } as { [P in K]: string }) : {};
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}
