/**
 * Saving trusts a body only with the sanitizer's seal for exactly that HTML and its text: an
 * unsanitized body with no seal, a made-up one, or another body's is sanitized as ever, and text
 * that is not the sealed body's is read again from the body.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sanitizeAndSealBody } from '../../src/content/articles/index.js';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { saveArticlesAtomically } from '../../src/ingest/index.js';
import { articleInput, createTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => testApp.close());

const HOSTILE = '<p onclick="steal()">Copper rose.</p><script>alert(1)</script><a href="javascript:alert(2)">more</a>';

async function storedArticle(uri: string, bodyHtml: string, bodySeal?: string, bodyText?: string) {
  const input = articleInput({ uri, bodyHtml, ...(bodySeal === undefined ? {} : { bodySeal }), ...(bodyText === undefined ? {} : { bodyText }) });
  await saveArticlesAtomically(testApp.writer, 'test', [input], { now: new Date(Date.UTC(2024, 5, 1)), timeZone: 'UTC', actor: 'test' });
  const row = await testApp.database.db.selectFrom('articles').select(['id']).where('uri', '=', uri).executeTakeFirstOrThrow();
  return (await findStoryRecord(testApp.database.db, Number(row.id)))!.article;
}

async function storedBody(uri: string, bodyHtml: string, bodySeal?: string, bodyText?: string) {
  return (await storedArticle(uri, bodyHtml, bodySeal, bodyText)).bodyHtml;
}

test('an unsanitized body without a seal, or with a made-up one, is sanitized on save', async () => {
  expect(await storedBody('urn:test:sealed:none', HOSTILE)).toBe('<p>Copper rose.</p><a>more</a>');
  expect(await storedBody('urn:test:sealed:made-up', HOSTILE, 'c2FuaXRpemVkLCBob25lc3Q')).toBe('<p>Copper rose.</p><a>more</a>');
});

test("another body's seal does not carry over to unsanitized HTML", async () => {
  const clean = sanitizeAndSealBody('<p>Copper rose.</p>');
  expect(await storedBody('urn:test:sealed:swapped', HOSTILE, clean.seal, clean.text)).toBe('<p>Copper rose.</p><a>more</a>');
});

test('a sealed body is stored as the sanitizer made it', async () => {
  const sealed = sanitizeAndSealBody('<p>See <a href="/metals">metals</a>.</p><script>x()</script>', { baseUrl: 'https://wire.example.com/' });
  expect(sealed.seal).toBeDefined();
  expect(await storedBody('urn:test:sealed:kept', sealed.html, sealed.seal, sealed.text)).toBe('<p>See <a href="https://wire.example.com/metals">metals</a>.</p>');
});

test("a sealed body's teaser and word count come from its own text, never from other text given with its seal", async () => {
  const sealed = sanitizeAndSealBody('<p>Copper rose two per cent in London.</p>');
  const kept = await storedArticle('urn:test:sealed:text', sealed.html, sealed.seal, sealed.text);
  expect([kept.teaser, kept.wordCount]).toEqual(['Copper rose two per cent in London.', 7]);
  const forged = await storedArticle('urn:test:sealed:forged-text', sealed.html, sealed.seal, 'Buy now at evil.example, the best offer in town');
  expect([forged.teaser, forged.wordCount]).toEqual(['Copper rose two per cent in London.', 7]);
});
