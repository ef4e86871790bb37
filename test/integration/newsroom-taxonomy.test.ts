import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/newsroom/index.js';
import { createSignedInUser, formBody, formHeaders, type TestSession } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { visibleLines } from '../support/visible-text.js';

describe('sections and topics in the newsroom', () => {
  let site: TestApp;
  const sessions = {} as Record<Role, TestSession>;

  const post = (session: TestSession, url: string, fields: Record<string, string>) =>
    site.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
  const sectionId = async (slug: string) => Number((await site.database.db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);

  beforeAll(async () => {
    site = await createTestApp();
    for (const role of ['contributor', 'author', 'editor', 'admin'] as const) sessions[role] = await createSignedInUser(site, role);
    await createArticles(site, [articleInput({ uri: 'urn:test:tax-1', title: 'Chip tariffs bite', section: 'Internet', tags: [{ kind: 'topic', name: 'Semiconductors' }] })]);
  });
  afterAll(() => site.close());

  test('only editors and admins may manage them', async () => {
    for (const role of ['contributor', 'author'] as const) {
      expect((await site.app.inject({ url: '/newsroom/sections/', headers: { cookie: sessions[role].cookie } })).statusCode, role).toBe(403);
      expect((await post(sessions[role], '/newsroom/sections/', { name: 'Crypto' })).statusCode, role).toBe(403);
    }
    for (const role of ['editor', 'admin'] as const) {
      expect((await site.app.inject({ url: '/newsroom/sections/', headers: { cookie: sessions[role].cookie } })).statusCode, role).toBe(200);
    }
  });

  test('a new section appears in every reader page’s section bar at once', async () => {
    await site.app.inject({ url: '/' });
    const response = await post(sessions.editor, '/newsroom/sections/', { name: 'Economy', description: 'Growth, jobs and prices.' });
    expect(response.statusCode).toBe(303);
    expect(visibleLines((await site.app.inject({ url: '/' })).body)).toContain('Economy');
    expect((await site.app.inject({ url: '/economy/' })).statusCode).toBe(200);
  });

  test('a duplicate or empty name is refused with the form kept', async () => {
    const duplicate = await post(sessions.editor, '/newsroom/sections/', { name: 'Markets', description: 'Kept text' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('Kept text');
    expect((await post(sessions.editor, '/newsroom/sections/', { name: '   ' })).statusCode).toBe(400);
  });

  test('deleting a section moves its stories first: none is left without a section', async () => {
    const internet = await sectionId('internet');
    const markets = await sectionId('markets');
    const response = await post(sessions.editor, `/newsroom/sections/${internet}/delete`, { moveTo: String(markets) });
    expect(response.statusCode).toBe(303);
    expect((await site.app.inject({ url: '/internet/' })).statusCode).toBe(404);
    const story = await site.app.inject({ url: '/2024/03/01/chip-tariffs-bite/' });
    expect(story.statusCode).toBe(200);
    expect(visibleLines(story.body)).toContain('Markets');
    expect((await post(sessions.editor, `/newsroom/sections/${markets}/delete`, { moveTo: String(markets) })).statusCode).toBe(400);
  });

  test('renaming a topic keeps its address and shows on its stories', async () => {
    const tag = await site.database.db.selectFrom('tags').select('id').where('slug', '=', 'semiconductors').executeTakeFirstOrThrow();
    expect((await post(sessions.admin, `/newsroom/topics/${tag.id}/rename`, { name: 'Chips' })).statusCode).toBe(303);
    const topic = await site.app.inject({ url: '/topic/semiconductors/' });
    expect(visibleLines(topic.body)).toContain('Chips');
    expect((await site.app.inject({ url: '/2024/03/01/chip-tariffs-bite/' })).body).toContain('>Chips</a>');
  });

  test('changes are audited', async () => {
    const rows = await site.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'taxonomy.%').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['taxonomy.added', 'taxonomy.deleted', 'taxonomy.renamed']));
  });
});
