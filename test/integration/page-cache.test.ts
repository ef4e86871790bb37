import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleInput, createArticles, createTempDir, createTestApp, type TestApp } from '../support/test-app.js';

const articleUrl = '/2024/03/01/copper-rallies-on-supply-fears/';
const pagesShowingIt = [articleUrl, '/', '/markets/', '/topic/copper/', '/author/ana-cruz/'];

async function get(site: TestApp, url: string, headers: Record<string, string> = {}) {
  return site.app.inject({ url, headers });
}

describe('page cache and invalidation', () => {
  let site: TestApp;
  const story = articleInput({
    uri: 'urn:test:copper',
    title: 'Copper rallies on supply fears',
    section: 'Markets',
    bylines: ['Ana Cruz'],
    tags: [{ kind: 'topic', name: 'Copper' }],
  });
  const unrelated = articleInput({ uri: 'urn:test:unrelated', title: 'Retailers brace for a quiet season', section: 'Business', bylines: ['Bo Lee'], tags: [{ kind: 'topic', name: 'Retail' }] });

  beforeAll(async () => {
    site = await createTestApp();
    await createArticles(site, [story, unrelated]);
  });
  afterAll(() => site.close());

  test('the second request is a cache hit with the same ETag, and If-None-Match gives 304', async () => {
    const first = await get(site, articleUrl);
    expect(first.statusCode).toBe(200);
    const second = await get(site, articleUrl);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers.etag).toBe(first.headers.etag);
    const revalidated = await get(site, articleUrl, { 'if-none-match': String(first.headers.etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  test('answers with gzip and brotli variants, Vary, Cache-Control and Surrogate-Key', async () => {
    const br = await get(site, articleUrl, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    const gzip = await get(site, articleUrl, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.etag).not.toBe(br.headers.etag);
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toMatch(/s-maxage=\d+/);
    expect(br.headers['cache-control']).toMatch(/stale-while-revalidate=\d+/);
    expect(String(br.headers['surrogate-key']).split(' ')).toContain('article:1');
    expect(String((await get(site, '/markets/')).headers['surrogate-key']).split(' ')).toContain('section:markets');
  });

  test('a changed story shows on its page, the front page, its section, topic and author pages; an unrelated page stays cached', async () => {
    const unrelatedUrl = '/business/';
    for (const url of [...pagesShowingIt, unrelatedUrl]) await get(site, url);
    for (const url of [...pagesShowingIt, unrelatedUrl]) expect((await get(site, url)).headers['x-cache'], url).toBe('HIT');

    await createArticles(site, [{ ...story, title: 'Copper soars as mines shut' }]);

    for (const url of pagesShowingIt) {
      const response = await get(site, url);
      expect(response.headers['x-cache'], url).toBe('MISS');
      expect(response.body, url).toContain('Copper soars as mines shut');
      expect(response.body, url).not.toContain('Copper rallies on supply fears');
    }
    expect((await get(site, unrelatedUrl)).headers['x-cache']).toBe('HIT');
  });

  test('importing an unchanged version purges nothing', async () => {
    await get(site, '/');
    await createArticles(site, [{ ...story, title: 'Copper soars as mines shut' }]);
    expect((await get(site, '/')).headers['x-cache']).toBe('HIT');
  });
});

describe('a fortune-sky import from another process', () => {
  let site: TestApp;
  let baseUrl: string;
  const temp = createTempDir();

  beforeAll(async () => {
    site = await createTestApp();
    await createArticles(site, [articleInput({ uri: 'urn:test:wire-1', title: 'Yields climb before the auction', tags: [{ kind: 'topic', name: 'Bonds' }] })]);
    baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await site.close();
    temp.remove();
  });

  test('shows on every affected page of the running server within one second', async () => {
    const pages = ['/2024/03/01/yields-climb-before-the-auction/', '/', '/markets/', '/topic/bonds/'];
    for (const url of pages) await fetch(baseUrl + url);
    for (const url of pages) expect((await fetch(baseUrl + url)).headers.get('x-cache'), url).toBe('HIT');

    const file = join(temp.dir, 'update.json');
    writeFileSync(
      file,
      JSON.stringify({
        uri: 'urn:test:wire-1',
        type: 'text',
        firstCreated: '2024-03-01T10:00:00Z',
        headlines: [{ role: 'main', value: 'Yields jump after a weak auction' }],
        bodies: [{ role: 'main', contentType: 'text/html', value: '<p>Treasury yields jumped after demand at the auction fell short of expectations.</p>' }],
        subjects: [{ name: 'Markets', rel: 'section' }, { name: 'Bonds' }],
      }),
    );
    const exitCode = await runCli(['import', file], { DATABASE_URL: site.databaseUrl, LOG_LEVEL: 'silent' });
    expect(exitCode).toBe(0);
    const importedAt = Date.now();

    for (const url of pages) {
      let body = '';
      while (Date.now() - importedAt < 1000) {
        body = await (await fetch(baseUrl + url)).text();
        if (body.includes('Yields jump after a weak auction')) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(body, url).toContain('Yields jump after a weak auction');
    }
  });
});

/** Runs the fortune-sky command in its own process, as an operator would. */
export function runCli(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
