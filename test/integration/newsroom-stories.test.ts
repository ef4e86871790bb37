import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, type TestClock, type TestSession } from '../support/newsroom.js';
import { createStoryAs, currentRevision, postForm, pressEditorButton, storyForm } from '../support/newsroom-stories.js';
import { makeImage, multipartBody } from '../support/media.js';

let testApp: TestApp;
let clock: TestClock;
let editor: TestSession;

beforeEach(async () => {
  clock = createTestClock('2026-05-01T09:00:00.000Z');
  testApp = await createTestApp({}, { clock });
  editor = await createSignedInUser(testApp, 'editor');
});
afterEach(async () => testApp.close());

const get = (url: string, session?: TestSession) => testApp.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });

async function publicPathOf(id: number): Promise<string> {
  const record = await findStoryRecord(testApp.database.db, id);
  const article = record!.article;
  return `/${article.urlDate!.replaceAll('-', '/')}/${article.slug}/`;
}

describe('story editor without JavaScript', () => {
  test('the editor page labels every field and names every button', async () => {
    const response = await get('/newsroom/stories/new/', editor);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    for (const label of ['Title', 'Dek', 'Body', 'Teaser', 'Section', 'Bylines', 'Topics', 'Slug', 'Canonical URL']) {
      expect(response.body).toMatch(new RegExp(`<label for="field-[a-z_]+">${label}</label>`));
    }
    expect(response.body).toContain('<textarea id="field-body" name="body"');
    expect(response.body).toContain('>Save draft</button>');

    const id = await createStoryAs(testApp, editor);
    const page = await get(`/newsroom/stories/${id}/edit?done=created`, editor);
    for (const button of ['Save draft', 'Submit for review', 'Schedule', 'Publish']) expect(page.body).toContain(`>${button}</button>`);
    expect(page.body).toContain('<label for="field-publish_at">Publish at</label>');
    expect(page.body).toContain('Story created as a draft.');
  });

  test('list filters by status', async () => {
    const draft = await createStoryAs(testApp, editor, { title: 'A draft story' });
    const live = await createStoryAs(testApp, editor, { title: 'A live story' });
    await pressEditorButton(testApp, editor, live, 'publish', { title: 'A live story' });
    const all = await get('/newsroom/stories/', editor);
    expect(all.body).toContain('A draft story');
    expect(all.body).toContain('A live story');
    expect(all.body).toContain('>New story</a>');
    const published = await get('/newsroom/stories/?status=published', editor);
    expect(published.body).toContain('A live story');
    expect(published.body).not.toContain('A draft story');
    expect(draft).toBeGreaterThan(0);
  });

  test('publishing purges cached pages before the response: the front page and section show it at once', async () => {
    expect((await get('/')).body).not.toContain('Rates hold steady'); // cached now
    expect((await get('/markets/')).body).not.toContain('Rates hold steady');
    const id = await createStoryAs(testApp, editor);
    const published = await pressEditorButton(testApp, editor, id, 'publish');
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/newsroom/stories/${id}/edit?done=publish`);
    expect((await get('/')).body).toContain('Rates hold steady');
    expect((await get('/markets/')).body).toContain('Rates hold steady');
    const article = await get(await publicPathOf(id));
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain('The central bank held its main rate');

    const unpublished = await pressEditorButton(testApp, editor, id, 'unpublish');
    expect(unpublished.statusCode).toBe(303);
    expect((await get(await publicPathOf(id))).statusCode).toBe(404);
    expect((await get('/')).body).not.toContain('Rates hold steady');
  });

  test('a material update shows an Updated time; a plain update does not', async () => {
    const id = await createStoryAs(testApp, editor);
    await pressEditorButton(testApp, editor, id, 'publish');
    const path = await publicPathOf(id);
    clock.advance(30 * 60_000);
    await pressEditorButton(testApp, editor, id, 'update', { dek: 'A typo fixed.' });
    expect((await get(path)).body).not.toContain('Updated');
    clock.advance(30 * 60_000);
    await pressEditorButton(testApp, editor, id, 'update', { title: 'Rates hold, for now', material: 'on' });
    const page = await get(path);
    expect(page.body).toContain('Rates hold, for now');
    expect(page.body).toContain(' · Updated <time datetime="2026-05-01T10:00:00+00:00">2026-05-01 10:00</time>');
  });

  test('a taken slug is suffixed and the editor says so', async () => {
    await createStoryAs(testApp, editor, { title: 'Same headline' });
    const response = await postForm(testApp, editor, '/newsroom/stories/', { ...storyForm({ title: 'Same headline' }), action: 'save' });
    expect(response.headers.location).toMatch(/\?done=created&slug=taken$/);
    const page = await get(String(response.headers.location), editor);
    expect(page.body).toContain('The slug you asked for is taken by another story, so this one uses “same-headline-2”.');
    expect(page.body).toContain('value="same-headline-2"');
  });

  test('invalid input re-renders the form with 400, the field error and what was typed', async () => {
    const id = await createStoryAs(testApp, editor);
    const response = await pressEditorButton(testApp, editor, id, 'save', { title: '   ', dek: 'Kept dek text', canonical_url: 'not a url' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Give the story a title.');
    expect(response.body).toContain('Give a full web address starting with https://');
    expect(response.body).toContain('Kept dek text');
  });
});

describe('optimistic locking', () => {
  test('a save based on an old revision answers 409, keeps what was typed and overwrites nothing', async () => {
    const other = await createSignedInUser(testApp, 'editor');
    const id = await createStoryAs(testApp, editor);
    const base = await currentRevision(testApp, editor, id);
    clock.set('2026-05-01T09:42:00.000Z');
    expect((await pressEditorButton(testApp, other, id, 'save', { title: 'Their title', revision: String(base) })).statusCode).toBe(303);
    clock.set('2026-05-01T09:45:00.000Z');
    const mine = await pressEditorButton(testApp, editor, id, 'save', { title: 'My title', body: '<p>My careful paragraph.</p>', revision: String(base) });
    expect(mine.statusCode).toBe(409);
    // Who saved and when, with the way to what changed.
    expect(mine.body).toContain(`${other.user.name} saved this story at 2026-05-01 09:42 (revision ${base + 1}) while you were editing, so your changes were not saved.`);
    expect(mine.body).toContain(`<a href="/newsroom/stories/${id}/revisions/">See the revisions and what changed</a>`);
    expect(mine.body).toContain('value="My title"');
    expect(mine.body).toContain('My careful paragraph.');
    expect((await findStoryRecord(testApp.database.db, id))?.article.title).toBe('Their title');
  });
});

describe('scheduled publishing', () => {
  test('a story scheduled a minute ahead goes live when the clock gets there, without a restart', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'Scheduled story' });
    const scheduled = await pressEditorButton(testApp, editor, id, 'schedule', { title: 'Scheduled story', publish_at: '2026-05-01T09:01' });
    expect(scheduled.statusCode).toBe(303);
    const page = await get(`/newsroom/stories/${id}/edit`, editor);
    expect(page.body).toContain('Status: <strong>scheduled</strong> for 2026-05-01 09:01');
    expect((await get('/')).body).not.toContain('Scheduled story');

    clock.set('2026-05-01T09:00:59.000Z');
    expect(await testApp.scheduledPublisher.runDue()).toEqual([]);
    clock.set('2026-05-01T09:01:00.000Z');
    expect(await testApp.scheduledPublisher.runDue()).toEqual([id]);
    expect((await get('/')).body).toContain('Scheduled story');
    expect((await get('/markets/')).body).toContain('Scheduled story');
    expect((await get(await publicPathOf(id))).body).toContain('<time datetime="2026-05-01T09:01:00+00:00">2026-05-01 09:01</time>');
  });

  test('a publish time in the past is refused with 400 and the field error', async () => {
    const id = await createStoryAs(testApp, editor);
    const response = await pressEditorButton(testApp, editor, id, 'schedule', { publish_at: '2026-05-01T08:00' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The publish time is in the past');
  });
});

describe('corrections', () => {
  test('a correction shows on the article page and moves JSON-LD dateModified', async () => {
    const id = await createStoryAs(testApp, editor);
    await pressEditorButton(testApp, editor, id, 'publish');
    const path = await publicPathOf(id);
    expect((await get(path)).body).toContain('"dateModified":"2026-05-01T09:00:00+00:00"');
    clock.set('2026-05-01T11:30:00.000Z');
    const revision = await currentRevision(testApp, editor, id);
    const response = await postForm(testApp, editor, `/newsroom/stories/${id}/corrections`, {
      revision: String(revision),
      correction: 'An earlier version misstated the rate.',
    });
    expect(response.statusCode).toBe(303);
    const page = await get(path);
    expect(page.body).toContain('<h2 id="corrections-title">Corrections</h2>');
    expect(page.body).toContain('An earlier version misstated the rate.');
    expect(page.body).toContain('"dateModified":"2026-05-01T11:30:00+00:00"');
  });

  test('an empty correction is refused with 400', async () => {
    const id = await createStoryAs(testApp, editor);
    await pressEditorButton(testApp, editor, id, 'publish');
    const response = await postForm(testApp, editor, `/newsroom/stories/${id}/corrections`, { revision: String(await currentRevision(testApp, editor, id)), correction: ' ' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Write the correction readers will see.');
  });
});

describe('revisions', () => {
  test('every save is listed with who and a note; the diff shows title and body changes; restore saves a new revision', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'First title', body: '<p>First body text.</p>' });
    await pressEditorButton(testApp, editor, id, 'save', { title: 'Second title', body: '<p>Second body text.</p>' });
    const list = await get(`/newsroom/stories/${id}/revisions/`, editor);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Created');
    expect(list.body).toContain('Saved');
    expect(list.body).toMatch(/Test Editor \d+/);

    const diff = await get(`/newsroom/stories/${id}/revisions/2/?against=previous`, editor);
    expect(diff.body).toContain('<del>First</del>');
    expect(diff.body).toContain('<ins>Second</ins>');

    const compare = await get(`/newsroom/stories/${id}/revisions/1/`, editor);
    expect(compare.body).toContain('>Restore this revision</button>');
    const restored = await postForm(testApp, editor, `/newsroom/stories/${id}/revisions/1/restore`, { revision: '2' });
    expect(restored.statusCode).toBe(303);
    const record = await findStoryRecord(testApp.database.db, id);
    expect(record?.article).toMatchObject({ title: 'First title', bodyHtml: '<p>First body text.</p>', revision: 3 });
    expect((await get(`/newsroom/stories/${id}/revisions/`, editor)).body).toContain('Restored revision 1');
  });
});

describe('autosave', () => {
  test('saves a draft as JSON with the CSRF header, and refuses a stale revision with 409', async () => {
    const id = await createStoryAs(testApp, editor);
    const autosave = (revision: number, title: string, headers: Record<string, string> = { 'x-csrf-token': editor.csrfToken }) =>
      testApp.app.inject({
        method: 'POST',
        url: `/api/newsroom/stories/${id}/autosave`,
        headers: { cookie: editor.cookie, ...headers },
        payload: { ...storyForm({ title }), revision },
      });
    const saved = await autosave(1, 'Autosaved title');
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ revision: 2, outcome: 'updated' });
    expect((await findStoryRecord(testApp.database.db, id))?.article.title).toBe('Autosaved title');
    const stale = await autosave(1, 'Stale');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STORY_CONFLICT');
    expect((await autosave(2, 'No token', {})).statusCode).toBe(403);
  });

  test('a live story is not autosaved', async () => {
    const id = await createStoryAs(testApp, editor);
    await pressEditorButton(testApp, editor, id, 'publish');
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/newsroom/stories/${id}/autosave`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken },
      payload: { ...storyForm({ title: 'Sneaky live change' }), revision: await currentRevision(testApp, editor, id) },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('STORY_STEP_REFUSED');
  });
});

describe('preview', () => {
  test('renders the draft with the reader layout, marked Preview, noindex and not cached', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'Preview me' });
    const response = await get(`/newsroom/stories/${id}/preview`, editor);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<meta name="robots" content="noindex"/>');
    expect(response.body).toContain('<strong>Preview</strong>');
    expect(response.body).toContain('<h1 id="headline">Preview me</h1>');
    expect(response.body).toContain('class="masthead"');
    expect((await get(`/newsroom/stories/${id}/preview`)).statusCode).toBe(303);
  });
});

describe('the editor island', () => {
  // npm test builds the island first (pretest: npm run build:client).
  test('the editor page loads it from /newsroom/assets/ with hashed names and a year of caching; reader pages never do', async () => {
    const page = await get('/newsroom/stories/new/', editor);
    const script = /<script type="module" src="(\/newsroom\/assets\/main-[\w-]+\.js)">/.exec(page.body)?.[1];
    expect(script, 'run npm run build:client').toBeDefined();
    const asset = await get(script!);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/newsroom/assets/main-doesnotexist.js')).statusCode).toBe(404);
    expect((await get('/newsroom/assets/..%2Fmanifest.json')).statusCode).toBe(404);
    for (const path of ['/', '/markets/']) expect((await get(path)).body).not.toContain('/newsroom/assets/');
  });

  test('text typed without tags in the body box becomes paragraphs', async () => {
    const id = await createStoryAs(testApp, editor, { body: 'First paragraph & more.\n\nSecond one: 3 < 4.' });
    expect((await findStoryRecord(testApp.database.db, id))?.article.bodyHtml).toBe('<p>First paragraph &amp; more.</p><p>Second one: 3 &lt; 4.</p>');
  });
});

describe('hero image', () => {
  test('chosen from the media library in the editor, shown on the article page; None removes it', async () => {
    const upload = multipartBody([
      { name: 'alt', value: 'Cranes at the harbour' },
      { name: 'file', filename: 'cranes.png', contentType: 'image/png', data: await makeImage('png', 800, 600) },
    ]);
    const uploaded = await testApp.app.inject({
      method: 'POST',
      url: '/api/newsroom/media',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': upload.contentType },
      payload: upload.body,
    });
    expect(uploaded.statusCode).toBe(201);
    const mediaId = String(uploaded.json().id);
    const id = await createStoryAs(testApp, editor, { hero_media_id: mediaId });
    const page = await get(`/newsroom/stories/${id}/edit`, editor);
    expect(page.body).toContain('<label for="field-hero_media_id">Hero image</label>');
    expect(page.body).toContain(`<option value="${mediaId}" selected>Cranes at the harbour (image ${mediaId})</option>`);
    await pressEditorButton(testApp, editor, id, 'publish', { hero_media_id: mediaId });
    const path = await publicPathOf(id);
    expect((await get(path)).body).toContain('alt="Cranes at the harbour"');
    await pressEditorButton(testApp, editor, id, 'update', { hero_media_id: '' });
    expect((await get(path)).body).not.toContain('alt="Cranes at the harbour"');
  });
});
