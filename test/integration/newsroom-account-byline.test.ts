import { afterEach, describe, expect, test } from 'vitest';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { issueSetupToken, runUserCommand } from '../../src/newsroom/index.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, formBody, formHeaders, preSessionCsrf, signIn, type TestSession } from '../support/newsroom.js';
import { createStoryAs, postForm, pressEditorButton } from '../support/newsroom-stories.js';

// Finding 9: accounts were linked to bylines by name, so a new account named like an existing
// byline owned that byline's stories. Each account now gets its own author row, linked by id.
const clock = createTestClock('2026-05-01T09:00:00.000Z');
let testApp: TestApp | undefined;
afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

/** An app holding two stories bylined "Ana Cruz" (a wire writer without an account): one live, one a draft. */
async function appWithAnaCruzStories(): Promise<{ app: TestApp; liveId: number; draftId: number }> {
  const app = await createTestApp({}, { clock });
  testApp = app;
  await createArticles(app, [
    articleInput({ uri: 'urn:test:ana-live', title: 'Ana Cruz on the bond rally', bylines: ['Ana Cruz'] }),
    articleInput({ uri: 'urn:test:ana-draft', title: 'Ana Cruz draft on rates', bylines: ['Ana Cruz'], status: 'draft', publishedAt: null }),
  ]);
  const ids = await app.database.db.selectFrom('articles').select(['id', 'uri']).execute();
  const idOf = (uri: string) => Number(ids.find((row) => row.uri === uri)!.id);
  return { app, liveId: idOf('urn:test:ana-live'), draftId: idOf('urn:test:ana-draft') };
}

async function anaCruzAuthorId(app: TestApp): Promise<number> {
  return Number((await app.database.db.selectFrom('authors').select('id').where('slug', '=', 'ana-cruz').executeTakeFirstOrThrow()).id);
}

async function authorIdOfUser(app: TestApp, email: string): Promise<number | null> {
  const row = await app.database.db.selectFrom('users').select('author_id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.author_id === null ? null : Number(row.author_id);
}

describe('accounts own stories through their own author, never by name', () => {
  test('an account named like an existing byline cannot read, edit, publish, unpublish or correct that byline’s stories', async () => {
    const { app, liveId, draftId } = await appWithAnaCruzStories();
    const admin = await createSignedInUser(app, 'admin');
    const created = await postForm(app, admin, '/newsroom/users/', { name: 'Ana Cruz', email: 'ana.impostor@news.test', role: 'author', password: 'impostor password 1' });
    expect(created.statusCode).toBe(303);
    expect(await authorIdOfUser(app, 'ana.impostor@news.test')).not.toBe(await anaCruzAuthorId(app));
    const impostor: TestSession = await signIn(app, 'ana.impostor@news.test', 'impostor password 1');

    const before = [await findStoryRecord(app.database.db, liveId), await findStoryRecord(app.database.db, draftId)];
    const revisionOf = (id: number) => String(before.find((story) => story!.article.id === id)!.article.revision);
    expect((await app.app.inject({ method: 'GET', url: `/newsroom/stories/${draftId}/edit`, headers: { cookie: impostor.cookie } })).statusCode).toBe(403);
    const attempts = [
      pressEditorButton(app, impostor, draftId, 'publish', { revision: revisionOf(draftId), bylines: 'Ana Cruz' }),
      pressEditorButton(app, impostor, draftId, 'save', { revision: revisionOf(draftId), title: 'Taken over', bylines: 'Ana Cruz' }),
      pressEditorButton(app, impostor, liveId, 'update', { revision: revisionOf(liveId), title: 'Taken over', bylines: 'Ana Cruz' }),
      pressEditorButton(app, impostor, liveId, 'unpublish', { revision: revisionOf(liveId), bylines: 'Ana Cruz' }),
      postForm(app, impostor, `/newsroom/stories/${liveId}/corrections`, { revision: revisionOf(liveId), correction: 'Not true.' }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.statusCode).toBe(403);
    expect([await findStoryRecord(app.database.db, liveId), await findStoryRecord(app.database.db, draftId)]).toEqual(before);
  });

  test('the new account’s own byline of the same name is their own author: a page of its own, not the other Ana Cruz’s', async () => {
    const { app, liveId } = await appWithAnaCruzStories();
    const admin = await createSignedInUser(app, 'admin');
    await postForm(app, admin, '/newsroom/users/', { name: 'Ana Cruz', email: 'ana.two@news.test', role: 'author', password: 'second ana password' });
    const ana = await signIn(app, 'ana.two@news.test', 'second ana password');
    const newStory = await app.app.inject({ method: 'GET', url: '/newsroom/stories/new/', headers: { cookie: ana.cookie } });
    expect(newStory.body).toContain('value="Ana Cruz"');
    const id = await createStoryAs(app, ana, { title: 'The second Ana Cruz writes', bylines: 'Ana Cruz' });
    expect((await pressEditorButton(app, ana, id, 'publish', { title: 'The second Ana Cruz writes', bylines: 'Ana Cruz' })).statusCode).toBe(303);
    expect((await findStoryRecord(app.database.db, id))!.authorIds).toEqual([await authorIdOfUser(app, 'ana.two@news.test')]);

    const own = await app.app.inject({ method: 'GET', url: '/author/ana-cruz-2/' });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('The second Ana Cruz writes');
    const other = await app.app.inject({ method: 'GET', url: '/author/ana-cruz/' });
    expect(other.body).toContain('Ana Cruz on the bond rally');
    expect(other.body).not.toContain('The second Ana Cruz writes');
    // An editor's edit keeps the story's own author.
    const editor = await createSignedInUser(app, 'editor');
    expect((await pressEditorButton(app, editor, id, 'update', { title: 'The second Ana Cruz writes again', bylines: 'Ana Cruz' })).statusCode).toBe(303);
    expect((await findStoryRecord(app.database.db, id))!.authorIds).toEqual([await authorIdOfUser(app, 'ana.two@news.test')]);
    expect((await findStoryRecord(app.database.db, liveId))!.authorIds).toEqual([await anaCruzAuthorId(app)]);
    // The cached author page (keyed by its slug, not the name's) shows the update at once.
    expect((await app.app.inject({ method: 'GET', url: '/author/ana-cruz-2/' })).body).toContain('The second Ana Cruz writes again');
  });

  test('fortune-sky user create and the setup link also give a new author to a name that has a byline', async () => {
    const { app } = await appWithAnaCruzStories();
    const token = await issueSetupToken(app.database.db, clock.now());
    const pre = await preSessionCsrf(app, `/newsroom/setup/?token=${token}`);
    const setup = await app.app.inject({
      method: 'POST',
      url: '/newsroom/setup/',
      headers: formHeaders(pre),
      payload: formBody({ _csrf: pre.csrfToken, token: token!, name: 'Ana Cruz', email: 'owner@news.test', password: 'owner password 123', passwordConfirm: 'owner password 123' }),
    });
    expect(setup.statusCode).toBe(303);
    const lines: string[] = [];
    const code = await runUserCommand(app.writer, ['create', '--email', 'cli@news.test', '--name', 'ana cruz', '--role', 'author'], {
      clock,
      siteUrl: 'http://news.test',
      io: { readPassword: async () => 'cli password 1234', out: (line) => lines.push(line), error: (line) => lines.push(line) },
    });
    expect(code, lines.join('\n')).toBe(0);
    const ids = [await anaCruzAuthorId(app), await authorIdOfUser(app, 'owner@news.test'), await authorIdOfUser(app, 'cli@news.test')];
    expect(new Set(ids).size).toBe(3);
  });
});
