/**
 * Reads the reader search page as a test needs it: asks for a search through HTTP and picks the
 * results apart (headline, link, the snippet's marked words, the count and message lines).
 */
import type { TestApp } from './test-app.js';

/** What a search page showed. */
export interface SearchPageResult {
  status: number;
  body: string;
  headers: Record<string, unknown>;
  /** The headlines of the results, in order. */
  titles: string[];
  /** Their links. */
  paths: string[];
  /** The words marked in the snippets, in order. */
  marked: string[];
  /** The result count line, the message and the notices, as text. */
  count: string | undefined;
  message: string | undefined;
  notices: string[];
}

const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const textOf = (html: string | undefined) => (html === undefined ? undefined : decode(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim());

/** GET /search/ with these parameters (q first, in the order given). */
export async function searchFor(testApp: TestApp, params: Record<string, string>): Promise<SearchPageResult> {
  const response = await testApp.app.inject({ method: 'GET', url: `/search/?${new URLSearchParams(params).toString()}` });
  const body = response.body;
  const results = /<ol class="story-list search-results"[^>]*>([\s\S]*?)<\/ol>/.exec(body)?.[1] ?? '';
  const links = [...results.matchAll(/<h2><a href="([^"]+)">([\s\S]*?)<\/a><\/h2>/g)];
  return {
    status: response.statusCode,
    body,
    headers: response.headers,
    titles: links.map((link) => textOf(link[2])!),
    paths: links.map((link) => decode(link[1]!)),
    marked: [...results.matchAll(/<mark>([\s\S]*?)<\/mark>/g)].map((mark) => textOf(mark[1])!),
    count: textOf(/<p class="search-count"[^>]*>([\s\S]*?)<\/p>/.exec(body)?.[1]),
    message: textOf(/<p class="search-message"[^>]*>([\s\S]*?)<\/p>/.exec(body)?.[1]),
    notices: [...(/<ul class="search-notices">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) => textOf(item[1])!),
  };
}
