/**
 * Two instances on one database, as real processes (`fortune-sky serve`), started at the same
 * moment on an empty database: the demo set is loaded once; a story published through either is on
 * the other's article page and front page within a second; stories scheduled while both run are
 * each published exactly once. (A scheduled story whose claimer is killed with SIGKILL is
 * scheduled-publish-takeover.test.ts; 1,000 edits over both and a CLI process leaving no stale
 * page is two-instances-no-stale-pages.test.ts.)
 */
import { expect, test, vi } from 'vitest';
import { readDemoSet } from '../../src/demo/load-demo.js';
import type { Database } from '../../src/storage/index.js';
import type { HttpNewsroomSession } from '../support/newsroom-http.js';
import { articlePathOf, startTwoInstances, type ServeProcess } from '../support/two-instances.js';

const count = async (database: Database, table: 'articles' | 'revisions' | 'sections' | 'setup_tokens') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** The page's text as the instance serves it to a reader (no request headers that would make it revalidate). */
const pageOf = async (instance: ServeProcess, path: string) => {
  const response = await fetch(`${instance.baseUrl}${path}`);
  return { status: response.status, body: await response.text() };
};

/** Milliseconds until both pages on the instance show the title; fails after two seconds. */
async function msUntilShown(instance: ServeProcess, paths: string[], title: string, since: number): Promise<number> {
  await vi.waitFor(
    async () => {
      for (const path of paths) {
        const page = await pageOf(instance, path);
        expect([page.status, page.body.includes(title)], `${instance.baseUrl}${path}`).toEqual([200, true]);
      }
    },
    { timeout: 2000, interval: 20 },
  );
  return Date.now() - since;
}

test('two instances started at once on an empty database load the demo set once; a story published through either is on the other’s article page and front page within a second', async () => {
  const site = await startTwoInstances({ DEMO_CONTENT: 'true' });
  try {
    const [a, b] = site.instances;
    const demoCount = readDemoSet().articles.length;
    // Each said what it did about the demo set before it listened: exactly one loaded it.
    expect(site.instances.filter((instance) => /Loaded \d+ demo stories/.test(instance.output())).map((instance) => instance.output().match(/Loaded (\d+)/)![1])).toEqual([String(demoCount)]);
    expect(await count(site.database, 'articles')).toBe(demoCount);
    expect(await count(site.database, 'revisions')).toBe(demoCount);
    expect(await count(site.database, 'sections')).toBe(4);
    expect(await count(site.database, 'setup_tokens')).toBe(1);
    for (const instance of site.instances) expect((await pageOf(instance, '/')).status).toBe(200);

    const [editorOnA, editorOnB] = await site.signInEditor();
    // Sessions live in the database: signed in on A is signed in on B.
    const onB = await fetch(`${b.baseUrl}/newsroom/`, { headers: { cookie: editorOnA.cookie }, redirect: 'manual' });
    expect([onB.status, (await onB.text()).includes('name="csrf-token"')]).toEqual([200, true]);
    const publishThrough = async (editor: HttpNewsroomSession, reader: ServeProcess, title: string) => {
      const fields = { title, section: 'markets', topics: 'Rates', bylines: 'Ana Cruz' };
      const id = await editor.createStory(fields);
      // The reader instance has the pages cached that the story will be on (and has been asked for its address, still a 404).
      const draft = await site.database.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
      const expectedPath = `/${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/${draft.slug}/`;
      for (const path of ['/', '/markets/']) expect((await pageOf(reader, path)).body).not.toContain(title);
      expect((await pageOf(reader, expectedPath)).status).toBe(404);

      expect(await editor.press(id, 'publish', fields)).toBe(303);
      const publishedAt = Date.now();
      const path = await articlePathOf(site.database, id);
      return msUntilShown(reader, [path, '/', '/markets/'], title, publishedAt);
    };
    expect(await publishThrough(editorOnA, b, 'Central bank cuts rates at dawn')).toBeLessThanOrEqual(1000);
    expect(await publishThrough(editorOnB, a, 'Bond yields slide after the cut')).toBeLessThanOrEqual(1000);
    expect(await count(site.database, 'articles')).toBe(demoCount + 2);
  } finally {
    await site.stop();
  }
}, 120_000);

/** The current minute as the editor's Publish at field takes it (the site's zone is UTC); in a minute's last seconds, the next one, so it is not past by the time the form arrives. */
async function currentMinuteField(): Promise<string> {
  const seconds = new Date().getUTCSeconds();
  if (seconds >= 57) await new Promise((resolve) => setTimeout(resolve, (61 - seconds) * 1000));
  return new Date().toISOString().slice(0, 16);
}

test('stories scheduled through both instances while both run are each published exactly once: one revision, one audit row, both instances show them', async () => {
  const site = await startTwoInstances();
  try {
    const [editorOnA, editorOnB] = await site.signInEditor();
    // Each is scheduled for the current minute (its T), so due at once: both instances' schedulers
    // (every 5 seconds, each claiming one job at a time) find them due together.
    const stories: { id: number; title: string; publishAt: string }[] = [];
    for (const [n, editor] of [editorOnA, editorOnB, editorOnA, editorOnB, editorOnA, editorOnB, editorOnA, editorOnB].entries()) {
      const title = `Scheduled story number ${n + 1}`;
      const fields = { title, section: 'business', topics: 'Earnings', bylines: 'Lee Wong' };
      const id = await editor.createStory(fields);
      const publishAt = await currentMinuteField();
      expect(await editor.press(id, 'schedule', { ...fields, publish_at: publishAt })).toBe(303);
      stories.push({ id, title, publishAt });
    }
    const ids = stories.map((story) => story.id);
    await vi.waitFor(
      async () => expect(await site.database.db.selectFrom('articles').select('status').where('id', 'in', ids).where('status', '=', 'published').execute()).toHaveLength(ids.length),
      { timeout: 30_000, interval: 200 },
    );

    for (const { id, title, publishAt } of stories) {
      const revisions = await site.database.db.selectFrom('revisions').select('note').where('article_id', '=', id).orderBy('revision').execute();
      expect(revisions.map((revision) => revision.note), `story ${id}`).toEqual(['Created', `Scheduled for ${publishAt.replace('T', ' ')}`, 'Published on schedule']);
      const audited = await site.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'story.published').where('subject', '=', `story:${id}`).execute();
      expect(audited.map((row) => JSON.parse(row.detail) as Record<string, unknown>), `story ${id}`).toEqual([expect.objectContaining({ via: 'schedule' })]);
      const article = await site.database.db.selectFrom('articles').select(['published_at', 'scheduled_for']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(article.scheduled_for).toBeNull();
      expect(Date.parse(article.published_at!)).toBeGreaterThanOrEqual(Date.parse(`${publishAt}:00Z`));
      const path = await articlePathOf(site.database, id);
      // Both instances show it within a second of its publication (on a busy machine, of the check).
      for (const instance of site.instances) await msUntilShown(instance, [path, '/business/'], title, Date.now());
    }
    expect(await site.database.db.selectFrom('jobs').select(['kind', 'key']).execute()).toEqual([]);
  } finally {
    await site.stop();
  }
}, 120_000);
