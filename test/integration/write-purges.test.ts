/**
 * What each newsroom change purges, read from the page cache's purge log in the writing process:
 * a draft's saves purge nothing public; a publish, update, section move, correction, unpublish and
 * curation change purge exactly the pages that show the story, before the response returns.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createSignedInUser, createTestClock, formBody, formHeaders, type TestSession } from '../support/newsroom.js';
import { makeImage, multipartBody } from '../support/media.js';
import { createStoryAs, currentRevision, postForm, pressEditorButton, storyForm } from '../support/newsroom-stories.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let editor: TestSession;
let purged: string[] = [];

beforeAll(async () => {
  site = await createTestApp({}, { clock: createTestClock('2026-01-05T09:00:00.000Z') });
  site.cache.addPurgeListener((keys) => purged.push(...keys));
  // Another published story, so the reader pages have something to cache and show.
  await createArticles(site, [articleInput({ uri: 'urn:test:other', title: 'Other story', section: 'Business', tags: [{ kind: 'topic', name: 'Oil' }] })]);
  editor = await createSignedInUser(site, 'editor');
});
afterAll(() => site.close());

beforeEach(async () => {
  // Warm the pages a reader would have cached.
  for (const url of ['/', '/markets/', '/business/', '/feed.xml', '/sitemap.xml']) await site.app.inject({ url });
  purged = [];
});

/** The keys purged so far in this test, once each, sorted. */
const purgedKeys = () => [...new Set(purged)].sort();

async function authorSlugsOf(id: number): Promise<string[]> {
  const rows = await site.database.db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select('authors.slug')
    .where('article_authors.article_id', '=', id)
    .execute();
  return rows.map((row) => row.slug);
}

/** The keys of every page that shows a published story with these section, topics and authors. */
function pagesShowing(id: number, section: string, topics: string[], authors: string[]): string[] {
  return ['home', 'feeds', 'sitemaps', `article:${id}`, `section:${section}`, ...topics.map((t) => `topic:${t}`), ...authors.map((a) => `author:${a}`)];
}

describe('a draft', () => {
  test('creating, saving and autosaving a draft purge no public page', async () => {
    const pagesBefore = site.cache.stats().pages;
    const id = await createStoryAs(site, editor);
    expect((await pressEditorButton(site, editor, id, 'save', { title: 'Rates hold steady, for now' })).statusCode).toBe(303);
    const autosave = await site.app.inject({
      method: 'POST',
      url: `/api/newsroom/stories/${id}/autosave`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': 'application/json' },
      payload: { ...storyForm({ title: 'Rates hold steady, autosaved' }), revision: await currentRevision(site, editor, id) },
    });
    expect(autosave.statusCode, autosave.body).toBe(200);
    expect(purgedKeys()).toEqual([]);
    expect(site.cache.stats().pages).toBe(pagesBefore);
  });

  test('giving a draft a hero image purges no public page', async () => {
    const upload = multipartBody([
      { name: 'alt', value: 'Cranes at the harbour' },
      { name: 'file', filename: 'cranes.png', contentType: 'image/png', data: await makeImage('png', 800, 600) },
    ]);
    const uploaded = await site.app.inject({
      method: 'POST',
      url: '/api/newsroom/media',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': upload.contentType },
      payload: upload.body,
    });
    expect(uploaded.statusCode).toBe(201);
    const id = await createStoryAs(site, editor);
    purged = [];
    expect((await pressEditorButton(site, editor, id, 'save', { hero_media_id: String(uploaded.json().id) })).statusCode).toBe(303);
    expect(purgedKeys()).toEqual([]);
  });
});

describe('a story going public and changing', () => {
  let id: number;
  let authors: string[];

  test('publishing purges exactly the pages that show it (and cached 404s), before the response', async () => {
    id = await createStoryAs(site, editor);
    purged = [];
    const response = await pressEditorButton(site, editor, id, 'publish');
    expect(response.statusCode).toBe(303);
    authors = await authorSlugsOf(id);
    expect(purgedKeys()).toEqual([...pagesShowing(id, 'markets', ['rates', 'central-banks'], authors), 'missing'].sort());
    // Purged before the response: the front page shows it on the very next request.
    expect((await site.app.inject({ url: '/' })).body).toContain('Rates hold steady');
  });

  test('an update of its text purges exactly the pages that show it', async () => {
    const response = await pressEditorButton(site, editor, id, 'update', { title: 'Rates hold steady, banks say' });
    expect(response.statusCode).toBe(303);
    expect(purgedKeys()).toEqual([...pagesShowing(id, 'markets', ['rates', 'central-banks'], authors), 'missing'].sort());
    expect((await site.app.inject({ url: '/' })).body).toContain('Rates hold steady, banks say');
  });

  test('an update that moves it to another section and changes its topics purges the old pages and the new ones', async () => {
    const response = await pressEditorButton(site, editor, id, 'update', { section: 'business', topics: 'Deals' });
    expect(response.statusCode).toBe(303);
    expect(purgedKeys()).toEqual(
      [...pagesShowing(id, 'markets', ['rates', 'central-banks'], authors), 'section:business', 'topic:deals', 'missing'].sort(),
    );
    expect((await site.app.inject({ url: '/business/' })).body).toContain('Rates hold steady');
  });

  test('a correction purges the pages that show the story', async () => {
    const response = await postForm(site, editor, `/newsroom/stories/${id}/corrections`, {
      correction: 'An earlier version misstated the rate.',
      revision: String(await currentRevision(site, editor, id)),
    });
    expect(response.statusCode).toBe(303);
    expect(purgedKeys()).toEqual([...pagesShowing(id, 'business', ['deals'], authors), 'missing'].sort());
  });

  test('unpublishing purges the pages that showed it, and no others', async () => {
    const response = await pressEditorButton(site, editor, id, 'unpublish', { section: 'business', topics: 'Deals' });
    expect(response.statusCode).toBe(303);
    expect(purgedKeys()).toEqual(pagesShowing(id, 'business', ['deals'], authors).sort());
    expect((await site.app.inject({ url: '/business/' })).body).not.toContain('Rates hold steady');
  });
});

describe('curation', () => {
  test('setting the lead story purges the front page only', async () => {
    const other = await site.database.db.selectFrom('articles').select('id').where('uri', '=', 'urn:test:other').executeTakeFirstOrThrow();
    const response = await site.app.inject({
      method: 'POST',
      url: '/newsroom/front-page/lead',
      headers: formHeaders(editor),
      payload: formBody({ _csrf: editor.csrfToken, articleId: String(other.id) }),
    });
    expect(response.statusCode).toBe(303);
    expect(purgedKeys()).toEqual(['home']);
  });

  test('two curators pressing at the same moment: both changes are kept', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:test:lead', title: 'Lead candidate' }), articleInput({ uri: 'urn:test:top', title: 'Top candidate' })]);
    const ids = (await site.database.db.selectFrom('articles').select('id').where('uri', 'in', ['urn:test:lead', 'urn:test:top']).orderBy('uri').execute()).map((row) => String(row.id));
    const other = await createSignedInUser(site, 'editor');
    const press = (session: TestSession, action: string, articleId: string) =>
      site.app.inject({ method: 'POST', url: `/newsroom/front-page/${action}`, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, articleId }) });
    const responses = await Promise.all([press(editor, 'lead', ids[0]!), press(other, 'top', ids[1]!)]);
    expect(responses.map((response) => response.statusCode)).toEqual([303, 303]);
    const front = (await site.app.inject({ url: '/' })).body;
    expect(/<h2 id="lead-title"><a [^>]*>([^<]+)<\/a>/.exec(front)?.[1]).toBe('Lead candidate');
    expect(/<section class="top-stories"[\s\S]*?<\/section>/.exec(front)?.[0]).toContain('Top candidate');
  });
});
