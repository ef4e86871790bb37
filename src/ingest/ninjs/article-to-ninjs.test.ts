import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { StoredArticle } from '../../content/articles/index.js';
import { articleToNinjs } from './article-to-ninjs.js';
import { NINJS_STANDARD_DIR } from '../../../test/support/seed.js';
import { NinjsItemSchema } from './ninjs-item.js';
import { ALT_ID_ROLES, ninjsToArticle } from './ninjs-to-article.js';

const NINJS_SCHEMA = `${NINJS_STANDARD_DIR}ninjs-schema_3.1.json`;
// Defaults deliberately differ from the article so a lost field shows up as a changed value.
const DEFAULTS = { language: 'xx', source: 'default-source' };

function storedArticle(overrides: Partial<StoredArticle> = {}): StoredArticle {
  return {
    id: 42,
    uri: 'urn:fortune-sky:article:42',
    slug: 'fed-holds-rates-steady',
    urlDate: '2024-03-20',
    status: 'published',
    title: 'Fed Holds Rates Steady as Inflation Cools',
    dek: 'Policymakers signal cuts later this year',
    excerpt: 'The Federal Reserve left rates unchanged on Wednesday.',
    teaser: 'The Federal Reserve left rates unchanged on Wednesday.',
    bodyHtml: '<p>The Federal Reserve left rates unchanged on Wednesday.</p><h2>Markets</h2><p>Stocks &amp; bonds rose.</p>',
    sectionSlug: 'markets',
    sectionName: 'Markets',
    bylines: ['Jane Doe', 'John Roe'],
    tags: [
      { kind: 'topic', name: 'Interest Rates' },
      { kind: 'person', name: 'Jerome Powell' },
      { kind: 'organisation', name: 'Federal Reserve' },
      { kind: 'place', name: 'Washington' },
      { kind: 'ticker', name: 'SPX' },
      { kind: 'topic', name: 'Inflation' },
    ],
    canonicalUrl: 'https://partner.example.com/2024/03/20/fed',
    source: 'Fortune Sky',
    language: 'en-GB',
    wordCount: 12,
    publishedAt: '2024-03-20T18:00:00.000Z',
    updatedAt: '2024-03-20T19:30:00.000Z',
    createdAt: '2024-03-20T17:00:00.000Z',
    modifiedAt: '2024-03-20T19:30:00.000Z',
    revision: 3,
    ...overrides,
  };
}

function roundTrip(article: StoredArticle) {
  const ninjs = articleToNinjs(article);
  const parsed = NinjsItemSchema.safeParse(JSON.parse(JSON.stringify(ninjs)));
  expect(parsed.success, parsed.error?.message).toBe(true);
  return ninjsToArticle(parsed.data!, DEFAULTS);
}

function sortTags(tags: { kind: string; name: string }[]) {
  return [...tags].sort((a, b) => `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`));
}

describe('articleToNinjs → ninjsToArticle round trip', () => {
  test('a published story comes back with every field equal', () => {
    const article = storedArticle();
    const back = roundTrip(article);
    expect(back.uri).toBe(article.uri);
    expect(back.slug).toBe(article.slug);
    expect(back.title).toBe(article.title);
    expect(back.dek).toBe(article.dek);
    expect(back.excerpt).toBe(article.excerpt);
    expect(back.bodyHtml).toBe(article.bodyHtml);
    expect(back.section).toBe(article.sectionName);
    expect(back.bylines).toEqual(article.bylines);
    expect(back.status).toBe('published');
    expect(back.canonicalUrl).toBe(article.canonicalUrl);
    expect(back.source).toBe(article.source);
    expect(back.language).toBe(article.language);
    expect(back.publishedAt).toBe(article.publishedAt);
    expect(back.updatedAt).toBe(article.updatedAt);
  });

  test('every tag kind comes back with its kind and name', () => {
    const article = storedArticle();
    const back = roundTrip(article);
    expect(sortTags(back.tags)).toEqual(sortTags(article.tags));
    for (const kind of ['topic', 'person', 'organisation', 'place', 'ticker'] as const) {
      expect(back.tags.some((t) => t.kind === kind), kind).toBe(true);
    }
  });

  test('authors are not confused with person tags, and tickers not with topics', () => {
    const back = roundTrip(storedArticle());
    expect(back.tags).not.toContainEqual({ kind: 'person', name: 'Jane Doe' });
    expect(back.tags).not.toContainEqual({ kind: 'topic', name: 'SPX' });
    expect(back.tags).not.toContainEqual({ kind: 'topic', name: 'Markets' });
  });

  test('a draft comes back as a draft without a publication time', () => {
    const article = storedArticle({ status: 'draft', publishedAt: null, updatedAt: '2024-03-21T08:00:00.000Z' });
    const ninjs = articleToNinjs(article);
    expect(ninjs.pubStatus).toBe('withheld');
    expect(ninjs).not.toHaveProperty('firstCreated');
    const back = roundTrip(article);
    expect(back.status).toBe('draft');
    expect(back.publishedAt).toBeNull();
    expect(back.updatedAt).toBe('2024-03-21T08:00:00.000Z');
    expect(back.title).toBe(article.title);
    expect(back.bodyHtml).toBe(article.bodyHtml);
  });

  test.each(['in_review', 'scheduled', 'unpublished'] as const)('status %s survives the round trip', (status) => {
    expect(roundTrip(storedArticle({ status })).status).toBe(status);
  });

  test('empty optional fields stay empty', () => {
    const article = storedArticle({ dek: '', excerpt: null, canonicalUrl: null, bylines: [], tags: [] });
    const ninjs = articleToNinjs(article);
    expect(ninjs).not.toHaveProperty('descriptions');
    expect(ninjs).not.toHaveProperty('by');
    expect(ninjs).not.toHaveProperty('people');
    const back = roundTrip(article);
    expect(back.dek).toBe('');
    expect(back.excerpt).toBeNull();
    expect(back.canonicalUrl).toBeNull();
    expect(back.bylines).toEqual([]);
    expect(back.tags).toEqual([]);
    expect(back.section).toBe('Markets');
  });

  test('a byline whose name contains a comma survives (authors travel as people, not only "by")', () => {
    const back = roundTrip(storedArticle({ bylines: ['Martin Luther King, Jr.', 'Ann Lee'] }));
    expect(back.bylines).toEqual(['Martin Luther King, Jr.', 'Ann Lee']);
  });
});

describe('articleToNinjs output', () => {
  test('writes the ninjs properties a reader expects', () => {
    const ninjs = articleToNinjs(storedArticle());
    expect(ninjs).toMatchObject({
      uri: 'urn:fortune-sky:article:42',
      type: 'text',
      version: '3',
      firstCreated: '2024-03-20T18:00:00.000Z',
      versionCreated: '2024-03-20T19:30:00.000Z',
      contentCreated: '2024-03-20T17:00:00.000Z',
      pubStatus: 'usable',
      language: 'en-GB',
      slugline: 'fed-holds-rates-steady',
      by: 'Jane Doe, John Roe',
      headlines: [{ role: 'main', value: 'Fed Holds Rates Steady as Inflation Cools' }],
      bodies: [{ role: 'main', contentType: 'text/html', wordCount: 12 }],
      infoSources: [{ name: 'Fortune Sky', role: 'source' }],
    });
    expect(ninjs.altIds).toEqual(
      expect.arrayContaining([
        { role: ALT_ID_ROLES.status, value: 'published' },
        { role: ALT_ID_ROLES.canonicalUrl, value: 'https://partner.example.com/2024/03/20/fed' },
      ]),
    );
  });

  test('a ticker is an organisation’s symbol (ninjs 3.x organisations[].symbols), not a subject', () => {
    const ninjs = articleToNinjs(storedArticle());
    expect(ninjs.organisations).toEqual([{ name: 'Federal Reserve' }, { name: 'SPX', rel: 'ticker', symbols: [{ symbol: 'SPX' }] }]);
    expect(ninjs.subjects).not.toContainEqual(expect.objectContaining({ name: 'SPX' }));
  });
});

// Validate against the IPTC JSON Schema only when ajv happens to be installed (it arrives with
// fastify); it is not a declared dependency, so it is loaded dynamically and never installed here.
const requireCjs = createRequire(import.meta.url);
function optionalModule(name: string): unknown {
  try {
    return requireCjs(name) as unknown;
  } catch {
    return undefined;
  }
}
const ajvModule = optionalModule('ajv/dist/2020.js') as { default?: unknown } | undefined;
const formatsModule = optionalModule('ajv-formats') as { default?: unknown } | undefined;

interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

function compileNinjsSchema(): Validator {
  type AjvLike = { addSchema(schema: object): void; compile(schema: object): Validator };
  const Ajv = (ajvModule!.default ?? ajvModule) as new (options: object) => AjvLike;
  const ajv = new Ajv({ allErrors: true, strict: false });
  if (formatsModule) ((formatsModule.default ?? formatsModule) as (ajv: AjvLike) => void)(ajv);
  // The schema refers to GeoJSON for geometry, which Fortune Sky never writes; a permissive stub
  // stands in for it so nothing is fetched.
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' });
  return ajv.compile(JSON.parse(readFileSync(NINJS_SCHEMA, 'utf8')) as object);
}

describe.skipIf(!ajvModule)('articleToNinjs against the ninjs 3.1 JSON Schema', () => {
  const validate = ajvModule ? compileNinjsSchema() : undefined;

  test('the validator itself rejects a wrong item', () => {
    expect(validate!({ uri: 'urn:x', bodies: [{ value: 5 }] })).toBe(false);
  });

  test('a published story is valid ninjs', () => {
    const ok = validate!(articleToNinjs(storedArticle()));
    expect(validate!.errors ?? null, JSON.stringify(validate!.errors)).toBeNull();
    expect(ok).toBe(true);
  });

  test('a draft with empty optional fields is valid ninjs', () => {
    const article = storedArticle({ status: 'draft', publishedAt: null, dek: '', excerpt: null, canonicalUrl: null, bylines: [], tags: [] });
    const ok = validate!(articleToNinjs(article));
    expect(validate!.errors ?? null, JSON.stringify(validate!.errors)).toBeNull();
    expect(ok).toBe(true);
  });
});
