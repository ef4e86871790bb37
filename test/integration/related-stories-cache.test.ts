// A cached article page lists related stories; one published later under the same topic must show
// there at once (found by the soak: pages kept the related list they were first rendered with).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { visibleLines } from '../support/visible-text.js';

let site: TestApp;
beforeAll(async () => {
  site = await createTestApp();
});
afterAll(() => site.close());

test('a story published under a topic joins the related stories of cached pages on that topic', async () => {
  const topic = [{ kind: 'topic' as const, name: 'Shipping rates' }];
  await createArticles(site, [
    articleInput({ uri: 'urn:related:a', title: 'Freight costs climb', slug: 'freight-costs-climb', tags: topic, publishedAt: '2024-03-01T10:00:00Z' }),
    articleInput({ uri: 'urn:related:b', title: 'Port queues lengthen', tags: topic, publishedAt: '2024-03-02T10:00:00Z' }),
  ]);
  const url = '/2024/03/01/freight-costs-climb/';
  const before = await site.app.inject({ url });
  expect(visibleLines(before.body)).toContain('Port queues lengthen');
  expect(visibleLines((await site.app.inject({ url })).body)).not.toContain('Container prices ease');

  await createArticles(site, [articleInput({ uri: 'urn:related:c', title: 'Container prices ease', tags: topic, publishedAt: '2024-03-03T10:00:00Z' })]);
  const after = await site.app.inject({ url });
  expect(visibleLines(after.body)).toContain('Container prices ease');
});
