import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ALL_PAGES_KEY } from '../cache/index.js';

// API answers are not kept in the page cache: that cache answers before routing, where API keys
// and rate limits are not checked, and it keys pages by path alone while API answers depend on
// their query. Each request reads the database (bounded, indexed queries), so a publish or an
// unpublish shows in the very next answer. Clients and an edge cache keep them instead: a short
// max-age, a longer s-maxage the edge is purged within (by the same surrogate keys as pages, sent
// for every committed change), and an ETag, so a client that asks again with If-None-Match gets a
// bodiless 304.

/** Cache-Control of successful API answers. */
export const API_CACHE_CONTROL = 'public, max-age=30, s-maxage=300, stale-while-revalidate=60';

/** Surrogate key of answers that list stories, topics or authors: dirtied by every change to a published story, as the feeds are. */
export const STORY_LISTS_KEY = 'feeds';

/** Marks a successful answer cacheable, naming the surrogate keys whose purge must drop it (`all` is added: every answer carries it). */
export function markCacheable(reply: FastifyReply, keys: readonly string[]): FastifyReply {
  return reply.header('cache-control', API_CACHE_CONTROL).header('surrogate-key', [...keys, ALL_PAGES_KEY].join(' '));
}

/** A strong ETag for a body. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether If-None-Match names the ETag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',', 100).some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Gives every successful GET (and HEAD) answer of the instance an ETag from its serialized body, and answers
 * 304 without the body when If-None-Match names it. Errors are never stored: no-store.
 */
export function installEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400) {
      reply.header('cache-control', 'no-store');
      return payload;
    }
    // Only reads are validated: a write's answer (a pushed batch's outcome) is never a 304.
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const etag = etagOf(payload);
    reply.header('etag', etag);
    if (!matchesEtag(request.headers['if-none-match'], etag)) return payload;
    reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return '';
  });
}
