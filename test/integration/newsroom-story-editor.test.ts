/**
 * The story editor (issue 14): "Publish" on the new-story form, the stale-save message, the
 * type-ahead suggestions, and the length advice and previews the page renders without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/newsroom/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, type TestClock, type TestSession } from '../support/newsroom.js';
import { createStoryAs, currentRevision, postForm, pressEditorButton, storyForm } from '../support/newsroom-stories.js';

let testApp: TestApp;
let clock: TestClock;
const sessions = {} as Record<Role, TestSession & { user: { id: number; name: string } }>;

beforeAll(async () => {
  clock = createTestClock('2026-05-01T09:00:00.000Z');
  testApp = await createTestApp({}, { clock });
  for (const role of ['contributor', 'author', 'editor', 'admin'] as const) sessions[role] = await createSignedInUser(testApp, role);
});
afterAll(async () => testApp?.close());

const get = (url: string, session?: TestSession) => testApp.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });

const storiesTitled = (title: string) => testApp.database.db.selectFrom('articles').select(['id', 'status', 'url_date', 'slug']).where('title', '=', title).execute();

describe('publishing a new story in one step', () => {
  test.each(['author', 'editor', 'admin'] as const)('%s: "Publish" on the new-story form creates the story live, in one revision, and readers see it', async (role) => {
    const title = `Published in one step by the ${role}`;
    const response = await postForm(testApp, sessions[role], '/newsroom/stories/', { ...storyForm({ title }), action: 'publish' });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    expect(response.headers.location).toMatch(/\/newsroom\/stories\/\d+\/edit\?done=publish$/);
    const [story] = await storiesTitled(title);
    expect(story?.status).toBe('published');
    const db = testApp.database.db;
    const revisions = await db.selectFrom('revisions').select(['revision', 'note']).where('article_id', '=', story!.id).execute();
    expect(revisions).toEqual([{ revision: 1, note: 'Created and published' }]);
    const audit = await db.selectFrom('audit_log').select('action').where('subject', '=', `story:${story!.id}`).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['story.created', 'story.published']);
    // Live before the answer: the article page and the front page show it.
    const page = await get(`/${story!.url_date!.replaceAll('-', '/')}/${story!.slug}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(title);
    expect((await get('/')).body).toContain(title);
    const notice = await get(String(response.headers.location), sessions[role]);
    expect(notice.body).toContain('Published: the story is live.');
  });

  test('a contributor is refused (403) and no story is made; their form offers no Publish', async () => {
    const title = 'A contributor tries to publish at once';
    const response = await postForm(testApp, sessions.contributor, '/newsroom/stories/', { ...storyForm({ title }), action: 'publish' });
    expect(response.statusCode).toBe(403);
    expect(await storiesTitled(title)).toEqual([]);
    const form = await get('/newsroom/stories/new/', sessions.contributor);
    expect(form.body).toContain('value="save">Save draft</button>');
    expect(form.body).not.toContain('value="publish"');
    const editorForm = await get('/newsroom/stories/new/', sessions.editor);
    expect(editorForm.body).toContain('value="publish">Publish</button>');
  });

  test('invalid input on "Publish" re-renders the form (400) and publishes nothing', async () => {
    const response = await postForm(testApp, sessions.editor, '/newsroom/stories/', { ...storyForm({ title: '  ', dek: 'Kept dek for publish' }), action: 'publish' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Give the story a title.');
    expect(response.body).toContain('Kept dek for publish');
  });
});

describe('a save that comes too late', () => {
  test('autosave answers 409 naming who saved and when, and changes nothing', async () => {
    const { editor, author } = sessions;
    const id = await createStoryAs(testApp, author, { title: 'Two hands on one story' });
    const base = await currentRevision(testApp, author, id);
    clock.set('2026-05-01T09:42:00.000Z');
    expect((await pressEditorButton(testApp, editor, id, 'save', { title: 'The editor’s title' })).statusCode).toBe(303);
    clock.set('2026-05-01T09:45:00.000Z');
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/newsroom/stories/${id}/autosave`,
      headers: { cookie: author.cookie, 'x-csrf-token': author.csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...storyForm({ title: 'The author’s title' }), revision: base }),
    });
    expect(response.statusCode).toBe(409);
    const { error } = response.json() as { error: { code: string; message: string; details: Record<string, string> } };
    expect(error.code).toBe('STORY_CONFLICT');
    expect(error.message).toBe(
      `${editor.user.name} saved this story at 2026-05-01 09:42 (revision ${base + 1}) while you were editing, so your changes were not saved. Your text is still here: see what changed in the revisions; saving again replaces their version with yours.`,
    );
    expect(error.details).toEqual({ savedBy: editor.user.name, savedAt: '2026-05-01T09:42:00.000Z', revision: String(base + 1), revisionsPath: `/newsroom/stories/${id}/revisions/` });
    const title = await testApp.database.db.selectFrom('articles').select('title').where('id', '=', id).executeTakeFirstOrThrow();
    expect(title.title).toBe('The editor’s title');
  });

  test('a save asked for by hand (Ctrl/Cmd+S) is noted as "Saved" in the revisions', async () => {
    const { author } = sessions;
    const id = await createStoryAs(testApp, author, { title: 'Saved by hand' });
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/newsroom/stories/${id}/autosave`,
      headers: { cookie: author.cookie, 'x-csrf-token': author.csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...storyForm({ title: 'Saved by hand, second take' }), revision: await currentRevision(testApp, author, id), reason: 'save' }),
    });
    expect(response.statusCode).toBe(200);
    const notes = await testApp.database.db.selectFrom('revisions').select('note').where('article_id', '=', id).orderBy('revision').execute();
    expect(notes.map((row) => row.note)).toEqual(['Created', 'Saved']);
  });
});

describe('tickers', () => {
  test('typed in the settings panel, kept as ticker tags in capitals; other tags stay; a bad symbol is refused with the text kept', async () => {
    const { editor } = sessions;
    const id = await createStoryAs(testApp, editor, { title: 'Chipmakers rally', tickers: 'nvda, TSM' });
    const tagsOf = async () =>
      (
        await testApp.database.db
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select(['tags.kind', 'tags.name'])
          .where('article_tags.article_id', '=', id)
          .execute()
      )
        .map((tag) => `${tag.kind}:${tag.name}`)
        .sort();
    expect(await tagsOf()).toEqual(['ticker:NVDA', 'ticker:TSM', 'topic:Central banks', 'topic:Rates']);
    const page = await get(`/newsroom/stories/${id}/edit`, editor);
    expect(page.body).toContain('name="tickers" type="text" value="NVDA, TSM"');
    // A form without the field (an older page) leaves the tickers alone; an empty field removes them.
    expect((await pressEditorButton(testApp, editor, id, 'save', { title: 'Chipmakers rally again' })).statusCode).toBe(303);
    expect(await tagsOf()).toContain('ticker:NVDA');
    const refused = await pressEditorButton(testApp, editor, id, 'save', { tickers: 'NVDA, not a symbol' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Give ticker symbols like AAPL or BRK.B, separated by commas.');
    expect(refused.body).toContain('value="NVDA, not a symbol"');
    expect((await pressEditorButton(testApp, editor, id, 'save', { tickers: '' })).statusCode).toBe(303);
    expect(await tagsOf()).toEqual(['topic:Central banks', 'topic:Rates']);
  });
});

describe('type-ahead suggestions', () => {
  const suggest = (session: TestSession | undefined, query: string) => get(`/api/newsroom/suggestions?${query}`, session);

  beforeAll(async () => {
    // A published story makes its names public; a draft's stay with those who may read it.
    const live = await createStoryAs(testApp, sessions.editor, { title: 'Suggestions live', bylines: 'Priya Public', topics: 'Quantitative easing' });
    await pressEditorButton(testApp, sessions.editor, live, 'publish', { title: 'Suggestions live', bylines: 'Priya Public', topics: 'Quantitative easing' });
    await createStoryAs(testApp, sessions.editor, { title: 'Suggestions draft', bylines: 'Quentin Secret', topics: 'Quiet takeover talks', tickers: 'QQQ' });
    const many = Array.from({ length: 15 }, (_, index) => `Quota ${String(index).padStart(2, '0')}`).join(', ');
    await createStoryAs(testApp, sessions.editor, { title: 'Many topics', topics: many });
  });

  test('editors get names from every story, starting with what was typed (any case), shortest first', async () => {
    const response = await suggest(sessions.editor, 'field=topics&q=qu');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { suggestions } = response.json() as { suggestions: string[] };
    expect(suggestions).toHaveLength(10);
    expect(suggestions.every((name) => name.toLowerCase().startsWith('qu'))).toBe(true);
    expect((await suggest(sessions.editor, 'field=topics&q=QUIET')).json()).toEqual({ suggestions: ['Quiet takeover talks'] });
    expect((await suggest(sessions.editor, 'field=bylines&q=quen')).json()).toEqual({ suggestions: ['Quentin Secret'] });
    expect((await suggest(sessions.editor, 'field=tickers&q=qq')).json()).toEqual({ suggestions: ['QQQ'] });
    expect((await suggest(sessions.editor, 'field=topics&q=qqq')).json(), 'a ticker is not a topic').toEqual({ suggestions: [] });
  });

  test('writers who read only their own stories get names already public', async () => {
    for (const role of ['contributor', 'author'] as const) {
      expect((await suggest(sessions[role], 'field=topics&q=Qui')).json()).toEqual({ suggestions: [] });
      expect((await suggest(sessions[role], 'field=topics&q=Quan')).json()).toEqual({ suggestions: ['Quantitative easing'] });
      expect((await suggest(sessions[role], 'field=bylines&q=Quen')).json()).toEqual({ suggestions: [] });
      expect((await suggest(sessions[role], 'field=bylines&q=priya')).json()).toEqual({ suggestions: ['Priya Public'] });
    }
  });

  test('bounded and checked: signed out 401, a long or odd query 400, wildcards match themselves', async () => {
    expect((await suggest(undefined, 'field=topics&q=qu')).statusCode).toBe(401);
    const long = await suggest(sessions.editor, `field=topics&q=${'q'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: { code: 'SUGGESTIONS_INVALID', message: 'Keep the text under 100 characters.' } });
    expect((await suggest(sessions.editor, 'field=sections&q=qu')).statusCode).toBe(400);
    expect((await suggest(sessions.editor, 'field=topics&q=qu&q=x')).statusCode).toBe(400);
    expect((await suggest(sessions.editor, 'field=topics&q=%25')).json()).toEqual({ suggestions: [] });
    expect((await suggest(sessions.editor, 'field=topics&q=')).json()).toEqual({ suggestions: [] });
  });
});

describe('the editor page without JavaScript', () => {
  test('length advice, previews and a sticky action bar are in the page', async () => {
    const title = 'A headline long enough to run past what search results show for a story title';
    const id = await createStoryAs(testApp, sessions.editor, { title, dek: 'The dek is the description when there is no teaser.', section: 'business', slug: '' });
    const page = await get(`/newsroom/stories/${id}/edit`, sessions.editor);
    expect(page.body).toContain(`<p class="nr-meta ed-count ed-count-over" id="field-title-count" data-count-for="title">${title.length} of 70 characters: ${title.length - 70} over (search results show about 70)</p>`);
    expect(page.body).toContain('0 of 160 characters (search results show about 160)');
    expect(page.body).toContain('<p class="ed-serp-address" data-preview="address">news.test › Business › a-headline-long-enough-to-run-past-what-search-results-show-for-a-story-title</p>');
    expect(page.body).toContain('<p class="ed-serp-title" data-preview="title">A headline long enough to run past what search results show for a…</p>');
    expect(page.body).toContain('<p class="ed-serp-description" data-preview="description">The dek is the description when there is no teaser.</p>');
    expect(page.body).toContain('<aside class="ed-panel" aria-label="Story settings"><details class="ed-panel-details" open><summary>Story settings</summary>');
    expect(page.body).toContain('<div class="ed-actions" role="group" aria-label="Story actions">');
  });
});
