import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSyntheticArticles } from '../../src/demo/generate-synthetic.js';
import { loadDemoContent } from '../../src/demo/load-demo.js';
import { importNinjsFile } from '../../src/ingest/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, formBody, formHeaders, preSessionCsrf, type TestSession } from '../support/newsroom.js';
import { createStoryAs, postForm, pressEditorButton } from '../support/newsroom-stories.js';

// Finding 15: every editorial step leaves a row on the audit page, written in the step's own
// transaction; anonymous sign-in failures are listed apart and cannot push real events away.
let testApp: TestApp;
const clock = createTestClock('2026-05-01T09:00:00.000Z');
let admin: TestSession;
let editor: Awaited<ReturnType<typeof createSignedInUser>>;

beforeAll(async () => {
  testApp = await createTestApp({}, { clock });
  admin = await createSignedInUser(testApp, 'admin');
  editor = await createSignedInUser(testApp, 'editor');
});
afterAll(async () => testApp.close());

interface AuditRow {
  who: string;
  action: string;
  subject: string;
  detail: string;
}

/** The rows of an audit page as an admin sees them. */
async function auditRows(url = '/newsroom/audit/'): Promise<{ rows: AuditRow[]; body: string }> {
  const response = await testApp.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
  expect(response.statusCode).toBe(200);
  const rows = [...response.body.matchAll(/<tr><td><time[^>]*>[^<]*<\/time><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td class="nr-meta">([^<]*)<\/td><\/tr>/g)].map(
    ([, who, action, subject, detail]) => ({ who: who!, action: action!, subject: subject!, detail: detail! }),
  );
  return { rows, body: response.body };
}

async function expectAudited(action: string, subject: string, detail?: string): Promise<void> {
  const { rows } = await auditRows();
  const row = rows.find((r) => r.action === action && r.subject === subject);
  expect(row, `${action} on ${subject} in ${JSON.stringify(rows.slice(0, 8))}`).toBeDefined();
  if (detail) expect(row!.detail).toContain(detail);
}

function post(session: TestSession, url: string, fields: Record<string, string> = {}) {
  return testApp.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
}

describe('the audit log records every editorial step', () => {
  test('creating a story leaves a row with who and the headline', async () => {
    clock.advance(1000);
    const id = await createStoryAs(testApp, editor, { title: 'A story is born' });
    await expectAudited('story.created', `story:${id}`, 'A story is born');
    const { rows } = await auditRows();
    expect(rows.find((row) => row.subject === `story:${id}`)?.who).toBe(editor.user.name);
  });

  test('an import, a demo load and a bulk load each leave a row with what they did', async () => {
    const dir = createTempDir();
    try {
      const file = join(dir.dir, 'wire.json');
      writeFileSync(file, JSON.stringify({ uri: 'urn:test:audited-import', headlines: [{ role: 'main', value: 'Imported and audited' }], bodies: [{ contentType: 'text/plain', value: 'Text.' }] }));
      const now = clock.now();
      await importNinjsFile(testApp.writer, file, { defaults: { language: 'en', source: 'wire' }, context: { now, timeZone: 'UTC', actor: 'wire desk' }, audit: recordAudit });
      await expectAudited('stories.imported', 'import:wire desk', 'created: 1');
      await loadDemoContent(testApp.writer, { now, timeZone: 'UTC', audit: recordAudit });
      await expectAudited('stories.demo_loaded', 'demo', 'created: 36');
      await generateSyntheticArticles(testApp.writer, { articles: 3, authors: 2, topics: 3, now, timeZone: 'UTC', audit: recordAudit });
      await expectAudited('stories.bulk_loaded', 'synthetic', 'created: 3');
    } finally {
      dir.remove();
    }
  });

  test('submit, schedule, unschedule, publish, update, correction, restore and unpublish each leave a row with who and what', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'Audited story' });
    const subject = `story:${id}`;
    const press = async (action: string, overrides: Record<string, string> = {}) => {
      clock.advance(1000);
      const response = await pressEditorButton(testApp, editor, id, action, { title: 'Audited story', ...overrides });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    };
    await press('submit');
    await expectAudited('story.submitted', subject);
    await press('schedule', { publish_at: '2026-05-01T12:00' });
    await expectAudited('story.scheduled', subject, 'publishAt: 2026-05-01T12:00:00.000Z');
    await press('unschedule');
    await expectAudited('story.unscheduled', subject);
    await press('publish');
    await expectAudited('story.published', subject, 'to: published');
    await press('update', { title: 'Audited story, updated', material: 'on' });
    await expectAudited('story.updated', subject, 'isMaterial: true');
    const revision = /name="revision" value="(\d+)"/.exec((await testApp.app.inject({ url: `/newsroom/stories/${id}/edit`, headers: { cookie: editor.cookie } })).body)![1]!;
    clock.advance(1000);
    expect((await postForm(testApp, editor, `/newsroom/stories/${id}/corrections`, { revision, correction: 'An earlier version misnamed the bank.' })).statusCode).toBe(303);
    await expectAudited('story.corrected', subject, 'An earlier version misnamed the bank.');
    const current = /name="revision" value="(\d+)"/.exec((await testApp.app.inject({ url: `/newsroom/stories/${id}/edit`, headers: { cookie: editor.cookie } })).body)![1]!;
    clock.advance(1000);
    expect((await post(editor, `/newsroom/stories/${id}/revisions/1/restore`, { revision: current })).statusCode).toBe(303);
    await expectAudited('story.restored', subject, 'revision: 1');
    await press('unpublish', { title: 'Audited story' });
    await expectAudited('story.unpublished', subject);
    const { rows } = await auditRows();
    expect(rows.find((r) => r.action === 'story.published' && r.subject === subject)?.who).toBe(editor.user.name);
  });

  test('the scheduler’s publication is audited too', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'Goes out on schedule' });
    expect((await pressEditorButton(testApp, editor, id, 'schedule', { title: 'Goes out on schedule', publish_at: '2026-05-01T11:00' })).statusCode).toBe(303);
    // Within the sessions' idle time (12 hours).
    clock.set('2026-05-01T11:00:30.000Z');
    expect(await testApp.scheduledPublisher.runDue()).toEqual([id]);
    await expectAudited('story.published', `story:${id}`, 'via: schedule');
  });

  test('a refused step writes no audit row', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'Not for contributors' });
    const contributor = await createSignedInUser(testApp, 'contributor');
    const revision = String((await testApp.database.db.selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow()).revision);
    expect((await pressEditorButton(testApp, contributor, id, 'publish', { revision })).statusCode).toBe(403);
    const { rows } = await auditRows();
    expect(rows.some((r) => r.subject === `story:${id}` && r.action === 'story.published')).toBe(false);
  });

  test('front-page curation and the breaking-news banner are audited', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'Front-page material' });
    expect((await pressEditorButton(testApp, editor, id, 'publish', { title: 'Front-page material' })).statusCode).toBe(303);
    const other = await createStoryAs(testApp, editor, { title: 'Second top story' });
    expect((await pressEditorButton(testApp, editor, other, 'publish', { title: 'Second top story' })).statusCode).toBe(303);
    for (const [action, articleId, audit] of [
      ['lead', id, 'frontpage.lead_set'],
      ['top', other, 'frontpage.top_added'],
      ['remove', other, 'frontpage.removed'],
    ] as const) {
      expect((await post(editor, `/newsroom/front-page/${action}`, { articleId: String(articleId) })).statusCode).toBe(303);
      await expectAudited(audit, `story:${articleId}`);
    }
    expect((await post(editor, '/newsroom/front-page/top', { articleId: String(other) })).statusCode).toBe(303);
    expect((await post(editor, '/newsroom/front-page/move', { articleId: String(other), direction: 'up' })).statusCode).toBe(303);
    await expectAudited('frontpage.top_moved', `story:${other}`, 'direction: up');
    expect((await post(editor, '/newsroom/front-page/banner', { text: 'Markets halt trading', url: '/markets/', expiresInMinutes: '15' })).statusCode).toBe(303);
    await expectAudited('banner.raised', 'banner', 'Markets halt trading');
    expect((await post(editor, '/newsroom/front-page/banner/clear')).statusCode).toBe(303);
    await expectAudited('banner.cleared', 'banner');
  });
});

describe('sign-in failures do not drown real events', () => {
  test('after 500 failed anonymous sign-ins the publish event still shows; the failures have their own, paged listing', async () => {
    const id = await createStoryAs(testApp, editor, { title: 'Published before the flood' });
    expect((await pressEditorButton(testApp, editor, id, 'publish', { title: 'Published before the flood' })).statusCode).toBe(303);
    const pre = await preSessionCsrf(testApp);
    for (let n = 0; n < 500; n++) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/newsroom/sign-in/',
        headers: formHeaders(pre),
        // One stranger guessing: the first tries are hashed and fail, the rest are refused by the rate limit.
        payload: formBody({ _csrf: pre.csrfToken, email: 'nobody@attack.test', password: `guess ${n}` }),
        remoteAddress: '198.51.100.7',
      });
      expect([400, 401, 429]).toContain(response.statusCode);
    }
    const events = await auditRows();
    expect(events.rows.some((r) => r.action === 'story.published' && r.subject === `story:${id}`)).toBe(true);
    expect(events.rows.some((r) => r.action.startsWith('session.sign_in_'))).toBe(false);

    const failures = await auditRows('/newsroom/audit/?show=sign-in-failures');
    expect(failures.rows).toHaveLength(100);
    expect(failures.rows.every((r) => r.action.startsWith('session.sign_in_'))).toBe(true);
    const older = /<a href="([^"]+)">Older entries<\/a>/.exec(failures.body)?.[1]?.replaceAll('&amp;', '&');
    expect(older).toMatch(/^\/newsroom\/audit\/\?show=sign-in-failures&before=\d+$/);
    const second = await auditRows(older);
    expect(second.rows).toHaveLength(100);
    expect(second.body).not.toBe(failures.body);
    expect(second.rows.every((r) => r.action.startsWith('session.sign_in_'))).toBe(true);
  });
});
