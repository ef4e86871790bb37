import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findStoryRecord } from '../../src/content/stories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton, storyForm } from '../support/newsroom-stories.js';

// A story whose every field is an XSS attempt, saved through the editor's no-JS form, must render
// inert everywhere readers see it: no script but JSON-LD, no event handler, no svg, no
// javascript: URL — checked by parsing, not by searching for strings.
const TITLE = `<script>alert("title")</script>"><svg onload=alert(1)><img src=x onerror=alert(2)> Rates hold`;
const BODY = [
  '<p>Opening paragraph of a story about rates.<script>alert("body")</script></p>',
  '<p><img src="x" onerror="alert(3)" alt="chart"></p>',
  '<p><a href="javascript:alert(4)">click me</a> and <a href="JaVaScRiPt:alert(5)">me</a></p>',
  '"><svg onload=alert(6)></svg>',
  '<iframe src="javascript:alert(7)"></iframe>',
  '<p style="background:url(javascript:alert(8))" onclick="alert(9)">styled</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(10)></style></mglyph></table></mtext></math>',
].join('');
const DEK = `"><script>alert("dek")</script>`;
const TEASER = `<img src=x onerror=alert("teaser")> teaser`;
const BYLINE = `<b onmouseover=alert(11)>Eve</b>`;

let testApp: TestApp;
let articlePath: string;

beforeAll(async () => {
  testApp = await createTestApp({}, { clock: createTestClock('2026-05-01T09:00:00.000Z') });
  const editor = await createSignedInUser(testApp, 'editor');
  const fields = { title: TITLE, body: BODY, dek: DEK, excerpt: TEASER, bylines: BYLINE, topics: 'Rates' };
  const id = await createStoryAs(testApp, editor, fields);
  expect((await pressEditorButton(testApp, editor, id, 'publish', storyForm(fields))).statusCode).toBe(303);
  const article = (await findStoryRecord(testApp.database.db, id))!.article;
  articlePath = `/${article.urlDate!.replaceAll('-', '/')}/${article.slug}/`;
});
afterAll(async () => testApp.close());

/** Every way an HTML document could run script, found by parsing it; returns what was found. */
function activeContent(html: string): string[] {
  const found: string[] = [];
  let inJsonLd = false;
  let jsonLd = '';
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script') {
          if (attributes.type === 'application/ld+json') inJsonLd = true;
          else found.push(`<script ${JSON.stringify(attributes)}>`);
        }
        if (['svg', 'iframe', 'object', 'embed', 'math', 'base'].includes(name)) found.push(`<${name}>`);
        // The masthead's own search form is the one form a reader page carries (the sanitizer drops any other).
        if (name === 'form' && !(attributes.class === 'masthead-search' && attributes.action === '/search/')) found.push('<form>');
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith('on')) found.push(`${name}[${attribute}]`);
          if (attribute === 'style' && name !== 'html') found.push(`${name}[style]`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute) && /^\s*(javascript|vbscript|data):/i.test(value)) {
            found.push(`${name}[${attribute}=${value}]`);
          }
        }
      },
      ontext(text) {
        if (inJsonLd) jsonLd += text;
      },
      onclosetag(name) {
        if (name === 'script' && inJsonLd) {
          inJsonLd = false;
          try {
            JSON.parse(jsonLd);
          } catch {
            found.push('JSON-LD that does not parse');
          }
          jsonLd = '';
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** The decoded text of every element with this name in an XML document. */
function xmlTexts(xml: string, element: string): string[] {
  const texts: string[] = [];
  let depth = 0;
  let current = '';
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === element) {
          depth += 1;
          current = '';
        }
      },
      ontext(text) {
        if (depth > 0) current += text;
      },
      oncdatastart() {},
      onclosetag(name) {
        if (name === element && depth > 0) {
          depth -= 1;
          texts.push(current);
        }
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  return texts;
}

async function get(url: string) {
  const response = await testApp.app.inject({ method: 'GET', url });
  expect(response.statusCode, url).toBe(200);
  return response.body;
}

describe('XSS payloads saved through the editor are inert', () => {
  test('the sanity check finds active content', () => {
    expect(activeContent('<p onclick="x()"><a href="javascript:x()">a</a><script>x()</script></p>')).toHaveLength(3);
    expect(activeContent('<form action="/search/"></form><form class="masthead-search" action="/evil/"></form>')).toHaveLength(2);
  });

  test.each([
    ['article page', () => articlePath],
    ['front page', () => '/'],
    ['section page', () => '/markets/'],
    ['topic page', () => '/topic/rates/'],
    ['author page', () => '/author/b-onmouseover-alert-11-eve-b/'],
  ])('%s', async (_name, path) => {
    const html = await get(path());
    expect(html).toContain('Rates hold');
    expect(activeContent(html)).toEqual([]);
  });

  test('the article keeps the harmless parts of the body', async () => {
    const html = await get(articlePath);
    expect(html).toContain('<p>Opening paragraph of a story about rates.</p>');
    expect(html).toContain('<img src="x" alt="chart" />');
    expect(html).toContain('<h1 id="headline">&lt;script>alert(&quot;title&quot;)&lt;/script>&quot;>&lt;svg onload=alert(1)>');
  });

  test('RSS: titles are text; description and content:encoded hold inert HTML', async () => {
    const xml = await get('/feed.xml');
    expect(activeContent(xml)).toEqual([]);
    for (const element of ['description', 'content:encoded']) {
      for (const html of xmlTexts(xml, element)) expect(activeContent(html), `${element}: ${html}`).toEqual([]);
    }
  });

  test('Atom: content type="html" is inert; title and summary are type="text"', async () => {
    const xml = await get('/atom.xml');
    expect(activeContent(xml)).toEqual([]);
    expect(xml).toContain('<title type="text">&lt;script&gt;');
    for (const html of xmlTexts(xml, 'content')) expect(activeContent(html)).toEqual([]);
  });

  test('JSON Feed: content_html is inert', async () => {
    const feed = JSON.parse(await get('/feed.json')) as { items: { title: string; content_html: string }[] };
    expect(feed.items).toHaveLength(1);
    expect(activeContent(feed.items[0]!.content_html)).toEqual([]);
  });
});
