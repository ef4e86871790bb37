import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { ALL_PAGES_KEY, createEdgePurger, edgePurgeHeaderValues } from './edge-purge.js';

describe('edgePurgeHeaderValues', () => {
  test('a change’s keys go in one header value, once each and sorted', () => {
    expect(edgePurgeHeaderValues(['section:markets', 'home', 'article:42', 'home', 'topic:china'])).toEqual(['article:42 home section:markets topic:china']);
  });

  test('no keys, no requests', () => {
    expect(edgePurgeHeaderValues([])).toEqual([]);
  });

  test('keys that do not fit one header are split over several, none cut in two', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `article:${i}`);
    const values = edgePurgeHeaderValues(keys, 100);
    expect(values.length).toBeGreaterThan(1);
    for (const value of values) expect(value.length).toBeLessThanOrEqual(100);
    expect(values.flatMap((value) => value.split(' ')).sort()).toEqual([...keys].sort());
    // Filled up: a value ends only where the next key would not fit.
    for (const [i, value] of values.slice(0, -1).entries()) expect(value.length + 1 + values[i + 1]!.split(' ')[0]!.length).toBeGreaterThan(100);
  });

  test('a key exactly as long as the limit travels alone; one longer purges everything', () => {
    expect(edgePurgeHeaderValues(['a'.repeat(10), 'b'], 10)).toEqual(['a'.repeat(10), 'b']);
    expect(edgePurgeHeaderValues(['a'.repeat(11), 'b'], 10)).toEqual([ALL_PAGES_KEY]);
  });

  test('the page cache’s “everything” purges the whole edge with the all-pages key', () => {
    expect(edgePurgeHeaderValues(['home', '*', 'feeds'])).toEqual([ALL_PAGES_KEY]);
  });

  test('a key that is not a header-safe token purges everything rather than too little', () => {
    for (const key of ['topic:two words', 'topic:a,b', 'topic:zürich', 'topic:tab\there', 'line\r\nX-Injected: 1', '']) {
      expect(edgePurgeHeaderValues(['home', key]), JSON.stringify(key)).toEqual([ALL_PAGES_KEY]);
    }
  });

  test('any keys: every value is within the limit and header-safe, and together they name exactly the keys', () => {
    const safeKey = fc.stringMatching(/^[a-z0-9:_.-]{1,40}$/);
    fc.assert(
      fc.property(fc.array(safeKey, { maxLength: 300 }), fc.integer({ min: 40, max: 500 }), (keys, limit) => {
        const values = edgePurgeHeaderValues(keys, limit);
        for (const value of values) {
          expect(value.length).toBeLessThanOrEqual(limit);
          expect(value).toMatch(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/);
        }
        expect(values.flatMap((value) => value.split(' '))).toEqual([...new Set(keys)].sort());
      }),
    );
  });
});

describe('createEdgePurger', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  /** A plain HTTP listener on loopback standing where the edge would, answering each request with `answer`. */
  async function listen(answer: (request: IncomingMessage) => { status: number; headers?: Record<string, string>; body?: string } | undefined) {
    const requests: { method: string; xkey: string | undefined }[] = [];
    server = createServer((request, response) => {
      requests.push({ method: request.method!, xkey: request.headers.xkey as string | undefined });
      const reply = answer(request);
      if (!reply) return; // never answers
      response.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
  }

  test('sends one PURGE per header value with the keys in xkey, and adds up what the edge reports', async () => {
    const edge = await listen((request) => ({ status: 200, headers: { 'x-purged': String((request.headers.xkey as string).split(' ').length) } }));
    const purger = createEdgePurger({ url: edge.url, maxHeaderBytes: 30 });
    const keys = ['home', 'feeds', 'article:1', 'article:2', 'section:markets'];
    expect(await purger.purge(keys)).toEqual({ requests: 2, purged: 5 });
    expect(edge.requests).toEqual([
      { method: 'PURGE', xkey: 'article:1 article:2 feeds home' },
      { method: 'PURGE', xkey: 'section:markets' },
    ]);
  });

  test('no keys send nothing', async () => {
    const edge = await listen(() => ({ status: 200 }));
    expect(await createEdgePurger({ url: edge.url }).purge([])).toEqual({ requests: 0, purged: 0 });
    expect(edge.requests).toEqual([]);
  });

  test('a refused purge rejects with the edge’s status and answer', async () => {
    const edge = await listen(() => ({ status: 403, body: 'PURGE is not allowed from this address\n' }));
    await expect(createEdgePurger({ url: edge.url }).purge(['home'])).rejects.toThrow(`The edge cache at ${edge.url} refused a PURGE with 403: PURGE is not allowed from this address`);
  });

  test('an edge that is down or silent rejects with the reason, within the timeout', async () => {
    const silent = await listen(() => undefined);
    await expect(createEdgePurger({ url: silent.url, timeoutMs: 200 }).purge(['home'])).rejects.toThrow(`The edge cache at ${silent.url} did not answer a PURGE: no answer in time`);
    const down = silent.url;
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    await expect(createEdgePurger({ url: down }).purge(['home'])).rejects.toThrow(`The edge cache at ${down} did not answer a PURGE: ECONNREFUSED`);
  });
});
