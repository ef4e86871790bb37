/**
 * The sources pages and the ingest desk over HTTP, as a browser without JavaScript drives them:
 * editors add, change, disable and delete sources (bad fields refused with the field named), the
 * desk lists items newest first with their suggestions and duplicates, filters by source and
 * status, Take makes a draft and lands in its editor (which shows where the story came from and
 * its alternate sources), Spike sets an item aside; writes need the CSRF token; contributors and
 * authors see none of it; every change is audited.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createIngestTools, findSourceByName, ingestItems } from '../../src/ingest/pipeline/index.js';
import { incomingItem } from '../support/ingest.js';
import { createSignedInUser, formBody, formHeaders, type TestSession } from '../support/newsroom.js';
import { checkHtml } from '../support/nu-html-checker.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let site: TestApp;
let editor: TestSession;
let author: TestSession;

beforeAll(async () => {
  site = await createTestApp();
  editor = await createSignedInUser(site, 'editor');
  author = await createSignedInUser(site, 'author');
});
afterAll(async () => site.close());

const post = (session: TestSession, url: string, fields: Record<string, string> = {}) =>
  site.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
const get = (session: TestSession, url: string) => site.app.inject({ url, headers: { cookie: session.cookie } });
const audit = async () => (await site.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'ingest.%').orderBy('id').execute()).map((row) => row.action);

const { events } = JSON.parse(readFileSync(new URL('../fixtures/ingest/dedupe-events.json', import.meta.url), 'utf8')) as {
  events: { event: string; publishedAt: string; versions: { source: string; headline: string; lead: string }[] }[];
};

describe('sources', () => {
  test('an editor adds a source, sees it listed, changes it, disables it and deletes it', async () => {
    const added = await post(editor, '/newsroom/sources/', { name: 'Meridian Wire', url: 'https://wire.example.com/feed.xml', format: '', every: '10m', section: 'markets', policy: 'draft', credit: '', enabled: 'on' });
    expect(added.statusCode).toBe(303);
    const sourcePath = added.headers.location!.replace('?done=added', '');
    const list = await get(editor, '/newsroom/sources/');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Meridian Wire');
    expect(list.body).toContain('Enabled, every 10m');

    const page = await get(editor, sourcePath);
    expect(page.body).toContain('value="https://wire.example.com/feed.xml"');
    expect((await post(editor, sourcePath, { name: 'Meridian Wire', url: 'https://wire.example.com/feed.xml', every: '1h', policy: 'publish', credit: 'Meridian' })).statusCode).toBe(303);
    const source = await findSourceByName(site.database.db, 'Meridian Wire');
    expect(source).toMatchObject({ pollSeconds: 3600, policy: 'publish', credit: 'Meridian', isEnabled: false, defaultSection: null });
    expect((await get(editor, '/newsroom/sources/')).body).toContain('Disabled');

    expect((await post(editor, `${sourcePath}delete/`)).statusCode).toBe(303);
    expect(await findSourceByName(site.database.db, 'Meridian Wire')).toBeUndefined();
    expect((await get(editor, sourcePath)).statusCode).toBe(404);
    expect(await audit()).toEqual(expect.arrayContaining(['ingest.source_added', 'ingest.source_changed', 'ingest.source_deleted']));
  });

  test('bad fields are refused with every field named, and what was typed is kept', async () => {
    const refused = await post(editor, '/newsroom/sources/', { name: '', url: 'ftp://wire.example.com/', every: '5 weeks', section: 'gossip', policy: 'sometimes' });
    expect(refused.statusCode).toBe(400);
    for (const field of ['name', 'url', 'every', 'section', 'policy']) expect(refused.body).toContain(`id="field-${field}-error"`);
    expect(refused.body).toContain('value="ftp://wire.example.com/"');
    expect((await post(editor, '/newsroom/sources/', { name: 'Twice', url: 'https://a.example.com/f' })).statusCode).toBe(303);
    const twice = await post(editor, '/newsroom/sources/', { name: 'Twice', url: 'https://b.example.com/f' });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('exists already');
  });

  test('a write without the CSRF token is refused; contributors and authors may not see sources', async () => {
    const forged = await site.app.inject({ method: 'POST', url: '/newsroom/sources/', headers: formHeaders(editor), payload: formBody({ name: 'Forged', url: 'https://x.example.com/f' }) });
    expect(forged.statusCode).toBe(403);
    expect(await findSourceByName(site.database.db, 'Forged')).toBeUndefined();
    expect((await get(author, '/newsroom/sources/')).statusCode).toBe(403);
    expect((await post(author, '/newsroom/sources/', { name: 'By author', url: 'https://x.example.com/f' })).statusCode).toBe(403);
  });
});

describe('the desk', () => {
  test('items newest first with suggestions and duplicates; Take lands in the draft’s editor, which shows provenance; Spike sets aside; valid HTML', async () => {
    expect((await post(editor, '/newsroom/sources/', { name: 'Desk Wire', url: 'https://desk.example.com/feed.xml', policy: 'draft', enabled: 'on' })).statusCode).toBe(303);
    expect((await post(editor, '/newsroom/sources/', { name: 'Desk Rival', url: 'https://rival.example.com/feed.xml', policy: 'draft', enabled: 'on' })).statusCode).toBe(303);
    const wire = (await findSourceByName(site.database.db, 'Desk Wire'))!;
    const rival = (await findSourceByName(site.database.db, 'Desk Rival'))!;
    const event = events[0]!;
    const version = (n: number) =>
      incomingItem({ guid: `urn:desk:${n}`, title: event.versions[n]!.headline, dek: event.versions[n]!.lead, body: `<p>${event.versions[n]!.lead}</p>`, publishedAt: event.publishedAt, url: `https://${n}.example.com/desk` });
    // Received within the near-duplicate window (48 hours) of the event.
    const context = { now: new Date(Date.parse(event.publishedAt) + 3_600_000), timeZone: 'UTC' };
    const spikeMe = incomingItem({ title: 'Quarterly filing of a shell company nobody follows', publishedAt: event.publishedAt });
    // A desk with some copy on it already: near-duplicate scores weigh words by how rare they are among the items held.
    const background = Array.from({ length: 10 }, () => incomingItem({ publishedAt: event.publishedAt }));
    await ingestItems(site.writer, wire, [...background, spikeMe, version(0)], createIngestTools({ sectionSlugs: ['markets', 'business', 'industries', 'internet'] }), context);
    await ingestItems(site.writer, rival, [version(1)], createIngestTools(), context);

    const desk = await get(editor, '/newsroom/ingest/');
    expect(desk.statusCode).toBe(200);
    const original = desk.body.indexOf(event.versions[0]!.headline);
    expect(original).toBeGreaterThan(-1);
    expect(desk.body.indexOf(event.versions[0]!.headline)).toBeLessThan(desk.body.indexOf(spikeMe.input.title));
    // The rival's version is grouped under the original, not listed on its own.
    expect(desk.body.slice(original)).toContain('Desk Rival, alike');
    expect(desk.body).toMatch(/Section<\/dt><dd>[a-z]+ \d+ %/);

    const byRival = await get(editor, `/newsroom/ingest/?source=${rival.id}`);
    expect(byRival.body).toContain('Nothing on the desk for this filter');
    const duplicates = await get(editor, `/newsroom/ingest/?source=${rival.id}&status=duplicate`);
    expect(duplicates.body).toContain(event.versions[1]!.headline);
    expect((await get(editor, '/newsroom/ingest/?source=abc&status=nonsense&before=-1')).statusCode).toBe(200);

    const itemId = Number(new RegExp(`href="/newsroom/ingest/(\\d+)/">${event.versions[0]!.headline.replaceAll(/[$()]/g, '.')}<`).exec(desk.body)?.[1]);
    const itemPage = await get(editor, `/newsroom/ingest/${itemId}/`);
    expect(itemPage.statusCode).toBe(200);
    expect(itemPage.body).toContain('https://0.example.com/desk');
    // The copy to read, a paragraph at a time.
    expect(itemPage.body).toContain(`<p>${event.versions[0]!.lead}</p>`);

    const taken = await post(editor, `/newsroom/ingest/${itemId}/take/`);
    expect(taken.statusCode).toBe(303);
    expect(taken.headers.location).toMatch(/^\/newsroom\/stories\/\d+\/$/);
    const editorPage = await get(editor, `${taken.headers.location!}edit`);
    expect(editorPage.statusCode).toBe(200);
    expect(editorPage.body).toContain('Desk Wire');
    expect(editorPage.body).toContain('https://0.example.com/desk');
    expect(editorPage.body).toContain('Desk Rival');
    // Taking again (a second click, another editor) lands in the same draft.
    expect((await post(editor, `/newsroom/ingest/${itemId}/take/`)).headers.location).toBe(taken.headers.location);

    const spikeId = Number(new RegExp(`href="/newsroom/ingest/(\\d+)/">${spikeMe.input.title}<`).exec(desk.body)?.[1]);
    expect((await post(editor, `/newsroom/ingest/${spikeId}/spike/`)).statusCode).toBe(303);
    expect((await post(editor, `/newsroom/ingest/${spikeId}/spike/`)).statusCode).toBe(409);
    expect((await post(editor, `/newsroom/ingest/${spikeId}/take/`)).statusCode).toBe(409);
    expect((await get(editor, '/newsroom/ingest/?status=spiked')).body).toContain(spikeMe.input.title);
    expect(await audit()).toEqual(expect.arrayContaining(['ingest.taken', 'ingest.spiked']));

    const { errors } = checkHtml({
      desk: desk.body,
      'desk-duplicates': duplicates.body,
      item: itemPage.body,
      'editor-with-provenance': editorPage.body,
      sources: (await get(editor, '/newsroom/sources/')).body,
      'sources-with-errors': (await post(editor, '/newsroom/sources/', { name: '', url: 'nope' })).body,
      source: (await get(editor, `/newsroom/sources/${wire.id}/`)).body,
    });
    expect(errors).toEqual([]);

    expect((await get(author, '/newsroom/ingest/')).statusCode).toBe(403);
    expect((await post(author, `/newsroom/ingest/${itemId}/take/`)).statusCode).toBe(403);
    expect((await post(editor, '/newsroom/ingest/999999/take/')).statusCode).toBe(404);
    expect((await get(editor, '/newsroom/ingest/nope/')).statusCode).toBe(404);
  });
});
