import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fetchFeed, FEED_USER_AGENT, normalizeFeedItem, parseFeed, type FetchFeedOptions, type ParseFeedOutcome } from '../../src/ingest/feeds/index.js';
import { isPublicAddress, type HostResolver } from '../../src/net/index.js';

// A real feed server on loopback: each path is one case, written by hand below.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const rss = fixture('rss2-edge-cases.xml');
let server: Server;
let base: string;
let port: number;
const seen: IncomingMessage[] = [];

const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/rss.xml': (request, response) => {
    if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Mon, 02 Mar 2026 09:00:00 GMT' }).end(rss);
  },
  '/gzip.xml': (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync(rss)),
  '/br.xml': (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'br' }).end(brotliCompressSync(rss)),
  // 50 MB announced and sent: refused from its Content-Length, before a byte is buffered.
  '/huge.xml': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(50 * 1024 * 1024) });
    streamZeros(response, 50 * 1024 * 1024);
  },
  // 50 MB with no length (chunked): refused as soon as the limit is passed.
  '/huge-chunked.xml': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    streamZeros(response, 50 * 1024 * 1024);
  },
  // 20 KB of gzip that inflates to 20 MB: the limit applies to the decompressed bytes.
  '/gzip-bomb.xml': (_request, response) => response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(20 * 1024 * 1024, 32))),
  '/drip.xml': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    const timer = setInterval(() => response.write('<'), 50);
    response.on('close', () => clearInterval(timer));
  },
  '/moved': (_request, response) => response.writeHead(301, { location: '/rss.xml' }).end(),
  '/loop-a': (_request, response) => response.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_request, response) => response.writeHead(302, { location: '/loop-a' }).end(),
  '/to-metadata': (_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/to-private-name': (_request, response) => response.writeHead(307, { location: 'http://intranet.example/feed' }).end(),
  '/to-file': (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/busy': (_request, response) => response.writeHead(503, { 'retry-after': '120' }).end(),
  '/slow-down': (_request, response) => response.writeHead(429, { 'retry-after': 'Mon, 02 Mar 2026 10:05:00 GMT' }).end(),
  '/gone': (_request, response) => response.writeHead(404).end('no'),
  '/page.html': (_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><head><title>Markets</title></head><body><p>Not a feed.</p></body></html>'),
};
// Every fixture and the real ninjs examples, each under its own path with a fitting Content-Type.
const fixtureTypes: Record<string, string> = { xml: 'application/xml', json: 'application/json', ndjson: 'application/x-ndjson' };
for (const { name } of readdirSync(new URL('../fixtures/feeds/', import.meta.url), { withFileTypes: true }).filter((entry) => entry.isFile())) {
  routes[`/fixtures/${name}`] = (_request, response) => response.writeHead(200, { 'content-type': fixtureTypes[name.split('.').pop()!]! }).end(fixture(name));
}
const ninjsFolder = new URL('../../../shared/standards/ninjs/', import.meta.url);
const ninjsExamples = readdirSync(ninjsFolder).filter((name) => name.startsWith('example-'));
for (const name of ninjsExamples) routes[`/ninjs/${name}`] = (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(new URL(name, ninjsFolder)));
for (let hop = 1; hop <= 7; hop++) routes[`/hop-${hop}`] = (_request, response) => response.writeHead(302, { location: `/hop-${hop + 1}` }).end();
routes['/hop-8'] = routes['/rss.xml']!;

function streamZeros(response: ServerResponse, total: number) {
  const chunk = Buffer.alloc(64 * 1024);
  let sent = 0;
  const write = () => {
    while (sent < total && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', write);
    }
    response.end();
  };
  write();
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request);
    const route = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (route) route(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const loopback: FetchFeedOptions = { allowPrivate: true, timeoutMs: 5000 };
// Made-up names for the checks without private addresses: DNS is the test's resolver.
const wireHost = 'wire.example.com';
const publicLooking: HostResolver = async (hostname) =>
  ({ [wireHost]: [{ address: '127.0.0.1', family: 4 as const }], 'intranet.example': [{ address: '10.1.2.3', family: 4 as const }] })[hostname] ?? [];

describe('fetchFeed', () => {
  test('fetches a feed with its validators, naming itself; the second, conditional fetch is not modified', async () => {
    const first = await fetchFeed(`${base}/rss.xml`, loopback);
    expect(first).toMatchObject({ kind: 'fetched', contentType: 'application/rss+xml; charset=utf-8', finalUrl: `${base}/rss.xml`, etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 09:00:00 GMT' });
    if (first.kind !== 'fetched') throw new Error('not fetched');
    expect(first.body.equals(rss)).toBe(true);
    expect(seen.at(-1)!.headers['user-agent']).toBe(FEED_USER_AGENT);

    const second = await fetchFeed(`${base}/rss.xml`, { ...loopback, etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ kind: 'not-modified' });
    expect(seen.at(-1)!.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 02 Mar 2026 09:00:00 GMT' });
  });

  test('gzip and brotli answers are decompressed', async () => {
    for (const path of ['/gzip.xml', '/br.xml']) {
      const outcome = await fetchFeed(`${base}${path}`, loopback);
      expect(outcome.kind).toBe('fetched');
      if (outcome.kind === 'fetched') expect(outcome.body.equals(rss)).toBe(true);
    }
  });

  test('follows redirects, at most 5, and says where it ended', async () => {
    expect(await fetchFeed(`${base}/moved`, loopback)).toMatchObject({ kind: 'fetched', finalUrl: `${base}/rss.xml` });
    expect(await fetchFeed(`${base}/hop-3`, loopback)).toMatchObject({ kind: 'fetched', finalUrl: `${base}/hop-8` });
    expect(await fetchFeed(`${base}/hop-1`, loopback)).toEqual({ kind: 'failed', reason: `The feed redirects more than 5 times (last to ${base}/hop-7).` });
  });

  test('a redirect loop fails with its reason', async () => {
    expect(await fetchFeed(`${base}/loop-a`, loopback)).toEqual({ kind: 'failed', reason: `The feed redirects in a loop (back to ${base}/loop-a).` });
  });

  test('a 50 MB answer is refused from its length, and without one as soon as it passes the limit', async () => {
    const started = performance.now();
    expect(await fetchFeed(`${base}/huge.xml`, loopback)).toEqual({ kind: 'refused', reason: 'The feed is 50 MB, more than the 5 MB limit.' });
    expect(await fetchFeed(`${base}/huge-chunked.xml`, loopback)).toEqual({ kind: 'refused', reason: 'The feed is larger than the 5 MB limit; nothing of it was kept.' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test('the limit applies to the decompressed bytes (a gzip bomb is refused)', async () => {
    expect(await fetchFeed(`${base}/gzip-bomb.xml`, { ...loopback, maxBytes: 1024 * 1024 })).toEqual({ kind: 'refused', reason: 'The feed is larger than the 1 MB limit once decompressed; nothing of it was kept.' });
  });

  test('a slow drip ends at the total timeout, not much later', async () => {
    const started = performance.now();
    const outcome = await fetchFeed(`${base}/drip.xml`, { ...loopback, timeoutMs: 400 });
    const elapsed = performance.now() - started;
    expect(outcome).toEqual({ kind: 'failed', reason: 'No complete answer within 0.4 s: the server is too slow or keeps sending.' });
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(2000);
  });

  test('429 and 503 carry Retry-After, in seconds or as a date; other errors their status', async () => {
    expect(await fetchFeed(`${base}/busy`, loopback)).toEqual({ kind: 'failed', reason: `${base}/busy answered 503 Service Unavailable.`, retryAfterMs: 120_000 });
    const now = () => Date.parse('2026-03-02T10:00:00Z');
    expect(await fetchFeed(`${base}/slow-down`, { ...loopback, now })).toEqual({ kind: 'failed', reason: `${base}/slow-down answered 429 Too Many Requests.`, retryAfterMs: 300_000 });
    expect(await fetchFeed(`${base}/gone`, loopback)).toEqual({ kind: 'failed', reason: `${base}/gone answered 404 Not Found.` });
  });

  test('a connection refused is a failure with a reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await fetchFeed(`http://127.0.0.1:${closedPort}/rss.xml`, loopback)).toEqual({ kind: 'failed', reason: 'The server refused the connection (nothing listens there).' });
  });

  test('https goes to the address checked, for the name asked: a certificate no CA vouches for is refused with a reason', async () => {
    const handshakes: string[] = [];
    const tls = createHttpsServer(
      {
        key: fixture('tls/wire.example.com.key'),
        cert: fixture('tls/wire.example.com.crt'),
        // Notes the name the client asks for; no context of its own, so the server's certificate answers.
        SNICallback: (servername, done) => {
          handshakes.push(servername);
          done(null, undefined);
        },
      },
      (_request, response) => response.end(rss),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const tlsPort = (tls.address() as AddressInfo).port;
      const resolve: HostResolver = async (hostname) => (hostname === 'wire.example.com' ? [{ address: '127.0.0.1', family: 4 }] : []);
      expect(await fetchFeed(`https://wire.example.com:${tlsPort}/rss.xml`, { ...loopback, resolve })).toEqual({
        kind: 'failed',
        reason: "The server's TLS certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT).",
      });
      // The handshake reached our server (the pinned address) and named the host asked for (SNI).
      expect(handshakes).toEqual(['wire.example.com']);
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  test('only http and https: other schemes are refused, directly or by redirect', async () => {
    expect(await fetchFeed('file:///etc/passwd', loopback)).toEqual({ kind: 'refused', reason: 'The address is file:///etc/passwd: only http and https addresses are fetched.' });
    expect(await fetchFeed(`${base}/to-file`, loopback)).toEqual({ kind: 'refused', reason: 'The feed redirects to file:///etc/passwd: only http and https addresses are fetched.' });
    expect(await fetchFeed('not a url', loopback)).toEqual({ kind: 'refused', reason: '"not a url" is not a web address.' });
  });
});

describe('fetchFeed without private addresses allowed (SSRF)', () => {
  const strict: FetchFeedOptions = { allowPrivate: false, timeoutMs: 5000, resolve: publicLooking };

  test('loopback, the metadata address and localhost are refused before connecting', async () => {
    const before = seen.length;
    expect(await fetchFeed(`${base}/rss.xml`, strict)).toEqual({ kind: 'refused', reason: '127.0.0.1 is not a public address: feeds are fetched only from public addresses.' });
    expect(await fetchFeed('http://169.254.169.254/latest/meta-data/', strict)).toEqual({ kind: 'refused', reason: '169.254.169.254 is not a public address: feeds are fetched only from public addresses.' });
    expect(await fetchFeed(`http://localhost:${port}/rss.xml`, strict)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/is this machine/) });
    expect(await fetchFeed(`http://[::ffff:127.0.0.1]:${port}/rss.xml`, strict)).toMatchObject({ kind: 'refused' });
    expect(seen.length).toBe(before);
  });

  test('a name that resolves to a private address is refused; one DNS does not know fails', async () => {
    const rebinding: HostResolver = async () => [{ address: '10.0.0.8', family: 4 }];
    expect(await fetchFeed('http://feeds.partner.example/rss.xml', { ...strict, resolve: rebinding })).toEqual({
      kind: 'refused',
      reason: 'feeds.partner.example resolves to 10.0.0.8, which is not a public address: feeds are fetched only from public addresses.',
    });
    expect(await fetchFeed('http://nowhere.example/rss.xml', strict)).toEqual({ kind: 'failed', reason: 'nowhere.example could not be found (DNS has no address for it).' });
  });

  test('a public host that redirects to a private address is refused at the redirect, before connecting there', async () => {
    // wire.example.com stands for a public host: DNS (the test's resolver) answers 127.0.0.1, and this
    // one address is counted public, so the first hop reaches our server; the redirect's targets are
    // judged by the real rule.
    const asPublicHost = { ...strict, isPublic: (address: string) => address === '127.0.0.1' || isPublicAddress(address) };
    expect(await fetchFeed(`http://${wireHost}:${port}/rss.xml`, asPublicHost)).toMatchObject({ kind: 'fetched', finalUrl: `http://${wireHost}:${port}/rss.xml` });
    expect(await fetchFeed(`http://${wireHost}:${port}/to-metadata`, asPublicHost)).toEqual({
      kind: 'refused',
      reason: 'The feed redirects to http://169.254.169.254/latest/meta-data/, but 169.254.169.254 is not a public address: feeds are fetched only from public addresses.',
    });
    expect(await fetchFeed(`http://${wireHost}:${port}/to-private-name`, asPublicHost)).toEqual({
      kind: 'refused',
      reason: 'The feed redirects to http://intranet.example/feed, but intranet.example resolves to 10.1.2.3, which is not a public address: feeds are fetched only from public addresses.',
    });
  });
});

// Fetch, then parse, as a poll does.
async function poll(path: string): Promise<ParseFeedOutcome & { finalUrl: string }> {
  const outcome = await fetchFeed(`${base}${path}`, loopback);
  if (outcome.kind !== 'fetched') throw new Error(`not fetched: ${JSON.stringify(outcome)}`);
  return { ...parseFeed(outcome.body, { contentType: outcome.contentType, url: outcome.finalUrl }), finalUrl: outcome.finalUrl };
}

describe('fixtures served over loopback: fetched, parsed and normalized', () => {
  test.each([
    ['rss2-edge-cases.xml', 'rss', 4],
    ['rss1-rdf.xml', 'rdf', 1],
    ['atom-xhtml.xml', 'atom', 2],
    ['json-feed-1.1.json', 'json-feed', 2],
    ['json-feed-1.0.json', 'json-feed', 1],
    ['latin1.xml', 'rss', 1],
    ['ninjs-1.x.json', 'ninjs', 1],
    ['ninjs-2.x.ndjson', 'ninjs', 1],
  ])('%s is %s with %i items, each a story', async (name, format, count) => {
    const feed = await poll(`/fixtures/${name}`);
    expect(feed).toMatchObject({ kind: 'parsed', format });
    if (feed.kind !== 'parsed') return;
    expect(feed.items).toHaveLength(count);
    for (const item of feed.items) {
      const story = normalizeFeedItem(item, { feedUrl: feed.finalUrl, sourceName: 'Loopback Wire' });
      expect(story.input.title).not.toBe('');
      expect(story.input.bodyHtml).not.toMatch(/<script|onclick/);
    }
  });

  test('the Latin-1 feed reads right through the wire (its server names no charset)', async () => {
    const feed = await poll('/fixtures/latin1.xml');
    if (feed.kind !== 'parsed') throw new Error(feed.reason);
    expect(normalizeFeedItem(feed.items[0]!, { feedUrl: feed.finalUrl, sourceName: 'Börsenbrief' }).input.title).toBe('Société Générale übernimmt Café-Kette für £12 Mio.');
  });

  test('the real ninjs examples each come through as one item', async () => {
    for (const name of ninjsExamples) expect(await poll(`/ninjs/${name}`), name).toMatchObject({ kind: 'parsed', format: 'ninjs', items: [expect.anything()] });
  });
});

describe('hostile answers end as refusals with reasons', () => {
  test('XXE and billion laughs are refused unread', async () => {
    for (const name of ['xxe.xml', 'billion-laughs.xml']) {
      expect(await poll(`/fixtures/${name}`)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/declares XML entities/) });
    }
  });

  test('an HTML page is not a feed', async () => {
    expect(await poll('/page.html')).toMatchObject({ kind: 'refused', reason: 'This is a web page (HTML), not a feed: give the address of its RSS, Atom or JSON feed.' });
  });

  // The rest of the hostile set (50 MB, a gzip bomb, a slow drip, redirects to private addresses and
  // in a loop) ends at fetchFeed: see the tests above.
});
