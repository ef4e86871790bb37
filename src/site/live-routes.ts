import type { FastifyPluginAsync } from 'fastify';
import { parseRowId } from '../row-id.js';
import type { LiveStreams } from './live-streams.js';

/** What the live stream route needs. */
export interface LiveRoutesOptions {
  streams: LiveStreams;
}

/** How long a reader refused for want of a place waits before asking again, in seconds. */
export const LIVE_FULL_RETRY_SECONDS = 30;

/** The seq a stream resumes after: the browser's Last-Event-ID on a reconnect, else the page's ?after=; 0 from the start. */
export function resumeSeqOf(lastEventId: unknown, after: unknown): number | undefined {
  const value = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : after;
  if (value === undefined || value === '0') return 0;
  return parseRowId(value);
}

/**
 * /live/{storyId}/events: a live story's updates as Server-Sent Events (text/event-stream), never
 * cached, resumed from Last-Event-ID. A place is taken before anything is awaited, so the limit
 * holds however many readers arrive at once; over it the answer is 503 with Retry-After, and the
 * page, already read, simply stays as it is.
 */
export const liveRoutes: FastifyPluginAsync<LiveRoutesOptions> = async (app, { streams }) => {
  app.get<{ Params: { storyId: string }; Querystring: { after?: string } }>('/live/:storyId/events', async (request, reply) => {
    const storyId = parseRowId(request.params.storyId);
    const afterSeq = resumeSeqOf(request.headers['last-event-id'], request.query.after);
    reply.header('cache-control', 'no-store');
    if (storyId === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('There is no live story at this address.');
    if (afterSeq === undefined) return reply.code(400).type('text/plain; charset=utf-8').send('Last-Event-ID and ?after= must be a whole number.');
    if (!streams.reserve()) {
      return reply.code(503).header('retry-after', String(LIVE_FULL_RETRY_SECONDS)).type('text/plain; charset=utf-8').send('Too many live readers on this server; the page still shows every update on reload.');
    }
    // The stream is the raw response's from here on.
    reply.hijack();
    let isOpen = false;
    try {
      isOpen = await streams.open(storyId, afterSeq, reply.raw);
      if (!isOpen) reply.raw.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('There is no live story at this address.');
    } catch (error) {
      request.log.error({ err: error }, 'opening a live stream failed');
      if (!reply.raw.headersSent) reply.raw.writeHead(503, { 'retry-after': String(LIVE_FULL_RETRY_SECONDS), 'cache-control': 'no-store' });
      reply.raw.end();
    } finally {
      if (!isOpen) streams.release();
    }
  });
};
