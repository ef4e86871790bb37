import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/newsroom/index.js';
import { checkHtml } from '../support/nu-html-checker.js';
import { createSignedInUser, createTestClock, formBody, formHeaders, type TestClock, type TestSession } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let clock: TestClock;
let editor: TestSession;
const ids: Record<string, number> = {};

function post(session: TestSession, url: string, fields: Record<string, string> = {}) {
  return site.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
}

async function front(): Promise<string> {
  const response = await site.app.inject({ url: '/' });
  expect(response.statusCode).toBe(200);
  return response.body;
}

/** The titles of the lead and the top stories, as the reader front page shows them. */
function leadTitle(html: string): string {
  return /<h2 id="lead-title"><a [^>]*>([^<]+)<\/a>/.exec(html)![1]!;
}
function topTitles(html: string): string[] {
  const block = /<section class="top-stories"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...block.matchAll(/<h3><a [^>]*>([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  clock = createTestClock('2026-01-05T09:00:00.000Z');
  site = await createTestApp({}, { clock });
  const stories = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'].map((name, index) =>
    articleInput({ uri: `urn:test:${name}`, title: `${name} story`, publishedAt: `2026-01-0${index + 1}T08:00:00Z` }),
  );
  await createArticles(site, stories);
  for (const row of await site.database.db.selectFrom('articles').select(['id', 'title']).execute()) ids[row.title.split(' ')[0]!] = Number(row.id);
  editor = await createSignedInUser(site, 'editor');
});
afterAll(() => site.close());

describe('who may curate', () => {
  test.each([
    ['contributor', 403],
    ['author', 403],
    ['editor', 200],
    ['admin', 200],
  ] as [Role, number][])('a %s gets %i on the front-page editor and its actions', async (role, status) => {
    const session = await createSignedInUser(site, role);
    expect((await site.app.inject({ url: '/newsroom/front-page/', headers: { cookie: session.cookie } })).statusCode).toBe(status);
    const actions = [
      await post(session, '/newsroom/front-page/top', { articleId: String(ids.Alpha) }),
      await post(session, '/newsroom/front-page/banner', { text: 'Test', url: '', expiresInMinutes: '15' }),
      await post(session, '/newsroom/front-page/banner/clear'),
      await post(session, '/newsroom/front-page/remove', { articleId: String(ids.Alpha) }),
    ];
    expect(actions.map((a) => a.statusCode)).toEqual(Array(4).fill(status === 200 ? 303 : 403));
  });

  test('signed out, the editor redirects to sign in; a post without the CSRF token is refused', async () => {
    const page = await site.app.inject({ url: '/newsroom/front-page/' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/newsroom/sign-in/?next=%2Fnewsroom%2Ffront-page%2F');
    const noToken = await site.app.inject({ method: 'POST', url: '/newsroom/front-page/lead', headers: formHeaders(editor), payload: formBody({ articleId: String(ids.Alpha) }) });
    expect(noToken.statusCode).toBe(403);
  });
});

describe('curating the front page', () => {
  test('without curation the newest story leads', async () => {
    expect(leadTitle(await front())).toBe('Echo story');
    expect(topTitles(await front())).toEqual([]);
  });

  test('the curated lead shows first, and the top stories in the order chosen, moved without JavaScript', async () => {
    await front(); // cached now: the change must purge it
    expect((await post(editor, '/newsroom/front-page/lead', { articleId: String(ids.Bravo) })).statusCode).toBe(303);
    for (const name of ['Alpha', 'Delta', 'Charlie']) {
      expect((await post(editor, '/newsroom/front-page/top', { articleId: String(ids[name]) })).statusCode).toBe(303);
    }
    let html = await front();
    expect(leadTitle(html)).toBe('Bravo story');
    expect(topTitles(html)).toEqual(['Alpha story', 'Delta story', 'Charlie story']);

    await post(editor, '/newsroom/front-page/move', { articleId: String(ids.Charlie), direction: 'up' });
    await post(editor, '/newsroom/front-page/move', { articleId: String(ids.Alpha), direction: 'down' });
    html = await front();
    expect(topTitles(html)).toEqual(['Charlie story', 'Alpha story', 'Delta story']);

    const editorPage = await site.app.inject({ url: '/newsroom/front-page/', headers: { cookie: editor.cookie } });
    expect(editorPage.headers['cache-control']).toBe('no-store');
    for (const label of ['Set as lead', 'Add to top stories', 'Move up', 'Move down', 'Remove', 'Raise banner']) expect(editorPage.body).toContain(`>${label}</button>`);
  });

  test('adding a story twice is refused with a message, the page kept', async () => {
    const response = await post(editor, '/newsroom/front-page/top', { articleId: String(ids.Alpha) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('already among the top stories');
  });

  test('an unpublished curated story drops out and the latest fills in', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:test:Bravo', title: 'Bravo story', publishedAt: '2026-01-02T08:00:00Z', status: 'unpublished' })]);
    const html = await front();
    expect(leadTitle(html)).toBe('Echo story');
    expect(topTitles(html)).toEqual(['Charlie story', 'Alpha story', 'Delta story']);
    const editorPage = await site.app.inject({ url: '/newsroom/front-page/', headers: { cookie: editor.cookie } });
    expect(editorPage.body).toMatch(/Bravo story<br\/><span class="nr-meta">Not published/);
  });

  test('removing everything falls back to the latest stories', async () => {
    for (const name of ['Charlie', 'Alpha', 'Delta', 'Bravo']) await post(editor, '/newsroom/front-page/remove', { articleId: String(ids[name]) });
    const html = await front();
    expect(leadTitle(html)).toBe('Echo story');
    expect(topTitles(html)).toEqual([]);
  });
});

describe('the breaking-news banner', () => {
  const articleUrl = '/2026/01/05/echo-story/';

  test('raised, it shows on the front and article pages at once; cleared, it goes', async () => {
    await front();
    await site.app.inject({ url: articleUrl });
    const raised = await post(editor, '/newsroom/front-page/banner', { text: 'Markets halted after flash crash', url: articleUrl, expiresInMinutes: '60' });
    expect(raised.statusCode).toBe(303);
    for (const url of ['/', articleUrl, '/markets/']) {
      const page = await site.app.inject({ url });
      expect(page.body, url).toContain(`<a href="${articleUrl}">Markets halted after flash crash</a>`);
      expect(page.headers['cache-control']).not.toContain('stale-while-revalidate');
    }
    const editorPage = await site.app.inject({ url: '/newsroom/front-page/', headers: { cookie: editor.cookie } });
    expect(editorPage.body).toContain('>Clear banner</button>');
    expect((await post(editor, '/newsroom/front-page/banner/clear')).statusCode).toBe(303);
    expect(await front()).not.toContain('Markets halted');
    expect((await site.app.inject({ url: articleUrl })).body).not.toContain('Markets halted');
  });

  test('it disappears by itself when it expires, though nothing else changed', async () => {
    await post(editor, '/newsroom/front-page/banner', { text: 'Rate decision at noon', url: '', expiresInMinutes: '15' });
    expect(await front()).toContain('Rate decision at noon');
    const cached = await site.app.inject({ url: articleUrl });
    expect(cached.body).toContain('Rate decision at noon');
    expect(cached.headers['cache-control']).toMatch(/max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec(String(cached.headers['cache-control']))![1])).toBeLessThanOrEqual(15 * 60);
    expect((await site.app.inject({ url: articleUrl })).headers['x-cache']).toBe('HIT');
    clock.advance(14 * 60_000);
    expect(await front()).toContain('Rate decision at noon');
    clock.advance(61_000);
    expect(await front()).not.toContain('Rate decision at noon');
    expect((await site.app.inject({ url: articleUrl })).body).not.toContain('Rate decision at noon');
  });

  test('bad banner input re-renders the form with field errors and what was typed', async () => {
    const response = await post(editor, '/newsroom/front-page/banner', { text: '', url: 'javascript:alert(1)', expiresInMinutes: '60' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Write the banner text.');
    expect(response.body).toContain('Use a path on this site');
    expect(response.body).toContain('value="javascript:alert(1)"');
    expect(await front()).not.toContain('javascript:alert');
  });
});

describe('valid HTML', () => {
  test('the front-page editor and reader pages with a banner and top stories have no Nu Html Checker errors', async () => {
    await post(editor, '/newsroom/front-page/lead', { articleId: String(ids.Delta) });
    await post(editor, '/newsroom/front-page/top', { articleId: String(ids.Alpha) });
    await post(editor, '/newsroom/front-page/banner', { text: 'Breaking & “quoted”', url: '/2026/01/05/echo-story/', expiresInMinutes: '60' });
    const editorPage = await site.app.inject({ url: '/newsroom/front-page/', headers: { cookie: editor.cookie } });
    const bannerErrors = await post(editor, '/newsroom/front-page/banner', { text: '', url: 'ftp://x', expiresInMinutes: '7' });
    const { errors } = checkHtml({ editor: editorPage.body, 'editor-with-errors': bannerErrors.body, front: await front(), article: (await site.app.inject({ url: '/2026/01/05/echo-story/' })).body });
    expect(errors).toEqual([]);
  }, 120_000);
});
