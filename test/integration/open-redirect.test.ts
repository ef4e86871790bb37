import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, type TestSession } from '../support/newsroom.js';
import { rawGet } from '../support/raw-http.js';
import { findStoredArticleByUri } from '../../src/content/articles/index.js';

// Every redirect the server gives leads to this site: a Location a browser resolves to another
// host would make the site a springboard for phishing links.
let site: TestApp;
let baseUrl: string;

beforeAll(async () => {
  site = await createTestApp();
  baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => site.close());

/** True when a browser following this Location stays on the site. */
function staysOnSite(location: string | undefined): boolean {
  if (location === undefined) return false;
  // Browsers drop tabs and newlines and read "\" as "/" before resolving.
  return new URL(location, 'http://news.test/some/page/').origin === 'http://news.test' && !/^[\s/\\]*[/\\][\s]*[/\\]/.test(location);
}

const attacks = [
  '//evil.example/phish',
  '///evil.example/phish',
  '/\\evil.example/phish',
  '/\\/evil.example/phish',
  '\\\\evil.example/phish',
  '/%2F%2Fevil.example/phish',
  '/%2f/evil.example/phish',
  '/%5Cevil.example/phish',
  '/%5c%5cevil.example/phish',
  '/\t/evil.example/phish',
  '//\tevil.example/phish',
  '/%09/evil.example/phish',
  '/%0A/evil.example/phish',
  '//evil.example/phish?page=2',
];

describe('the trailing-slash redirect', () => {
  test.each(attacks)('GET %j never redirects off the site', async (target) => {
    const response = await rawGet(baseUrl, target);
    if (response.status === 301) expect(staysOnSite(response.headers.location), response.headers.location).toBe(true);
    else expect([400, 404]).toContain(response.status);
    // Asked again (now perhaps from the page cache), the answer is just as safe.
    const again = await rawGet(baseUrl, target);
    if (again.status === 301) expect(staysOnSite(again.headers.location), again.headers.location).toBe(true);
  });

  test('"//evil.example/phish" goes to the same path on this site', async () => {
    const response = await rawGet(baseUrl, '//evil.example/phish');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/evil.example/phish/');
  });

  test('an ordinary page without its slash still redirects, with its query', async () => {
    const response = await rawGet(baseUrl, '/markets?page=2');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/markets/?page=2');
  });
});

describe('former slugs', () => {
  test('a renamed story’s old address answers 301 to its new path on this site', async () => {
    const input = articleInput({ slug: 'old-name', publishedAt: '2024-04-02T10:00:00Z' });
    await createArticles(site, [input]);
    await createArticles(site, [{ ...input, slug: 'new-name' }]);
    const stored = await findStoredArticleByUri(site.database.db, input.uri);
    expect(stored?.slug).toBe('new-name');
    const response = await rawGet(baseUrl, '/2024/04/02/old-name/');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/2024/04/02/new-name/');
  });
});

describe('sign-in "next"', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await createSignedInUser(site, 'editor');
  });

  const nextTargets = [
    '//evil.example/',
    '/\\evil.example/',
    '/newsroom/\t/x',
    'https://evil.example/newsroom/',
    '/%2F%2Fevil.example/newsroom/',
    '/newsroom@evil.example/',
    '//newsroom/',
  ];

  test.each(nextTargets)('next=%j sends a signed-in person to a newsroom page of this site', async (next) => {
    const response = await rawGet(baseUrl, `/newsroom/sign-in/?next=${encodeURIComponent(next)}`, { cookie: session.cookie });
    expect(response.status).toBe(303);
    expect(staysOnSite(response.headers.location), response.headers.location).toBe(true);
    expect(response.headers.location).toMatch(/^\/newsroom\//);
  });

  test('a newsroom path in next is kept', async () => {
    const response = await rawGet(baseUrl, `/newsroom/sign-in/?next=${encodeURIComponent('/newsroom/stories/?status=draft')}`, { cookie: session.cookie });
    expect(response.headers.location).toBe('/newsroom/stories/?status=draft');
  });
});
