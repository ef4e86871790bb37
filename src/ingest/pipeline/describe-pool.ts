import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { shareBodySealWithThreads } from '../../content/articles/index.js';
import { sourceFile } from '../../source-root.js';
import type { StoryDescription } from '../filing/index.js';
import type { FilingSettings, ItemCopy } from './describe-item.js';
import type { FeedOrigin, FeedRead, FeedText } from './read-feed-items.js';

/** Describing threads: feeds are read and items described off the event loop, a share to each thread. */
export interface DescribePool {
  readonly threads: number;
  /** The items' descriptions, in order, made with tools built from `settings` (sent to a thread when they change). */
  describe(settings: FilingSettings, items: readonly ItemCopy[]): Promise<StoryDescription[]>;
  /** A feed parsed and its items normalized (bodies sanitized and sealed) in one thread: `readFeedItems` off the event loop. */
  readFeed(feed: FeedText, origin: FeedOrigin): Promise<FeedRead>;
  /** Ends the threads; requests in flight fail. */
  close(): Promise<void>;
}

/** A request to a describing thread, and its answer. */
export type DescribeRequest = { id: number; kind: 'describe'; settings?: FilingSettings; items: ItemCopy[] } | { id: number; kind: 'read'; feed: FeedText; origin: FeedOrigin };
export type DescribeReply = { id: number; descriptions: StoryDescription[] } | { id: number; read: FeedRead } | { id: number; error: string };

type Answer = StoryDescription[] | FeedRead;

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>;
  /** The settings this thread's tools were last built from. */
  settings?: FilingSettings;
}

// Items per request: small shares keep the threads evenly busy.
const SHARE = 25;

/** The pool INGEST_THREADS asks for: none for 0 (items are then described on the event loop, in slices). */
export function describePoolFor(threads: number): DescribePool | undefined {
  return threads > 0 ? createDescribePool(threads) : undefined;
}

/**
 * `threads` describing threads (node:worker_threads), started when first used. A thread that
 * fails fails its requests and is started again at the next. Idle threads do not keep the
 * process alive; `close` ends them.
 */
export function createDescribePool(threads: number): DescribePool {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`A describing pool needs at least one thread, not ${threads}.`);
  const slots: (Thread | undefined)[] = Array.from({ length: threads });
  let nextId = 0;
  let next = 0;

  function start(slot: number): Thread {
    const thread: Thread = { worker: startWorker(), pending: new Map() };
    const fail = (error: Error) => {
      if (slots[slot] === thread) slots[slot] = undefined;
      for (const { reject } of thread.pending.values()) reject(error);
      thread.pending.clear();
    };
    thread.worker.on('message', (reply: DescribeReply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) thread.worker.unref();
      if ('error' in reply) waiting?.reject(new Error(`A describing thread failed: ${reply.error}`));
      else waiting?.resolve('read' in reply ? reply.read : reply.descriptions);
    });
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`A describing thread stopped (exit code ${code}).`)));
    thread.worker.unref();
    slots[slot] = thread;
    return thread;
  }

  function send<T extends Answer>(request: (thread: Thread, id: number) => DescribeRequest): Promise<T> {
    const slot = next;
    next = (next + 1) % threads;
    const thread = slots[slot] ?? start(slot);
    const id = nextId++;
    const message = request(thread, id);
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (answer: Answer) => void, reject });
      // Kept alive only while it owes answers: an idle pool never holds the process open.
      thread.worker.ref();
      thread.worker.postMessage(message);
    });
  }

  function describeShare(items: ItemCopy[], settings: FilingSettings): Promise<StoryDescription[]> {
    return send((thread, id) => {
      const request: DescribeRequest = { id, kind: 'describe', items, ...(thread.settings === settings ? {} : { settings }) };
      thread.settings = settings;
      return request;
    });
  }

  return {
    threads,
    async describe(settings, items) {
      const shares: Promise<StoryDescription[]>[] = [];
      for (let start = 0; start < items.length; start += SHARE) shares.push(describeShare(items.slice(start, start + SHARE), settings));
      return (await Promise.all(shares)).flat();
    },
    readFeed(feed, origin) {
      return send((_thread, id) => ({ id, kind: 'read', feed, origin }));
    },
    async close() {
      await Promise.all(slots.map((thread) => thread?.worker.terminate()));
      slots.fill(undefined);
    },
  };
}

// The built worker (also from the bundle, which has no worker of its own); from source (development, tests), the TypeScript file
// through tsx, the loader those runs use. The body seal's key is made first, so the thread
// inherits it and the bodies it seals are trusted when saved here.
function startWorker(): Worker {
  shareBodySealWithThreads();
  const built = sourceFile('ingest/pipeline/describe-worker.js');
  if (existsSync(fileURLToPath(built))) return new Worker(built);
  const source = sourceFile('ingest/pipeline/describe-worker.ts').href;
  const loader = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true });
}
