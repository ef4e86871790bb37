import type { ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { render } from 'preact-render-to-string';
import { findPublishedArticleUri } from '../content/articles/index.js';
import { findCoverage, listUpdatesChangedAfter, storyIdOfLiveKey, type LiveUpdate } from '../content/live/index.js';
import { findMedia } from '../content/media/index.js';
import type { Schema } from '../storage/index.js';
import { LiveUpdateEntry } from './views/live-coverage.js';

/** The open Server-Sent Event streams of live stories in this process, fed from the change log. */
export interface LiveStreams {
  /** Takes a place for a new stream, or false when this process holds its limit already (synchronous: the limit holds however many ask at once). */
  reserve(): boolean;
  /** Gives back a place taken by reserve() that did not become a stream. */
  release(): void;
  /**
   * Opens a reserved stream of a story's updates changed after a seq on a response, or answers
   * false (the story is not published or has never been live: the caller releases and answers 404).
   */
  open(storyId: number, afterSeq: number, response: ServerResponse): Promise<boolean>;
  /** The keys of each batch of committed changes (the change follower's listener): stories named by `live:ID` are read and sent. */
  onKeys(keys: readonly string[]): void;
  /** How many streams are open. */
  size(): number;
  /** Ends every stream and the heartbeat (the app is closing). */
  stop(): void;
}

/** What the streams need. */
export interface LiveStreamsOptions {
  db: Kysely<Schema>;
  timeZone: string;
  /** The most streams this process holds open (LIVE_STREAMS_MAX). */
  maxStreams: number;
  /** How often an idle stream gets a comment line, so proxies and browsers keep it open. */
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
}

/** How long a browser waits before reconnecting (the stream's `retry:` field), in ms. */
export const LIVE_RETRY_MS = 3000;

interface Stream {
  response: ServerResponse;
  lastSeq: number;
}

/**
 * One read per story per batch of changes, however many readers: the updates changed after the
 * oldest seq any of its streams has, each sent to the streams that have not had it. Reads of one
 * story run one at a time, and a batch arriving meanwhile reads once more after, so nothing
 * committed is missed and nothing is sent twice (a stream's seq only grows).
 */
export function createLiveStreams({ db, timeZone, maxStreams, heartbeatMs = 15_000, onError = () => undefined }: LiveStreamsOptions): LiveStreams {
  const streamsByStory = new Map<number, Set<Stream>>();
  const reads = new Map<number, { running: Promise<void>; again: boolean }>();
  let placesTaken = 0;
  const heartbeat = setInterval(() => {
    for (const streams of streamsByStory.values()) for (const stream of streams) stream.response.write(': heartbeat\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  function remove(storyId: number, stream: Stream): void {
    const streams = streamsByStory.get(storyId);
    if (!streams?.delete(stream)) return;
    placesTaken -= 1;
    if (streams.size === 0) streamsByStory.delete(storyId);
  }

  async function eventsOf(updates: LiveUpdate[]): Promise<{ seq: number; text: string }[]> {
    return Promise.all(
      updates.map(async (update) => {
        const image = update.mediaId !== null && !update.isDeleted ? await findMedia(db, update.mediaId) : undefined;
        const html = update.isDeleted ? '' : render(<LiveUpdateEntry shown={{ update, image }} timeZone={timeZone} />);
        const data = JSON.stringify({ id: update.id, pinned: update.isPinned, deleted: update.isDeleted, html });
        return { seq: update.seq, text: `id: ${update.seq}\nevent: update\ndata: ${data}\n\n` };
      }),
    );
  }

  // Sends each stream what it has not had; ended coverage closes them all.
  async function deliver(storyId: number): Promise<void> {
    const streams = streamsByStory.get(storyId);
    if (!streams || streams.size === 0) return;
    const afterSeq = Math.min(...[...streams].map((stream) => stream.lastSeq));
    const [coverage, changed] = await Promise.all([findCoverage(db, storyId), listUpdatesChangedAfter(db, storyId, afterSeq)]);
    const events = await eventsOf(changed);
    for (const stream of [...streams]) {
      for (const event of events) if (event.seq > stream.lastSeq) stream.response.write(event.text);
      stream.lastSeq = Math.max(stream.lastSeq, events.at(-1)?.seq ?? 0);
      if (coverage?.state !== 'live') {
        // The end's own seq: a browser reconnecting with it is told "ended" at once.
        stream.response.end(`id: ${coverage?.lastSeq ?? stream.lastSeq}\nevent: ended\ndata: {}\n\n`);
        remove(storyId, stream);
      }
    }
  }

  function readStory(storyId: number): void {
    const pending = reads.get(storyId);
    if (pending) {
      pending.again = true;
      return;
    }
    const entry = { running: Promise.resolve(), again: false };
    entry.running = (async () => {
      do {
        entry.again = false;
        await deliver(storyId).catch(onError);
      } while (entry.again);
      reads.delete(storyId);
    })();
    reads.set(storyId, entry);
  }

  return {
    reserve() {
      if (placesTaken >= maxStreams) return false;
      placesTaken += 1;
      return true;
    },
    release() {
      placesTaken -= 1;
    },
    async open(storyId, afterSeq, response) {
      const [uri, coverage] = await Promise.all([findPublishedArticleUri(db, storyId), findCoverage(db, storyId)]);
      if (!uri || !coverage) return false;
      // The reader left while the story was looked up: nothing to open, the place goes back.
      if (response.destroyed) {
        placesTaken -= 1;
        return true;
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        // Never kept by a cache: each stream is one reader's (RFC 9111 §5.2.2.5).
        'cache-control': 'no-store',
        // Nginx and similar proxies would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      response.write(`retry: ${LIVE_RETRY_MS}\n\n`);
      const stream: Stream = { response, lastSeq: afterSeq };
      let streams = streamsByStory.get(storyId);
      if (!streams) streamsByStory.set(storyId, (streams = new Set()));
      streams.add(stream);
      response.on('close', () => remove(storyId, stream));
      // What it missed (or, ended, the end): the same read every change makes.
      readStory(storyId);
      return true;
    },
    onKeys(keys) {
      for (const key of keys) {
        const storyId = storyIdOfLiveKey(key);
        if (storyId !== undefined && streamsByStory.has(storyId)) readStory(storyId);
      }
    },
    size: () => placesTaken,
    stop() {
      clearInterval(heartbeat);
      for (const [storyId, streams] of streamsByStory) {
        for (const stream of [...streams]) {
          stream.response.end();
          remove(storyId, stream);
        }
      }
    },
  };
}
