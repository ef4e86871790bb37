import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createArticles, articleInput, createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, type TestSession } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton, storyForm } from '../support/newsroom-stories.js';

// A topic or byline typed into a draft must stay inside the newsroom until the story is
// published: its pages, feeds and sitemap lines would otherwise breach the embargo.
let testApp: TestApp;
let editor: TestSession;

beforeEach(async () => {
  testApp = await createTestApp({}, { clock: createTestClock('2026-05-01T09:00:00.000Z') });
  editor = await createSignedInUser(testApp, 'editor');
  // Something already public, so an empty site is not what makes the pages 404.
  await createArticles(testApp, [articleInput({ bylines: ['Staff Writer'], tags: [{ kind: 'topic', name: 'Rates' }] })]);
});
afterEach(async () => testApp.close());

const get = (url: string) => testApp.app.inject({ method: 'GET', url });
const embargoed = { bylines: 'Embargo Writer', topics: 'Secret Merger' };
const pagesOf = (path: string) => [path, `${path}feed.xml`, `${path}atom.xml`, `${path}feed.json`];
const embargoedUrls = [...pagesOf('/topic/secret-merger/'), ...pagesOf('/author/embargo-writer/')];

async function statuses(urls: string[]): Promise<Record<string, number>> {
  const entries = [];
  for (const url of urls) entries.push([url, (await get(url)).statusCode] as const);
  return Object.fromEntries(entries);
}

const all = (urls: string[], status: number) => Object.fromEntries(urls.map((url) => [url, status]));

describe('topics and bylines of unpublished stories', () => {
  test('a draft’s new topic and byline have no page, no feed and no sitemap line', async () => {
    await createStoryAs(testApp, editor, storyForm(embargoed));
    expect(await statuses(embargoedUrls)).toEqual(all(embargoedUrls, 404));
    const sitemap = await get('/sitemaps/pages.xml');
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.body).toContain('/topic/rates/');
    expect(sitemap.body).not.toContain('secret-merger');
    expect(sitemap.body).not.toContain('embargo-writer');
    // The editor's own byline (an author with no published story) is not public either.
    expect(sitemap.body).not.toContain('/author/test-editor');
  });

  test('publishing makes them public (no cached 404 survives); unpublishing takes them away again (no cached page survives)', async () => {
    const id = await createStoryAs(testApp, editor, storyForm(embargoed));
    // Ask twice, so the 404s are cached before the story is published.
    await statuses(embargoedUrls);
    expect(await statuses(embargoedUrls)).toEqual(all(embargoedUrls, 404));
    expect((await get('/sitemaps/pages.xml')).body).not.toContain('secret-merger');

    expect((await pressEditorButton(testApp, editor, id, 'publish', embargoed)).statusCode).toBe(303);
    expect(await statuses(embargoedUrls)).toEqual(all(embargoedUrls, 200));
    expect((await get('/topic/secret-merger/')).body).toContain('Rates hold steady');
    const published = (await get('/sitemaps/pages.xml')).body;
    expect(published).toContain('/topic/secret-merger/');
    expect(published).toContain('/author/embargo-writer/');

    expect((await pressEditorButton(testApp, editor, id, 'unpublish', embargoed)).statusCode).toBe(303);
    expect(await statuses(embargoedUrls)).toEqual(all(embargoedUrls, 404));
    const unpublished = (await get('/sitemaps/pages.xml')).body;
    expect(unpublished).not.toContain('secret-merger');
    expect(unpublished).not.toContain('embargo-writer');
  });
});
