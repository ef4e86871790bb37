import { describe, expect, test } from 'vitest';
import { createViewCounter, storyIdOfPage, type ViewedPage, type ViewRequest } from './view-counter.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const reader = (headers: Record<string, string> = {}, method = 'GET'): ViewRequest => ({ method, headers: { 'user-agent': BROWSER, ...headers } });
const articlePage = (id: number, status = 200): ViewedPage => ({ status, headers: { 'content-type': 'text/html; charset=utf-8' }, keys: [`article:${id}`, `article:${id + 100}`, 'topic:rates', 'sections'] });
const entries = (counter: ReturnType<typeof createViewCounter>) => Object.fromEntries(counter.takeBatch());

describe('storyIdOfPage', () => {
  test('is the id of an article page answered 200, and nothing for other pages or answers', () => {
    expect(storyIdOfPage(articlePage(42), 200)).toBe(42);
    // A 304 is a browser revalidating what it already counted; a redirect or error page is no view.
    expect(storyIdOfPage(articlePage(42), 304)).toBeUndefined();
    expect(storyIdOfPage(articlePage(42, 404), 404)).toBeUndefined();
    // The front page lists stories but names them after its own key; feeds are not HTML.
    expect(storyIdOfPage({ status: 200, headers: { 'content-type': 'text/html' }, keys: ['home', 'most-read', 'sections'] }, 200)).toBeUndefined();
    expect(storyIdOfPage({ status: 200, headers: { 'content-type': 'application/rss+xml' }, keys: ['article:42'] }, 200)).toBeUndefined();
    expect(storyIdOfPage({ status: 200, headers: { 'content-type': 'text/html' }, keys: ['article:x'] }, 200)).toBeUndefined();
  });
});

describe('createViewCounter', () => {
  test('counts readers’ GETs of article pages per story', () => {
    const counter = createViewCounter({ maxStories: 10 });
    counter.observe(reader(), articlePage(1), 200);
    counter.observe(reader(), articlePage(1), 200);
    counter.observe(reader(), articlePage(2), 200);
    expect(entries(counter)).toEqual({ 1: 2, 2: 1 });
    // Taking the batch starts a new one.
    expect(entries(counter)).toEqual({});
  });

  test('leaves out crawlers, requests without a user agent, HEAD and prefetches', () => {
    const counter = createViewCounter({ maxStories: 10 });
    counter.observe(reader({ 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }), articlePage(1), 200);
    counter.observe(reader({ 'user-agent': 'curl/8.5.0' }), articlePage(1), 200);
    counter.observe({ method: 'GET', headers: {} }, articlePage(1), 200);
    counter.observe(reader({}, 'HEAD'), articlePage(1), 200);
    counter.observe(reader({ 'sec-purpose': 'prefetch;prerender' }), articlePage(1), 200);
    counter.observe(reader({ purpose: 'prefetch' }), articlePage(1), 200);
    counter.observe(reader(), articlePage(1), 304);
    expect(entries(counter)).toEqual({});
    // The same browser is still counted (the bot check remembers answers per user agent, not readers),
    // and so is a long one (checked, not remembered); a long crawler's is not.
    counter.observe(reader(), articlePage(1), 200);
    counter.observe(reader({ 'user-agent': `${BROWSER} ${'x'.repeat(2000)}` }), articlePage(1), 200);
    counter.observe(reader({ 'user-agent': `${'x'.repeat(2000)} Googlebot/2.1` }), articlePage(1), 200);
    expect(entries(counter)).toEqual({ 1: 2 });
  });

  test('holds at most maxStories stories per batch: views of more stories are dropped, those already held still count', () => {
    const counter = createViewCounter({ maxStories: 3 });
    for (let id = 1; id <= 1000; id += 1) counter.observe(reader(), articlePage(id), 200);
    counter.observe(reader(), articlePage(2), 200);
    expect(entries(counter)).toEqual({ 1: 1, 2: 2, 3: 1 });
    expect(counter.totals()).toEqual({ counted: 4, dropped: 997 });
    // A new batch has room again.
    counter.observe(reader(), articlePage(500), 200);
    expect(entries(counter)).toEqual({ 500: 1 });
  });

  test('a batch put back (its write failed) adds to the views counted since, within maxStories', () => {
    const counter = createViewCounter({ maxStories: 3 });
    counter.observe(reader(), articlePage(1), 200);
    counter.observe(reader(), articlePage(2), 200);
    const failed = counter.takeBatch();
    counter.observe(reader(), articlePage(2), 200);
    counter.observe(reader(), articlePage(3), 200);
    counter.observe(reader(), articlePage(4), 200);
    counter.restore(failed);
    // Story 1 no longer fits beside 2, 3 and 4: its view is dropped, not memory grown.
    expect(entries(counter)).toEqual({ 2: 2, 3: 1, 4: 1 });
    expect(counter.totals().dropped).toBe(1);
  });

  test('keeps nothing about the reader: a batch holds story ids and counts only', () => {
    const counter = createViewCounter({ maxStories: 10 });
    counter.observe(reader({ cookie: 'session=abc', 'x-forwarded-for': '203.0.113.9' }), articlePage(7), 200);
    const batch = counter.takeBatch();
    expect([...batch]).toEqual([[7, 1]]);
    expect(JSON.stringify([...batch])).not.toMatch(/abc|203\.0|Mozilla/);
  });
});
