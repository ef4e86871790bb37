import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { liveCacheKey } from '../../src/content/live/index.js';
import { uploadTestImage } from '../support/media.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, type TestSession } from '../support/newsroom.js';
import { ninjsValidator } from '../support/ninjs-validator.js';
import { articlePathOf } from '../support/two-instances.js';
import { createStoryAs, postForm, pressEditorButton } from '../support/newsroom-stories.js';

// Live coverage end to end over HTTP, on the database under test: the desk's steps and who may take
// them, the reader page (badge, anchors, key points, LiveBlogPosting), the event stream over a real
// port (resume by Last-Event-ID, the end closing it, the connection limit), purges coalesced to one
// a second, and feeds moving with updates.

let testApp: TestApp;
let editor: TestSession;
let author: TestSession;
let baseUrl: string;
let storyId: number;
let storyPath: string;

async function publishedStory(title: string): Promise<{ id: number; path: string }> {
  const id = await createStoryAs(testApp, editor, { title });
  const published = await pressEditorButton(testApp, editor, id, 'publish', { title });
  expect(published.statusCode).toBe(303);
  const row = await testApp.database.db.selectFrom('articles').select(['url_date', 'slug']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id, path: `/${row.url_date!.replaceAll('-', '/')}/${row.slug}/` };
}

const desk = (id: number, path = '') => `/newsroom/stories/${id}/live/${path}`;

async function postUpdate(session: TestSession, id: number, text: string, extra: Record<string, string> = {}) {
  return postForm(testApp, session, desk(id, 'updates'), { text, ...extra });
}

/** An open event stream: its response and the text received so far. */
interface OpenStream {
  response: IncomingMessage;
  text: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  close: () => void;
}

function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      let received = '';
      const waiters: (() => void)[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk;
        for (const waiter of waiters) waiter();
      });
      resolve({
        response,
        text: () => received,
        waitFor: (pattern, timeoutMs = 3000) =>
          new Promise((done, fail) => {
            const check = () => pattern.test(received) && done();
            waiters.push(check);
            check();
            setTimeout(() => fail(new Error(`Not received within ${timeoutMs} ms: ${pattern}; got ${received}`)), timeoutMs).unref();
          }),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
    request.end();
  });
}

beforeAll(async () => {
  testApp = await createTestApp({ LIVE_STREAMS_MAX: '3' });
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;
  editor = await createSignedInUser(testApp, 'editor');
  author = await createSignedInUser(testApp, 'author');
  ({ id: storyId, path: storyPath } = await publishedStory('Rate decision live'));
});
afterAll(async () => testApp?.close());

describe('the live desk', () => {
  test('an editor turns a story live, posts, pins, edits and deletes updates; bad input is a 400 that keeps the text', async () => {
    expect((await postForm(testApp, editor, desk(storyId, 'start'), {})).statusCode).toBe(303);
    expect((await postForm(testApp, editor, desk(storyId, 'start'), {})).statusCode).toBe(409);
    expect((await postUpdate(editor, storyId, 'The bank holds rates at 5.25%.')).statusCode).toBe(303);
    const empty = await postUpdate(editor, storyId, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write the update readers will see.');
    const tooLong = await postUpdate(editor, storyId, 'x'.repeat(1501));
    expect(tooLong.statusCode).toBe(400);
    const unknownSymbol = await postUpdate(editor, storyId, 'With a quote', { quote: 'NOPE' });
    expect(unknownSymbol.statusCode).toBe(400);
    expect(unknownSymbol.body).toContain('No instrument has the symbol NOPE.');
    const page = await testApp.app.inject({ url: desk(storyId), headers: { cookie: editor.cookie } });
    expect(page.statusCode).toBe(200);
    const updateId = Number(/id="update-(\d+)"/.exec(page.body)?.[1]);
    expect((await postForm(testApp, editor, desk(storyId, `updates/${updateId}/pin`), { pinned: '1' })).statusCode).toBe(303);
    expect((await postForm(testApp, editor, desk(storyId, `updates/${updateId}/edit`), { text: 'The bank holds rates at 5.25%, as expected.' })).statusCode).toBe(303);
    expect((await postUpdate(editor, storyId, 'A second update, soon deleted.')).statusCode).toBe(303);
    const doomed = await testApp.database.db.selectFrom('live_updates').select('id').where('body_html', 'like', '%soon deleted%').executeTakeFirstOrThrow();
    expect((await postForm(testApp, editor, desk(storyId, `updates/${doomed.id}/delete`), {})).statusCode).toBe(303);
    expect((await postForm(testApp, editor, desk(storyId, `updates/${doomed.id}/delete`), {})).statusCode).toBe(404);
    const audit = await testApp.database.db.selectFrom('audit_log').select('action').where('subject', '=', `story:${storyId}`).where('action', 'like', 'live.%').execute();
    expect(audit.map((row) => row.action)).toEqual(['live.started', 'live.update_posted', 'live.update_pinned', 'live.update_edited', 'live.update_posted', 'live.update_deleted']);
  });

  test('the desk offers the library’s newest images by their descriptions; an update posted with one shows it', async () => {
    const imageId = await uploadTestImage(testApp, editor, { alt: 'Harbour cranes at dusk', credit: 'Desk photo' });
    const story = await createStoryAs(testApp, editor, { title: 'Port strike: live' });
    expect((await pressEditorButton(testApp, editor, story, 'publish', { title: 'Port strike: live' })).statusCode).toBe(303);
    expect((await postForm(testApp, editor, desk(story, 'start'), {})).statusCode).toBe(303);
    const page = await testApp.app.inject({ url: desk(story), headers: { cookie: editor.cookie } });
    expect(page.body).toContain(`<option value="${imageId}">Harbour cranes at dusk (image ${imageId})</option>`);
    expect((await postUpdate(editor, story, 'Cranes stand idle.', { image: String(imageId) })).statusCode).toBe(303);
    const unknown = await postUpdate(editor, story, 'With an image that is not there', { image: '999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<option value="999999" selected>Image 999999</option>');
    expect(unknown.body).toContain('id="field-image-error">That image is not in the media library.');
    const reader = await testApp.app.inject({ url: await articlePathOf(testApp.database, story) });
    expect(reader.body).toMatch(/<li id="update-\d+"[^]*Cranes stand idle\.[^]*<img [^>]*alt="Harbour cranes at dusk"/);
  });

  test('authors run the desk of their own stories only; contributors of none', async () => {
    expect((await testApp.app.inject({ url: desk(storyId), headers: { cookie: author.cookie } })).statusCode).toBe(403);
    expect((await postUpdate(author, storyId, 'Not mine to post')).statusCode).toBe(403);
    const own = await createStoryAs(testApp, author, { title: 'An author’s own live story' });
    expect((await postForm(testApp, author, desk(own, 'start'), {})).statusCode).toBe(303);
    expect((await postUpdate(author, own, 'My own update')).statusCode).toBe(303);
    const contributor = await createSignedInUser(testApp, 'contributor');
    const theirs = await createStoryAs(testApp, contributor, { title: 'A contributor’s story' });
    expect((await postForm(testApp, contributor, desk(theirs, 'start'), {})).statusCode).toBe(403);
  });
});

describe('the reader page', () => {
  test('shows the Live badge, key points first, updates newest first with anchors and times, and LiveBlogPosting', async () => {
    const page = await testApp.app.inject({ url: storyPath });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="live-badge"');
    expect(page.body).toMatch(/<nav class="key-points"[^>]*>.*The bank holds rates at 5\.25%, as expected\./s);
    expect(page.body).not.toContain('soon deleted');
    expect(page.body).toMatch(/<li id="update-\d+" class="live-update pinned"><p class="meta"><a href="#update-\d+"><time datetime="[^"]+">/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!) as { '@graph': Record<string, unknown>[] };
    const posting = jsonLd['@graph'][0]!;
    expect(posting['@type']).toBe('LiveBlogPosting');
    expect(posting.coverageStartTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(posting.coverageEndTime).toBeUndefined();
    expect(posting.liveBlogUpdate).toEqual([expect.objectContaining({ '@type': 'BlogPosting', articleBody: 'The bank holds rates at 5.25%, as expected.', url: expect.stringMatching(/#update-\d+$/) })]);
  });

  test('feeds carry the story with an updated time that moves with its updates', async () => {
    const before = await testApp.database.db.selectFrom('articles').select('updated_at').where('id', '=', storyId).executeTakeFirstOrThrow();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await testApp.app.inject({ url: '/feed.json' });
    expect((await postUpdate(editor, storyId, 'Markets rally after the decision.')).statusCode).toBe(303);
    const after = await testApp.database.db.selectFrom('articles').select('updated_at').where('id', '=', storyId).executeTakeFirstOrThrow();
    expect(after.updated_at! > (before.updated_at ?? '')).toBe(true);
    const feed = JSON.parse((await testApp.app.inject({ url: '/feed.json' })).body) as { items: { title: string; date_modified?: string }[] };
    const item = feed.items.find((entry) => entry.title === 'Rate decision live');
    // Feeds give times to the second.
    expect(item?.date_modified && new Date(item.date_modified).toISOString().slice(0, 19)).toBe(after.updated_at!.slice(0, 19));
  });

  test('the ninjs item carries the updates as associations, valid against the ninjs 3.1 schema', async () => {
    const answer = await testApp.app.inject({ url: `/api/v1/articles/${storyId}.ninjs` });
    expect(answer.statusCode).toBe(200);
    const item = JSON.parse(answer.body) as { genres: { name: string }[]; associations: { rel: string; uri: string; bodies: { value: string }[] }[] };
    const validate = ninjsValidator();
    expect(validate(item), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(item.genres).toEqual([expect.objectContaining({ name: 'Live coverage' })]);
    expect(item.associations[0]).toMatchObject({ rel: 'liveblogupdate', uri: expect.stringMatching(/#update-\d+$/), bodies: [{ value: '<p>Markets rally after the decision.</p>' }] });
    expect(item.associations.some((association) => association.bodies[0]!.value.includes('soon deleted'))).toBe(false);
  });
});

describe('the event stream', () => {
  test('sends new updates, resumes from Last-Event-ID, never cached', async () => {
    const stream = await openStream(`${baseUrl}/live/${storyId}/events?after=0`);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers['cache-control']).toBe('no-store');
    // From seq 0 it catches up on everything changed, deleted updates included.
    await stream.waitFor(/Markets rally after the decision/);
    expect(stream.text()).toContain('"deleted":true');
    const lastSeq = Math.max(...[...stream.text().matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1])));
    expect((await postUpdate(editor, storyId, 'Stream sees this one.')).statusCode).toBe(303);
    await stream.waitFor(/Stream sees this one/);
    stream.close();
    // A reconnect with Last-Event-ID gets only what came after it.
    const resumed = await openStream(`${baseUrl}/live/${storyId}/events`, { 'last-event-id': String(lastSeq) });
    await resumed.waitFor(/Stream sees this one/);
    expect(resumed.text()).not.toContain('Markets rally');
    resumed.close();
  });

  test('a story not live, or a bad Last-Event-ID, is refused plainly', async () => {
    const { id } = await publishedStory('Never live');
    expect((await testApp.app.inject({ url: `/live/${id}/events` })).statusCode).toBe(404);
    expect((await testApp.app.inject({ url: `/live/abc/events` })).statusCode).toBe(404);
    expect((await testApp.app.inject({ url: `/live/${storyId}/events`, headers: { 'last-event-id': 'x' } })).statusCode).toBe(400);
  });

  test('holds at most LIVE_STREAMS_MAX streams, however many arrive at once; the rest get 503 with Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => openStream(`${baseUrl}/live/${storyId}/events?after=999999`)));
    const statuses = answers.map((answer) => answer.response.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 503, 503, 503, 503, 503]);
    expect(answers.find((answer) => answer.response.statusCode === 503)!.response.headers['retry-after']).toBe('30');
    for (const answer of answers) answer.close();
    // Places come back when readers leave.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await openStream(`${baseUrl}/live/${storyId}/events?after=999999`);
    expect(again.response.statusCode).toBe(200);
    again.close();
  });
});

describe('purges', () => {
  test('50 updates within a second purge the live page at most twice, and the last one shows within about a second', async () => {
    const purges: number[] = [];
    testApp.cache.addPurgeListener((keys) => {
      if (keys.includes(liveCacheKey(storyId))) purges.push(Date.now());
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    purges.length = 0;
    const started = Date.now();
    for (let n = 1; n <= 50; n += 1) expect((await postUpdate(editor, storyId, `Burst update ${n}`)).statusCode).toBe(303);
    const took = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(purges.length).toBeLessThanOrEqual(Math.ceil(took / 1000) + 1);
    expect((await testApp.app.inject({ url: storyPath })).body).toContain('Burst update 50');
  });

  test('ending coverage closes open streams and the page says "Coverage ended"', async () => {
    const stream = await openStream(`${baseUrl}/live/${storyId}/events?after=999999`);
    const closed = new Promise((resolve) => stream.response.on('end', resolve));
    expect((await postForm(testApp, editor, desk(storyId, 'end'), {})).statusCode).toBe(303);
    await stream.waitFor(/event: ended/);
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const page = await testApp.app.inject({ url: storyPath });
    expect(page.body).toContain('Coverage ended');
    expect(page.body).toContain('coverageEndTime');
    expect((await postUpdate(editor, storyId, 'Too late')).statusCode).toBe(409);
  });
});
