import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { createSignedInUser, createTestClock, formBody, formHeaders, type TestSession } from '../support/newsroom.js';
import { createStoryAs, postForm } from '../support/newsroom-stories.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// The editorial desk through HTTP: the story list's search, filters, sorts and keyset pages, its
// read scope per role, bad query values, and bulk actions with their refusals.

let testApp: TestApp;
const clock = createTestClock('2026-01-05T09:00:00.000Z');
let editor: TestSession;
let author: TestSession & { user: { name: string } };
let contributor: TestSession;

beforeAll(async () => {
  testApp = await createTestApp({}, { clock });
  editor = await createSignedInUser(testApp, 'editor');
  author = await createSignedInUser(testApp, 'author');
  contributor = await createSignedInUser(testApp, 'contributor');
  // 60 published market stories a minute apart (more than one page), plus a few distinct ones.
  await createArticles(
    testApp,
    Array.from({ length: 60 }, (_, index) =>
      articleInput({
        uri: `urn:test:desk:${index}`,
        title: `Market note ${String(index).padStart(2, '0')}`,
        section: 'markets',
        publishedAt: new Date(Date.UTC(2025, 11, 1, 8, index)).toISOString(),
        dek: `Routine copy number ${index}.`,
      }),
    ),
  );
  await createArticles(testApp, [
    articleInput({ uri: 'urn:test:desk:copper', title: 'Zinc smelters idle', section: 'business', dek: 'The copper_tariff 100% story.', bodyHtml: `<p>${'Smelter output fell again. '.repeat(80)}</p><p>Nickel, deep in the body.</p>`, publishedAt: '2025-12-02T08:00:00Z' }),
    articleInput({ uri: 'urn:test:desk:review', title: 'Aardvark bank in review', status: 'in_review', publishedAt: null, section: 'business' }),
  ]);
  await createStoryAs(testApp, author, { title: 'The author’s own draft', bylines: author.user.name, section: 'internet' });
}, 120_000);
afterAll(async () => testApp.close());

const get = (url: string, session: TestSession) => testApp.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
const titlesIn = (html: string) => [...html.matchAll(/<td><a href="\/newsroom\/stories\/\d+\/edit">([^<]+)<\/a>/g)].map((match) => match[1]);
const nextLink = (html: string) => /<a href="([^"]+)">Next page<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describe('the story list', () => {
  test('pages through every story with keyset links, none twice, none missed', async () => {
    const seen: (string | undefined)[] = [];
    let url: string | undefined = '/newsroom/stories/?status=published&sort=published';
    while (url) {
      const page = await get(url, editor);
      expect(page.statusCode).toBe(200);
      seen.push(...titlesIn(page.body));
      url = nextLink(page.body);
    }
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    // Newest published first.
    expect(seen.slice(0, 3)).toEqual(['Zinc smelters idle', 'Market note 59', 'Market note 58']);
  });

  test('searches the text, wildcards taken as letters, and combines with the filters', async () => {
    const copper = await get('/newsroom/stories/?q=COPPER', editor);
    expect(titlesIn(copper.body)).toEqual(['Zinc smelters idle']);
    // Bodies are not searched beyond the teaser (their length would bound nothing).
    expect(titlesIn((await get('/newsroom/stories/?q=nickel', editor)).body)).toEqual([]);
    // "%" and "_" are not wildcards: "100%" finds "100" alone; "r_t" finds nothing.
    expect(titlesIn((await get(`/newsroom/stories/?q=${encodeURIComponent('100%')}`, editor)).body)).toEqual(['Zinc smelters idle']);
    expect(titlesIn((await get(`/newsroom/stories/?q=${encodeURIComponent('%%%% ____')}`, editor)).body).length).toBeGreaterThan(0);
    const none = await get('/newsroom/stories/?q=copper&section=markets', editor);
    expect(titlesIn(none.body)).toEqual([]);
    expect(none.body).toContain('No stories match “copper” with these filters.');
    // Words match anywhere inside words: "07" is in one headline only.
    const note = await get('/newsroom/stories/?q=routine+note+07&sort=headline', editor);
    expect(titlesIn(note.body)).toEqual(['Market note 07']);
  });

  test('filters by status, section, dates and sorts by headline, with counts per status', async () => {
    const inReview = await get('/newsroom/stories/?status=in_review', editor);
    expect(titlesIn(inReview.body)).toEqual(['Aardvark bank in review']);
    expect(inReview.body).toMatch(/Published <span class="nr-count">61<\/span>/);
    expect(inReview.body).toMatch(/In review <span class="nr-count">1<\/span>/);
    const headline = await get('/newsroom/stories/?sort=headline&section=business', editor);
    expect(titlesIn(headline.body)).toEqual(['Aardvark bank in review', 'Zinc smelters idle']);
    const day = await get('/newsroom/stories/?sort=published&from=2025-12-02&to=2025-12-02', editor);
    expect(titlesIn(day.body)).toEqual(['Zinc smelters idle']);
  });

  test('contributors and authors see their own stories only', async () => {
    const own = await get('/newsroom/stories/', author);
    expect(titlesIn(own.body)).toEqual(['The author’s own draft']);
    const searched = await get('/newsroom/stories/?q=copper', author);
    expect(titlesIn(searched.body)).toEqual([]);
    const none = await get('/newsroom/stories/', contributor);
    expect(titlesIn(none.body)).toEqual([]);
    expect(none.body).toContain('No stories yet.');
  });

  test.each([
    ['?status=gone', 'status'],
    ['?sort=random', 'Sort by'],
    ['?from=2025-02-30', 'not a calendar date'],
    ['?from=2025-03-02&to=2025-03-01', 'start date comes after'],
    ['?after=not-a-cursor', 'page link is damaged'],
    ['?author=abc', 'author'],
    ['?section=%3Cscript%3E', 'section'],
    ['?status=draft&status=published', 'once'],
  ])('answers a bad query value %s with 400 and says why', async (query, message) => {
    const response = await get(`/newsroom/stories/${query}`, editor);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message);
  });

  test('keeps the first 200 characters of a long search and says so', async () => {
    const response = await get(`/newsroom/stories/?q=${'copper '.repeat(100)}`, editor);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Only the first 200 characters of the search text were used.');
    expect(titlesIn(response.body)).toEqual(['Zinc smelters idle']);
  });
});

describe('bulk actions', () => {
  async function storyAt(title: string) {
    const row = await testApp.database.db.selectFrom('articles').select(['id', 'revision']).where('title', '=', title).executeTakeFirstOrThrow();
    return `${row.id}:${row.revision}`;
  }
  const bulk = (session: TestSession, fields: Record<string, string>, stories: string[]) =>
    testApp.app.inject({
      method: 'POST',
      url: '/newsroom/stories/bulk',
      headers: formHeaders(session),
      payload: `${formBody({ _csrf: session.csrfToken, target: 'selected', ...fields })}&${stories.map((story) => `story=${story}`).join('&')}`,
    });

  test('moves stories to a section and adds a topic through the workflow, refusing a stale revision', async () => {
    const fresh = await storyAt('Market note 01');
    const stale = await storyAt('Market note 02');
    await testApp.database.db.updateTable('articles').set({ revision: (eb) => eb('revision', '+', 1) }).where('title', '=', 'Market note 02').execute();
    const moved = await bulk(editor, { action: 'move', section: 'industries' }, [fresh, stale]);
    expect(moved.statusCode).toBe(200);
    expect(moved.body).toContain('Move to section: 1 done, 1 refused');
    expect(moved.body).toContain('Someone saved it after the list was loaded');
    const [id] = fresh.split(':').map(Number);
    const record = await findStoryRecord(testApp.database.db, id!);
    expect(record?.article.sectionSlug).toBe('industries');
    expect(record?.article.revision).toBe(Number(fresh.split(':')[1]) + 1);

    const topic = await bulk(editor, { action: 'topic', topic: 'Base metals' }, [await storyAt('Market note 01')]);
    expect(topic.body).toContain('Add topic: 1 done, 0 refused');
    expect((await findStoryRecord(testApp.database.db, id!))?.article.tags.map((tag) => tag.name)).toContain('Base metals');
  });

  test('unpublishes, and refuses per story what the role may not do', async () => {
    const other = await storyAt('Market note 03');
    const own = await storyAt('The author’s own draft');
    const refused = await bulk(author, { action: 'unpublish' }, [other, own]);
    expect(refused.statusCode).toBe(200);
    expect(refused.body).toContain('Unpublish: 0 done, 2 refused');
    // Someone else's story is not named to a role that cannot read it.
    expect(refused.body).not.toContain('Market note 03');
    expect(refused.body).toContain('only published stories can be unpublished');
    const done = await bulk(editor, { action: 'unpublish' }, [other]);
    expect(done.body).toContain('Unpublish: 1 done, 0 refused');
    const [id] = other.split(':').map(Number);
    expect((await findStoryRecord(testApp.database.db, id!))?.article.status).toBe('unpublished');
    expect((await testApp.app.inject({ method: 'GET', url: '/2025/12/01/market-note-03/' })).statusCode).toBe(404);
  });

  test('refuses a request without its CSRF token, with nothing chosen, or with too many stories', async () => {
    const story = await storyAt('Market note 04');
    const noToken = await testApp.app.inject({ method: 'POST', url: '/newsroom/stories/bulk', headers: formHeaders(editor), payload: formBody({ action: 'unpublish', story }) });
    expect(noToken.statusCode).toBe(403);
    expect((await postForm(testApp, editor, '/newsroom/stories/bulk', { action: 'unpublish' })).statusCode).toBe(400);
    expect((await postForm(testApp, editor, '/newsroom/stories/bulk', { action: 'explode', story })).statusCode).toBe(400);
    expect((await postForm(testApp, editor, '/newsroom/stories/bulk', { action: 'move', section: 'Nowhere!', story })).statusCode).toBe(400);
    const tooMany = await bulk(editor, { action: 'unpublish' }, Array.from({ length: 101 }, (_, index) => `${index + 1}:1`));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('at most 100');
    const [id] = story.split(':').map(Number);
    expect((await findStoryRecord(testApp.database.db, id!))?.article.status).toBe('published');
  });
});
