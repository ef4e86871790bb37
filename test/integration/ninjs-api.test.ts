import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ninjsValidator } from '../support/ninjs-validator.js';
import { NINJS_STANDARD_DIR } from '../support/seed.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

describe('ninjs out', () => {
  let site: TestApp;
  const validate = ninjsValidator();
  let ids: Record<string, number>;

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'Asia/Shanghai' });
    await createArticles(site, [
      articleInput({
        uri: 'urn:api:full',
        title: 'Chipmakers rally on export relief',
        dek: 'Shares rose across Asia.',
        excerpt: 'Chip stocks jumped after officials eased export rules.',
        section: 'Industries',
        bylines: ['Ana Cruz', 'Ken Ito'],
        tags: [{ kind: 'topic', name: 'Semiconductors' }, { kind: 'ticker', name: 'TSM' }, { kind: 'organisation', name: 'Acme Corp' }, { kind: 'place', name: 'Taiwan' }, { kind: 'person', name: 'Jo Lee' }],
        canonicalUrl: 'https://wire.example/chips',
        updatedAt: '2024-03-02T10:00:00Z',
      }),
      articleInput({ uri: 'urn:api:plain', title: 'Plain story', bylines: [], tags: [] }),
      articleInput({ uri: 'urn:api:draft', title: 'Draft story', status: 'draft', publishedAt: null }),
    ]);
    const rows = await site.database.db.selectFrom('articles').select(['id', 'uri']).execute();
    ids = Object.fromEntries(rows.map((row) => [row.uri, Number(row.id)]));
  });
  afterAll(() => site.close());

  test('/api/v1/articles/{id}.ninjs validates against the ninjs 3.1 schema with ajv (2020-12)', async () => {
    for (const uri of ['urn:api:full', 'urn:api:plain']) {
      const response = await site.app.inject({ url: `/api/v1/articles/${ids[uri]}.ninjs` });
      expect(response.statusCode, uri).toBe(200);
      expect(response.headers['content-type']).toBe('application/ninjs+json; charset=utf-8');
      const item = JSON.parse(response.body);
      expect(validate(item), JSON.stringify(validate.errors, null, 1)).toBe(true);
      expect(item.uri).toBe(uri);
    }
  });

  test('the validator is real: IPTC examples pass, broken items fail', () => {
    expect(validate(JSON.parse(readFileSync(`${NINJS_STANDARD_DIR}example-ninjsExSimpleText_3.json`, 'utf8')))).toBe(true);
    expect(validate({ uri: 'urn:x:1', headline: 'ninjs 1 property' })).toBe(false);
    expect(validate({ uri: 'urn:x:1', headlines: 'not an array' })).toBe(false);
    expect(validate({ uri: 'urn:x:1', versionCreated: 'yesterday' })).toBe(false);
  });

  test('the item carries the story: headline, teaser, body, bylines, subjects, dates and its web page', async () => {
    const item = JSON.parse((await site.app.inject({ url: `/api/v1/articles/${ids['urn:api:full']}.ninjs` })).body);
    expect(item.headlines).toEqual([{ role: 'main', value: 'Chipmakers rally on export relief' }]);
    expect(item.descriptions).toEqual(expect.arrayContaining([{ role: 'teaser', value: 'Chip stocks jumped after officials eased export rules.' }]));
    expect(item.bodies[0]).toMatchObject({ contentType: 'text/html' });
    expect(item.people).toEqual(expect.arrayContaining([{ name: 'Ana Cruz', rel: 'author' }, { name: 'Ken Ito', rel: 'author' }]));
    expect(item.firstCreated).toBe('2024-03-01T10:00:00.000Z');
    expect(item.versionCreated).toBe('2024-03-02T10:00:00.000Z');
    expect(item.pubStatus).toBe('usable');
    expect(item.renditions).toEqual([{ name: 'web', href: 'http://news.test/2024/03/01/chipmakers-rally-on-export-relief/', contentType: 'text/html' }]);
  });

  test('content negotiation on application/ninjs+json gives the same item', async () => {
    const id = ids['urn:api:full'];
    const byExtension = await site.app.inject({ url: `/api/v1/articles/${id}.ninjs` });
    const negotiated = await site.app.inject({ url: `/api/v1/articles/${id}`, headers: { accept: 'application/ninjs+json' } });
    expect(negotiated.statusCode).toBe(200);
    expect(negotiated.headers['content-type']).toBe('application/ninjs+json; charset=utf-8');
    expect(negotiated.headers.vary).toBe('Accept');
    expect(negotiated.body).toBe(byExtension.body);
    const refused = await site.app.inject({ url: `/api/v1/articles/${id}`, headers: { accept: 'text/html' } });
    expect(refused.statusCode).toBe(406);
    expect(JSON.parse(refused.body).code).toBe('NOT_ACCEPTABLE');
  });

  test('drafts, unknown ids and bad ids get problem details, never a 500', async () => {
    const cases: [string, number, string][] = [
      [`/api/v1/articles/${ids['urn:api:draft']}.ninjs`, 404, 'ARTICLE_NOT_FOUND'],
      ['/api/v1/articles/999999.ninjs', 404, 'ARTICLE_NOT_FOUND'],
      ['/api/v1/articles/abc.ninjs', 400, 'INVALID_ARTICLE_ID'],
      ['/api/v1/articles/0.ninjs', 400, 'INVALID_ARTICLE_ID'],
      ['/api/v1/articles/99999999999999999999999.ninjs', 400, 'INVALID_ARTICLE_ID'],
      ['/api/v1/articles/1.ninjs?x=%', 200, ''],
    ];
    for (const [url, status, code] of cases) {
      const response = await site.app.inject({ url });
      expect(response.statusCode, url).toBe(status);
      if (code) expect(JSON.parse(response.body).code, url).toBe(code);
    }
  });
});
