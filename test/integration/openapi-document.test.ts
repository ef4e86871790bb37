import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { issueApiKey, revokeApiKeyById } from '../../src/newsroom/api-keys/index.js';
import { insertTestInstrument } from '../support/instruments.js';
import { BROWSER_USER_AGENT, rankMostReadNow } from '../support/most-read.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// The OpenAPI document at /api/v1/openapi.json: it validates (swagger-parser), and every operation
// it documents is called and answers, for each status it documents, a body that its schema for
// that status and media type accepts (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it).

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

let site: TestApp;
let document: Document;
const examples: Record<string, string> = {};

beforeAll(async () => {
  // One request per key and minute: a key's second request shows the 429.
  site = await createTestApp({ API_RATE_LIMIT: '100000', API_KEY_RATE_LIMIT: '1' });
  await createArticles(site, [
    articleInput({ uri: 'urn:doc:1', title: 'Documented story', bylines: ['Doc Writer'], tags: [{ kind: 'topic', name: 'Docs' }, { kind: 'ticker', name: 'DOC' }], updatedAt: '2024-03-02T10:00:00Z' }),
    articleInput({ uri: 'urn:doc:2', title: 'Another documented story', section: 'Business' }),
  ]);
  const story = await site.database.db.selectFrom('articles').select(['id', 'url_date', 'slug']).where('uri', '=', 'urn:doc:1').executeTakeFirstOrThrow();
  examples.id = String(story.id);
  examples.path = `/${story.url_date!.replaceAll('-', '/')}/${story.slug}/`;
  // Three views of the story, ranked, so the most-read answer checked has an item.
  for (let i = 0; i < 3; i += 1) await site.app.inject({ url: examples.path, headers: { 'user-agent': BROWSER_USER_AGENT } });
  await rankMostReadNow(site);
  examples.q = 'documented story';
  await insertTestInstrument(site.database.db, { symbol: 'DOCQ' });
  const response = await site.app.inject({ url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = JSON.parse(response.body);
});
afterAll(() => site.close());

function operations(doc: Document): { method: string; path: string; operation: Operation }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => (item?.[method] ? [{ method, path, operation: item[method]! }] : [])),
  );
}

/** A validator for one response schema, resolving `#/components/schemas/…` against the document. */
function validatorFor(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile({ ...schema, components: document.components });
}

/**
 * The requests that show each status of a write (pushing quotes): each with a key of its own where
 * it must pass the key check, since a key's one request a minute is spent by the first.
 */
async function pushRequests(url: string, operationId: string): Promise<{ status: string; url: string; headers?: Record<string, string>; payload?: string }[]> {
  const issue = async (name: string, pushQuotes: boolean) =>
    (await issueApiKey(site.database.db, { name: `${name} ${operationId}`, ...(pushQuotes ? { pushQuotes: 'on' } : {}) }, { actorUserId: null, now: new Date() })).secret;
  const json = (key?: string) => ({ 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) });
  const batch = JSON.stringify({ quotes: [{ symbol: 'DOCQ', time: new Date(Date.now() - 60_000).toISOString(), price: 10 }, { symbol: 'NOPE', time: new Date().toISOString(), price: 1 }] });
  const revoked = await issueApiKey(site.database.db, { name: `revoked push ${operationId}`, pushQuotes: 'on' }, { actorUserId: null, now: new Date() });
  await revokeApiKeyById(site.database.db, revoked.id, { actorUserId: null, now: new Date() });
  const spent = await issue('spent', true);
  return [
    { status: '200', url, headers: json(await issue('push', true)), payload: batch },
    { status: '400', url, headers: json(await issue('bad batch', true)), payload: JSON.stringify({ quotes: [{ symbol: 'DOCQ', price: 'ten' }] }) },
    { status: '401', url, headers: json(), payload: batch },
    { status: '401', url, headers: json('not-a-key'), payload: batch },
    { status: '403', url, headers: json(revoked.secret), payload: batch },
    { status: '403', url, headers: json(await issue('read only', false)), payload: batch },
    { status: '406', url, headers: { ...json(), accept: 'text/html' }, payload: batch },
    { status: '413', url, headers: json(await issue('huge', true)), payload: JSON.stringify({ quotes: [], padding: 'x'.repeat(600 * 1024) }) },
    { status: '200', url, headers: json(spent), payload: batch },
    { status: '429', url, headers: json(spent), payload: batch },
  ];
}

describe('the OpenAPI document', () => {
  test('a broken document fails validation (the validator is real)', async () => {
    const broken = structuredClone(document) as unknown as Record<string, unknown>;
    delete broken.info;
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
    const dangling = structuredClone(document);
    (dangling.paths!['/api/v1/sections']!.get!.responses!['200'] as OpenAPIV3_1.ResponseObject).content!['application/json']!.schema = { $ref: '#/components/schemas/Nowhere' };
    await expect(SwaggerParser.validate(dangling as never)).rejects.toThrow();
  });

  test('validates as OpenAPI 3.1 and documents every operation of the API', async () => {
    await SwaggerParser.validate(structuredClone(document) as never);
    expect(document.openapi).toBe('3.1.0');
    expect(operations(document).map(({ operation }) => operation.operationId).sort()).toEqual(
      ['getArticle', 'getArticleByPath', 'getArticleNinjs', 'listArticles', 'listAuthors', 'listMostRead', 'listSections', 'listTopics', 'pushQuotes', 'searchArticles'],
    );
  });

  test('every documented operation answers each documented status with a body its schema accepts', async () => {
    const checked: string[] = [];
    for (const { method, path, operation } of operations(document)) {
      const parameters = (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
      for (const parameter of parameters.filter((p) => p.required)) expect(examples[parameter.name], `an example for ${parameter.name}`).toBeDefined();
      const hasQuery = parameters.some((p) => p.in === 'query');
      const hasId = parameters.some((p) => p.in === 'path' && p.name === 'id');
      /** The URL with these values for its parameters (required ones from the examples). */
      const urlWith = (values: Record<string, string>) => {
        const all = { ...Object.fromEntries(parameters.filter((p) => p.required).map((p) => [p.name, examples[p.name]!])), ...values };
        let url = path;
        const query = new URLSearchParams();
        for (const [name, value] of Object.entries(all)) {
          if (url.includes(`{${name}}`)) url = url.replace(`{${name}}`, encodeURIComponent(value));
          else query.set(name, value);
        }
        return `${url}${query.size ? `?${query}` : ''}`;
      };
      const { secret: spentKey } = await issueApiKey(site.database.db, { name: `limit ${operation.operationId}` }, { actorUserId: null, now: new Date() });
      const revoked = await issueApiKey(site.database.db, { name: `revoked ${operation.operationId}` }, { actorUserId: null, now: new Date() });
      await revokeApiKeyById(site.database.db, revoked.id, { actorUserId: null, now: new Date() });
      const requests: { status: string; url: string; headers?: Record<string, string>; payload?: string }[] = method === 'post' ? await pushRequests(urlWith({}), operation.operationId!) : [
        { status: '200', url: urlWith({}) },
        ...(hasQuery ? [{ status: '400', url: urlWith({ unknownParameter: '1' }) }] : []),
        ...(hasId ? [{ status: '400', url: urlWith({ id: 'abc' }) }, { status: '404', url: urlWith({ id: '999999' }) }] : []),
        ...(parameters.some((p) => p.name === 'path') ? [{ status: '404', url: urlWith({ path: '/2099/01/01/nothing-here/' }) }] : []),
        { status: '401', url: urlWith({}), headers: { authorization: 'Bearer not-a-key' } },
        { status: '403', url: urlWith({}), headers: { authorization: `Bearer ${revoked.secret}` } },
        { status: '406', url: urlWith({}), headers: { accept: 'text/html' } },
        { status: '200', url: urlWith({}), headers: { authorization: `Bearer ${spentKey}` } },
        { status: '429', url: urlWith({}), headers: { authorization: `Bearer ${spentKey}` } },
      ];
      const documented = operation.responses ?? {};
      for (const { status, url, headers, payload } of requests) {
        const response = await site.app.inject({ method: method.toUpperCase() as 'GET', url, headers, payload });
        const label = `${operation.operationId} ${status} ${url}`;
        expect(response.statusCode, label).toBe(Number(status));
        const content = (documented[status] as OpenAPIV3_1.ResponseObject | undefined)?.content;
        expect(content, `${label}: documented`).toBeDefined();
        // Every media type the status documents: asked for by Accept where there are several.
        const mediaTypes = Object.keys(content!);
        for (const mediaType of status === '200' && !headers ? mediaTypes : [mediaTypes[0]!]) {
          const answer = mediaTypes.length > 1 ? await site.app.inject({ url, headers: { accept: mediaType } }) : response;
          expect(String(answer.headers['content-type']).split(';')[0], label).toBe(mediaType);
          const validate = validatorFor(content![mediaType]!.schema as object);
          expect(validate(JSON.parse(answer.body)), `${label} as ${mediaType}: ${JSON.stringify(validate.errors)}`).toBe(true);
          checked.push(`${operation.operationId} ${status} ${mediaType}`);
        }
      }
      // Every status the operation documents was seen.
      const seen = new Set(requests.map((request) => request.status));
      expect(Object.keys(documented).filter((status) => !seen.has(status)), operation.operationId!).toEqual([]);
    }
    expect(checked).toContain('getArticle 200 application/ninjs+json');
    const mostRead = JSON.parse((await site.app.inject({ url: '/api/v1/most-read' })).body) as { items: { rank: number; views: number; article: { id: number } }[] };
    expect(mostRead.items.map((item) => [item.rank, item.views, item.article.id])).toEqual([[1, 3, Number(examples.id)]]);
    expect(checked).toContain('searchArticles 200 application/json');
    expect(checked.length).toBeGreaterThan(40);
  });

  test('the schema checks are real: a response that breaks a schema is refused', () => {
    const page = (document.paths!['/api/v1/articles']!.get!.responses!['200'] as OpenAPIV3_1.ResponseObject).content!['application/json']!.schema as object;
    const validate = validatorFor(page);
    expect(validate({ items: [], nextCursor: null, next: null })).toBe(true);
    expect(validate({ items: [{ id: 'one' }], nextCursor: null, next: null })).toBe(false);
    expect(validate({ items: [], nextCursor: null })).toBe(false);
  });
});

describe('the reference page /api/docs/', () => {
  test('lists every operation of the document and every error code, with the anchors problem types point at', async () => {
    const response = await site.app.inject({ url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const { method, path, operation } of operations(document)) {
      expect(response.body).toContain(`id="${operation.operationId}"`);
      expect(response.body).toContain(`${method.toUpperCase()} ${path}`);
    }
    for (const name of Object.keys(document.components?.schemas ?? {})) expect(response.body).toContain(`id="schema-${name}"`);
    const problem = JSON.parse((await site.app.inject({ url: '/api/v1/articles/999999' })).body);
    expect(response.body).toContain(`id="${problem.type.split('#')[1]}"`);
    // Nothing loaded or linked from another origin, no script: it reads without JavaScript or a CDN.
    expect(response.body).not.toMatch(/<script|(src|href)="(https?:)?\/\/(?!news\.test)/i);
    const again = await site.app.inject({ url: '/api/docs/', headers: { 'if-none-match': String(response.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
