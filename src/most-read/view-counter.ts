import type { IncomingHttpHeaders } from 'node:http';
import { isbot } from 'isbot';

/** What the counter reads of a request: its method and headers (never its address). */
export interface ViewRequest {
  method?: string;
  headers: IncomingHttpHeaders;
}

/** What the counter reads of the page answered: its status, type and surrogate keys. */
export interface ViewedPage {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly keys: readonly string[];
}

/** Views counted since the last batch was taken: story id → views. */
export type ViewBatch = ReadonlyMap<number, number>;

/** Running totals since start (for tests and operators). */
export interface ViewCounterTotals {
  counted: number;
  /** Views of a story not yet in a batch that was full (maxStories): left out rather than grow memory. */
  dropped: number;
}

/** Counts article page views in memory until a flush takes them. */
export interface ViewCounter {
  /** Counts the answer if it is a reader's view of an article page; O(1), never waits. */
  observe(request: ViewRequest, page: ViewedPage, status: number): void;
  /** The views counted since the last call, and starts a new batch. */
  takeBatch(): ViewBatch;
  /** Puts back a batch that could not be written, added to the views counted since (within maxStories). */
  restore(batch: ViewBatch): void;
  totals(): ViewCounterTotals;
}

/** How the counter is bounded. */
export interface ViewCounterOptions {
  /** The most stories one batch holds; views of further stories are dropped until the next flush. */
  maxStories: number;
}

const ARTICLE_KEY_PREFIX = 'article:';
// User agents seen lately and whether they are bots: isbot's pattern is one large regular
// expression, and the same few browser strings make most requests. Only strings of a browser's
// length are remembered, so the memory stays small whatever clients send.
const MAX_REMEMBERED_AGENTS = 1000;
const MAX_REMEMBERED_AGENT_LENGTH = 512;

/**
 * The story an answer is a view of: a 200 HTML page whose first surrogate key is `article:ID` (the
 * article page names its own story first; no other page does), else undefined.
 */
export function storyIdOfPage(page: ViewedPage, status: number): number | undefined {
  if (status !== 200 || page.status !== 200) return undefined;
  const first = page.keys[0];
  if (first === undefined || !first.startsWith(ARTICLE_KEY_PREFIX)) return undefined;
  if (!page.headers['content-type']?.startsWith('text/html')) return undefined;
  const id = Number(first.slice(ARTICLE_KEY_PREFIX.length));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * Whether a request is a reader looking at a page: a GET (not HEAD), not a prefetch (Sec-Purpose
 * or Purpose: prefetch — the reader may never look), from a browser (a user agent isbot does not
 * know as a crawler; none at all counts as a bot, as every browser sends one).
 */
export function createReaderCheck(): (request: ViewRequest) => boolean {
  const agents = new Map<string, boolean>();
  const isBotAgent = (agent: string) => {
    if (agent.length > MAX_REMEMBERED_AGENT_LENGTH) return isbot(agent);
    let known = agents.get(agent);
    if (known === undefined) {
      if (agents.size >= MAX_REMEMBERED_AGENTS) agents.clear();
      known = isbot(agent);
      agents.set(agent, known);
    }
    return known;
  };
  return (request) => {
    if (request.method !== 'GET') return false;
    const { headers } = request;
    if (isPrefetch(headers['sec-purpose']) || isPrefetch(headers.purpose)) return false;
    const agent = headers['user-agent'];
    return agent !== undefined && agent !== '' && !isBotAgent(agent);
  };
}

function isPrefetch(purpose: string | string[] | undefined): boolean {
  return typeof purpose === 'string' && purpose.toLowerCase().includes('prefetch');
}

/**
 * The in-process view counter. Nothing about the reader is kept: no address, no user agent, no
 * cookie — a story id and a count. Memory is bounded by maxStories per batch.
 */
export function createViewCounter({ maxStories }: ViewCounterOptions): ViewCounter {
  const isReader = createReaderCheck();
  let batch = new Map<number, number>();
  const counts: ViewCounterTotals = { counted: 0, dropped: 0 };
  /** Adds views of a story to the batch; false when the batch is full and the story not in it. */
  const add = (storyId: number, added: number): boolean => {
    const views = batch.get(storyId);
    if (views !== undefined) batch.set(storyId, views + added);
    else if (batch.size < maxStories) batch.set(storyId, added);
    else return false;
    return true;
  };
  return {
    observe(request, page, status) {
      const storyId = storyIdOfPage(page, status);
      if (storyId === undefined || !isReader(request)) return;
      if (add(storyId, 1)) counts.counted += 1;
      else counts.dropped += 1;
    },
    takeBatch() {
      const taken = batch;
      batch = new Map();
      return taken;
    },
    restore(restored) {
      for (const [storyId, views] of restored) if (!add(storyId, views)) counts.dropped += views;
    },
    totals: () => ({ ...counts }),
  };
}
