import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { buildApp, type App } from '../../src/server.js';
import type { Database } from '../../src/storage/index.js';
import { MAX_LIVE_PREVIEW_LINKS, PREVIEW_LOOKUPS_PER_MINUTE } from '../../src/newsroom/preview-links/index.js';
import { readPageHead } from '../support/html-head.js';
import { createSignedInUser, createTestClock, type TestClock, type TestSession } from '../support/newsroom.js';
import { createStoryAs, postForm, pressEditorButton, storyForm } from '../support/newsroom-stories.js';
import { createTestApp, stopBackgroundWriters, type TestApp } from '../support/test-app.js';

// Preview links (issue 14, item 7): made and revoked in the newsroom by whoever may read the story,
// opened by anyone holding the link, never cached, one 404 for every link that opens nothing. Two
// apps on one database, as two instances behind a load balancer: a revoke on one is seen by the other.

let site: TestApp;
let other: TestApp;
let otherApp: App;
let otherDatabase: Database;
let clock: TestClock;

beforeAll(async () => {
  clock = createTestClock('2026-03-02T09:00:00.000Z');
  site = await createTestApp({}, { clock });
  // Two apps on one SQLite file in one process: neither may write in the background.
  await stopBackgroundWriters(site);
  otherDatabase = await openReadyDatabase(site.config);
  otherApp = await buildApp({ config: site.config, database: otherDatabase, clock });
  await stopBackgroundWriters(otherApp);
  other = { ...otherApp, config: site.config, database: otherDatabase, databaseUrl: site.databaseUrl, close: async () => {} };
}, 60_000);
afterAll(async () => {
  await otherApp?.app.close();
  await otherDatabase?.close();
  await site?.close();
});

let addressSequence = 0;
/** A client address of the test's own, so the per-address lookup limit of one test never meets another's. */
function newAddress(): string {
  addressSequence += 1;
  return `198.51.100.${addressSequence}`;
}

const linksPath = (storyId: number) => `/newsroom/stories/${storyId}/preview-links/`;

/** Makes a link through the newsroom's form; returns the answer and the token it shows (if any). */
async function makeLink(session: TestSession, storyId: number, fields: Record<string, string> = {}) {
  const response = await postForm(site, session, linksPath(storyId), fields);
  const token = /value="http:\/\/news\.test\/preview\/([A-Za-z0-9_-]+)\/"/.exec(response.body)?.[1];
  return { response, token };
}

async function makeToken(session: TestSession, storyId: number, fields: Record<string, string> = {}): Promise<string> {
  const { response, token } = await makeLink(session, storyId, fields);
  expect(response.statusCode, response.body.slice(0, 400)).toBe(201);
  return token!;
}

function open(token: string, { app = site, address = newAddress() }: { app?: TestApp; address?: string } = {}) {
  return app.app.inject({ method: 'GET', url: `/preview/${token}/`, remoteAddress: address });
}

async function revokeAll(session: TestSession, storyId: number, app: TestApp = site) {
  const page = await app.app.inject({ method: 'GET', url: linksPath(storyId), headers: { cookie: session.cookie } });
  for (const [, id] of page.body.matchAll(/preview-links\/(\d+)\/revoke\//g)) {
    const response = await postForm(app, session, `${linksPath(storyId)}${id}/revoke/`, {});
    expect(response.statusCode).toBe(303);
  }
}

/** Headers every preview answer carries, whatever it says. */
function expectPreviewHeaders(response: { headers: Record<string, unknown> }) {
  expect(response.headers['cache-control']).toBe('no-store, private');
  expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['surrogate-key']).toBeUndefined();
}

describe('making, listing and revoking links', () => {
  test('a contributor makes a link to their own draft, sees it once, and finds it listed with the note, maker, expiry and last opening', async () => {
    const writer = await createSignedInUser(site, 'contributor');
    const story = await createStoryAs(site, writer, { title: 'Own draft to share' });
    const inAnHour = new Date(clock.now().getTime() + 60 * 60 * 1000).toISOString();
    const { response, token } = await makeLink(writer, story, { lifetime: '1h', note: 'for legal' });
    expect(response.statusCode).toBe(201);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.body).toContain('A preview link for for legal was made.');
    expect(response.headers['cache-control']).toContain('no-store');

    const list = await site.app.inject({ method: 'GET', url: linksPath(story), headers: { cookie: writer.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.body).toContain('for legal');
    expect(list.body).toContain(writer.user.name);
    expect(list.body).toContain(`datetime="${inAnHour}"`);
    expect(list.body).toContain('Not yet');

    clock.advance(5 * 60_000);
    expect((await open(token!)).statusCode).toBe(200);
    const opened = await site.app.inject({ method: 'GET', url: linksPath(story), headers: { cookie: writer.cookie } });
    expect(opened.body).not.toContain('Not yet');
    expect(opened.body).toContain(`datetime="${clock.now().toISOString()}"`);

    const audit = await site.database.db.selectFrom('audit_log').select(['action', 'detail', 'actor_user_id']).where('subject', '=', `story:${story}`).where('action', 'like', 'preview_link.%').execute();
    expect(audit.map((row) => row.action)).toEqual(['preview_link.created']);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ note: 'for legal', expiresAt: inAnHour });
    expect(audit[0]!.detail).not.toContain(token);
    // Only the token's hash is stored.
    const stored = await site.database.db.selectFrom('preview_links').select('token_hash').where('article_id', '=', story).execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('those who may not read a story can neither see nor make nor revoke its links; editors can do all three', async () => {
    const owner = await createSignedInUser(site, 'contributor');
    const story = await createStoryAs(site, owner, { title: 'Someone else’s draft' });
    const token = await makeToken(owner, story);
    const ownerLink = (await site.database.db.selectFrom('preview_links').select('id').where('article_id', '=', story).executeTakeFirstOrThrow()).id;

    for (const role of ['contributor', 'author'] as const) {
      const outsider = await createSignedInUser(site, role);
      expect((await site.app.inject({ method: 'GET', url: linksPath(story), headers: { cookie: outsider.cookie } })).statusCode).toBe(403);
      expect((await makeLink(outsider, story)).response.statusCode).toBe(403);
      expect((await postForm(site, outsider, `${linksPath(story)}${ownerLink}/revoke/`, {})).statusCode).toBe(403);
    }
    expect((await open(token)).statusCode).toBe(200);

    const editor = await createSignedInUser(site, 'editor');
    expect((await site.app.inject({ method: 'GET', url: linksPath(story), headers: { cookie: editor.cookie } })).statusCode).toBe(200);
    await makeToken(editor, story, { note: 'for the source' });
    const revoked = await postForm(site, editor, `${linksPath(story)}${ownerLink}/revoke/`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe(`${linksPath(story)}?done=revoked`);
    expect((await open(token)).statusCode).toBe(404);
    const audit = await site.database.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('subject', '=', `story:${story}`).where('action', 'like', 'preview_link.%').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'preview_link.created', actor_user_id: owner.user.id },
      { action: 'preview_link.created', actor_user_id: editor.user.id },
      { action: 'preview_link.revoked', actor_user_id: editor.user.id },
    ]);
    // Revoking again changes nothing and audits nothing.
    expect((await postForm(site, editor, `${linksPath(story)}${ownerLink}/revoke/`, {})).statusCode).toBe(303);
    expect(await site.database.db.selectFrom('audit_log').select('id').where('action', '=', 'preview_link.revoked').where('subject', '=', `story:${story}`).execute()).toHaveLength(1);
    // A link of another story is not revoked through this one's address.
    const elsewhere = await createStoryAs(site, editor, { title: 'Elsewhere' });
    const elsewhereToken = await makeToken(editor, elsewhere);
    const elsewhereLink = (await site.database.db.selectFrom('preview_links').select('id').where('article_id', '=', elsewhere).executeTakeFirstOrThrow()).id;
    expect((await postForm(site, editor, `${linksPath(story)}${elsewhereLink}/revoke/`, {})).statusCode).toBe(303);
    expect((await open(elsewhereToken)).statusCode).toBe(200);
  });

  test('a bad lifetime or a long note is refused with the field named; the 21st live link is refused until one is revoked', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const story = await createStoryAs(site, editor, { title: 'Much shared draft' });
    const badLifetime = await makeLink(editor, story, { lifetime: '100y' });
    expect(badLifetime.response.statusCode).toBe(400);
    expect(badLifetime.response.body).toContain('Choose how long the link works: 1 hour, 24 hours, 7 days.');
    expect(badLifetime.response.body).toMatch(/id="field-lifetime"[^>]*aria-invalid="true"/);
    const longNote = await makeLink(editor, story, { note: 'n'.repeat(201) });
    expect(longNote.response.statusCode).toBe(400);
    expect(longNote.response.body).toContain('Keep the note to 200 characters.');
    expect(await site.database.db.selectFrom('preview_links').select('id').where('article_id', '=', story).execute()).toEqual([]);

    for (let n = 0; n < MAX_LIVE_PREVIEW_LINKS; n += 1) await makeToken(editor, story, { note: `reader ${n}` });
    const full = await makeLink(editor, story);
    expect(full.response.statusCode).toBe(409);
    expect(full.token).toBeUndefined();
    expect(full.response.body).toContain('revoke one that is no longer needed first');
    await revokeAll(editor, story);
    await makeToken(editor, story);
  });

  test('without a lifetime a link works 24 hours, then opens nothing', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const story = await createStoryAs(site, editor, { title: 'A day to read it' });
    const token = await makeToken(editor, story, {});
    clock.advance(24 * 60 * 60 * 1000 - 1000);
    expect((await open(token)).statusCode).toBe(200);
    clock.advance(1000);
    expect((await open(token)).statusCode).toBe(404);
    // A day later the editor's session has ended: another signs in to look.
    const colleague = await createSignedInUser(site, 'editor');
    const list = await site.app.inject({ method: 'GET', url: linksPath(story), headers: { cookie: colleague.cookie } });
    expect(list.body).toContain('No live links.');
  });
});

describe('the public preview page', () => {
  test('shows the latest saved version as readers will see it, marked as a preview, with no edit controls, nothing to index and nothing kept', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const story = await createStoryAs(site, editor, { title: 'Quarterly results leak', body: '<p>First take of the body.</p>', bylines: 'Ana Cruz', topics: 'Earnings' });
    const token = await makeToken(editor, story, { lifetime: '7d' });
    const first = await open(token);
    expect(first.statusCode).toBe(200);
    expectPreviewHeaders(first);
    expect(first.headers['x-cache']).toBeUndefined();
    expect(first.headers['content-security-policy']).toContain("default-src 'none'");
    expect(first.headers['content-security-policy']).not.toContain('script-src');
    expect(first.body).toContain('<h1 id="headline">Quarterly results leak</h1>');
    expect(first.body).toContain('First take of the body.');
    expect(first.body).toContain('Preview — not published.');
    expect(first.body).toContain('It works until');
    const head = readPageHead(first.body);
    expect(head.meta.get('robots')).toEqual(['noindex, nofollow']);
    expect(head.links.filter((link) => link.rel === 'canonical')).toEqual([]);
    expect(head.jsonLd).toEqual([]);
    expect(head.meta.has('og:url')).toBe(false);
    expect(first.body).not.toContain('/newsroom/');
    expect(first.body).not.toMatch(/<form[^>]*method="post"/i);
    expect(first.body).not.toContain(token);

    // Edited in the newsroom: the next request shows the new text, here and on the other instance.
    const saved = await pressEditorButton(site, editor, story, 'save', { ...storyForm({ title: 'Quarterly results leak', body: '<p>Second take, after the lawyers.</p>', bylines: 'Ana Cruz', topics: 'Earnings' }) });
    expect(saved.statusCode).toBe(303);
    for (const app of [site, other]) {
      const again = await open(token, { app });
      expect(again.statusCode).toBe(200);
      expect(again.body).toContain('Second take, after the lawyers.');
      expect(again.body).not.toContain('First take of the body.');
    }
    expect(site.cache.findForRequest(`/preview/${token}/`)).toBeUndefined();
  });

  test('a revoke on one instance closes the link on the other at once', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const story = await createStoryAs(site, editor, { title: 'Shared across instances' });
    const token = await makeToken(editor, story);
    expect((await open(token, { app: other })).statusCode).toBe(200);
    await revokeAll(editor, story, site);
    expect((await open(token, { app: other })).statusCode).toBe(404);
  });

  test('expired, revoked, unknown and malformed tokens, and a deleted story, all get one and the same 404', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const [expiring, revoking, deleting] = await Promise.all(['Expiring', 'Revoking', 'Deleting'].map((title) => createStoryAs(site, editor, { title: `${title} draft` })));
    const expired = await makeToken(editor, expiring!, { lifetime: '1h' });
    const revoked = await makeToken(editor, revoking!);
    const deleted = await makeToken(editor, deleting!);
    await revokeAll(editor, revoking!);
    clock.advance(60 * 60 * 1000);
    await site.database.db.deleteFrom('articles').where('id', '=', deleting!).execute();
    expect(await site.database.db.selectFrom('preview_links').select('id').where('article_id', '=', deleting!).execute()).toEqual([]);

    const unknown = 'A'.repeat(43);
    const answers = await Promise.all([expired, revoked, deleted, unknown, 'short', `${'b'.repeat(43)}!`].map((token) => open(encodeURIComponent(token))));
    const [reference] = answers;
    expect(reference!.statusCode).toBe(404);
    expectPreviewHeaders(reference!);
    expect(reference!.body).toContain('This preview link opens nothing');
    expect(readPageHead(reference!.body).meta.get('robots')).toEqual(['noindex']);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(reference!.body);
      for (const name of ['cache-control', 'x-robots-tag', 'referrer-policy', 'content-type', 'content-security-policy', 'content-length']) {
        expect(answer.headers[name], name).toBe(reference!.headers[name]);
      }
    }
  });

  test('a link opens nothing while its maker’s account is disabled, on every instance, and again once it is enabled', async () => {
    const [admin, contributor] = await Promise.all([createSignedInUser(site, 'admin'), createSignedInUser(site, 'contributor')]);
    const story = await createStoryAs(site, contributor, { title: 'Shared by someone who leaves' });
    const token = await makeToken(contributor, story);
    expect((await open(token)).statusCode).toBe(200);
    const makerId = (await site.database.db.selectFrom('preview_links').select('created_by_user_id').orderBy('id', 'desc').executeTakeFirstOrThrow()).created_by_user_id!;
    expect((await postForm(site, admin, `/newsroom/users/${makerId}/disable/`, {})).statusCode).toBe(303);
    for (const app of [site, other]) {
      const answer = await open(token, { app });
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toContain('This preview link opens nothing');
      expect(answer.body).not.toContain('Shared by someone who leaves');
    }
    expect((await postForm(site, admin, `/newsroom/users/${makerId}/enable/`, {})).statusCode).toBe(303);
    expect((await open(token)).statusCode).toBe(200);
  });

  test('a link to a story published since sends to the public article, kept by no one', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const story = await createStoryAs(site, editor, { title: 'Soon to be live' });
    const token = await makeToken(editor, story);
    expect((await pressEditorButton(site, editor, story, 'publish', storyForm({ title: 'Soon to be live' }))).statusCode).toBe(303);
    const row = await site.database.db.selectFrom('articles').select(['url_date', 'slug']).where('id', '=', story).executeTakeFirstOrThrow();
    const answer = await open(token);
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe(`/${row.url_date!.replaceAll('-', '/')}/${row.slug}/`);
    expectPreviewHeaders(answer);
  });

  test('a draft shared by a link appears in no feed, sitemap or search', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const story = await createStoryAs(site, editor, { title: 'Unannounced merger talks', topics: 'Mergers' });
    const token = await makeToken(editor, story);
    expect((await open(token)).statusCode).toBe(200);
    const sitemapIndex = await site.app.inject({ method: 'GET', url: '/sitemap.xml' });
    const parts = [...sitemapIndex.body.matchAll(/<loc>http:\/\/news\.test(\/sitemaps\/[^<]+)<\/loc>/g)].map((match) => match[1]!);
    const urls = ['/feed.xml', '/atom.xml', '/feed.json', '/markets/feed.xml', '/sitemap.xml', '/news-sitemap.xml', ...parts, '/search/?q=merger', '/api/v1/search?q=merger', '/api/v1/articles'];
    for (const url of urls) {
      const response = await site.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain('Unannounced merger talks');
      expect(response.body, url).not.toContain('/preview/');
    }
  });

  test(`more than ${PREVIEW_LOOKUPS_PER_MINUTE} lookups a minute from one address are refused with Retry-After, and other addresses are not`, async () => {
    // Half a minute into a counting window, whatever the tests before did with the clock.
    clock.set(new Date(Math.ceil(clock.now().getTime() / 60_000) * 60_000 + 30_000));
    const editor = await createSignedInUser(site, 'editor');
    const token = await makeToken(editor, await createStoryAs(site, editor, { title: 'Much opened' }));
    const address = newAddress();
    for (let n = 0; n < PREVIEW_LOOKUPS_PER_MINUTE; n += 1) {
      expect((await open(n % 2 === 0 ? token : 'C'.repeat(43), { address })).statusCode).toBeLessThan(429);
    }
    const refused = await open(token, { address });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expectPreviewHeaders(refused);
    expect((await open(token)).statusCode).toBe(200);
    clock.advance(30_000);
    expect((await open(token, { address })).statusCode).toBe(200);
  });
});
