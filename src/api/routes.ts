import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { findPublishedArticleUri, findStoredArticleByUri } from '../content/articles/index.js';
import { AppError } from '../errors.js';
import type { Schema } from '../storage/index.js';
import { presentArticleAsNinjs } from './ninjs-presenter.js';
import { parseRowId } from '../row-id.js';

/** IANA media type of ninjs. */
export const NINJS_MEDIA_TYPE = 'application/ninjs+json';

/** What the public API routes need. */
export interface ApiRoutesOptions {
  db: Kysely<Schema>;
  siteUrl: string;
}

/** Whether an Accept header admits ninjs (absent, a JSON type or a wildcard does). */
export function acceptsNinjs(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))) return false;
    return [NINJS_MEDIA_TYPE, 'application/json', 'application/*', '*/*'].includes(type.trim());
  });
}

/** The public read API, version 1: stories as IPTC ninjs. */
export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, { db, siteUrl }) => {
  async function sendNinjs(reply: FastifyReply, id: string) {
    if (!/^[1-9]\d{0,14}$/.test(id)) {
      throw new AppError('INVALID_ARTICLE_ID', 'invalid', `"${id.slice(0, 40)}" is not a story id: ids are whole numbers, as in /api/v1/articles/42.ninjs.`, { id: id.slice(0, 40) });
    }
    // A well-formed id past the largest a row can have names no story.
    const rowId = parseRowId(id);
    const uri = rowId === undefined ? undefined : await findPublishedArticleUri(db, rowId);
    const article = uri === undefined ? undefined : await findStoredArticleByUri(db, uri);
    if (!article) throw new AppError('ARTICLE_NOT_FOUND', 'not_found', `No published story has id ${id}.`, { id });
    return reply
      .headers({ 'content-type': `${NINJS_MEDIA_TYPE}; charset=utf-8`, 'cache-control': 'public, max-age=60, s-maxage=60', vary: 'Accept' })
      .send(JSON.stringify(presentArticleAsNinjs(article, siteUrl)));
  }

  app.get<{ Params: { id: string } }>('/api/v1/articles/:id.ninjs', (request, reply) => sendNinjs(reply, request.params.id));

  // Content negotiation on the plain URL: ninjs is the one representation so far.
  app.get<{ Params: { id: string } }>('/api/v1/articles/:id', (request, reply) => {
    if (!acceptsNinjs(request.headers.accept)) {
      // 406 is no AppError kind: it is about the request's Accept header, not its data.
      const message = `Stories are available as ${NINJS_MEDIA_TYPE}; send Accept: ${NINJS_MEDIA_TYPE}, or use /api/v1/articles/${request.params.id.slice(0, 20)}.ninjs.`;
      return reply.code(406).headers({ vary: 'Accept' }).send({ error: { code: 'NOT_ACCEPTABLE', message } });
    }
    return sendNinjs(reply, request.params.id);
  });
};
