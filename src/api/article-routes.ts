import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import {
  findCurrentArticlePath,
  findPublishedArticleAt,
  findPublishedArticleById,
  findPublishedArticleUri,
  findStoredArticleByUri,
  listPublishedArticlesAfter,
  type PublishedArticle,
} from '../content/articles/index.js';
import { AppError } from '../errors.js';
import { parseRowId } from '../row-id.js';
import type { Schema } from '../storage/index.js';
import { ArticleByPathQuerySchema, ArticleIdParamsSchema, ArticleListQuerySchema, ArticlePageSchema, ArticleSchema, NinjsSchema } from './api-schemas.js';
import { JSON_MEDIA_TYPE, NINJS_MEDIA_TYPE } from './content-negotiation.js';
import { decodeArticleCursor, encodeArticleCursor, nextPageUrl } from './cursor.js';
import { markCacheable, STORY_LISTS_KEY } from './http-caching.js';
import { presentArticleAsNinjs } from './ninjs-presenter.js';
import { findCoverage, liveCacheKey, listUpdates } from '../content/live/index.js';
import { presentArticle, presentArticleSummary } from './presenters.js';
import { ACCESS_PROBLEMS, BAD_INPUT_PROBLEM, jsonResponse, NOT_FOUND_PROBLEM } from './route-schemas.js';

/** What the story routes need. */
export interface ArticleRoutesOptions {
  db: Kysely<Schema>;
  siteUrl: string;
}

const ARTICLE_PATH = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([a-z0-9-]{1,200})\/?$/;

function parseArticleId(id: string): number | undefined {
  if (!/^[1-9]\d{0,14}$/.test(id)) {
    throw new AppError('INVALID_ARTICLE_ID', 'invalid', `"${id.slice(0, 40)}" is not a story id: ids are whole numbers, as in /api/v1/articles/42.`, { id: 'not a whole number' });
  }
  // A well-formed id past the largest a row can have names no story.
  return parseRowId(id);
}

function articleNotFound(what: string): AppError {
  return new AppError('ARTICLE_NOT_FOUND', 'not_found', `No published story has ${what}.`);
}

/** /api/v1/articles…: published stories, listed with filters and cursors, and one by id (JSON or ninjs) or by path. */
export const articleRoutes: FastifyPluginAsync<ArticleRoutesOptions> = async (plainApp, { db, siteUrl }) => {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const links = { siteUrl };

  app.get(
    '/articles',
    {
      schema: {
        operationId: 'listArticles',
        summary: 'List published stories, newest first',
        description:
          'Filters combine (all must hold). Pages follow `nextCursor` (or the ready-made `next` URL) until it is null: a cursor is a position in the list, so stories published while a client walks it never shift or repeat the pages still to come. An unknown section, topic or author gives an empty list.',
        tags: ['Stories'],
        querystring: ArticleListQuerySchema,
        response: { 200: jsonResponse('One page of stories.', ArticlePageSchema), ...BAD_INPUT_PROBLEM, ...ACCESS_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { section, topic, author, updatedSince, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeArticleCursor(cursor);
      const filter = { sectionSlug: section, tagSlug: topic, authorSlug: author, modifiedSince: updatedSince && new Date(updatedSince).toISOString() };
      // One more than the page tells whether another page follows.
      const stories = await listPublishedArticlesAfter(db, filter, { after, limit: limit + 1 });
      const page = stories.slice(0, limit);
      const last = page.at(-1);
      const nextCursor = stories.length > limit && last ? encodeArticleCursor(last) : null;
      markCacheable(reply, [STORY_LISTS_KEY]);
      return {
        items: page.map((story) => presentArticleSummary(story, links)),
        nextCursor,
        next: nextCursor && nextPageUrl(siteUrl, '/api/v1/articles', { section, topic, author, updatedSince, limit: String(limit) }, nextCursor),
      };
    },
  );

  async function sendArticle(reply: FastifyReply, story: PublishedArticle | undefined, notFound: string) {
    if (!story) throw articleNotFound(notFound);
    // Its updated time moves with its live updates, which name its live key.
    markCacheable(reply, [`article:${story.id}`, liveCacheKey(story.id)]);
    return presentArticle(story, links);
  }

  app.get(
    '/articles/by-path',
    {
      schema: {
        operationId: 'getArticleByPath',
        summary: 'One published story by its path on the site',
        description: 'The path of the story page, /yyyy/mm/dd/slug/ (the site address in front is allowed). A former path, from before the slug changed, finds the story too; the answer carries its current path.',
        tags: ['Stories'],
        querystring: ArticleByPathQuerySchema,
        response: { 200: jsonResponse('The story.', ArticleSchema), ...BAD_INPUT_PROBLEM, ...ACCESS_PROBLEMS, ...NOT_FOUND_PROBLEM },
      },
    },
    async (request, reply) => {
      const raw = request.query.path;
      const path = raw.startsWith(siteUrl) ? raw.slice(siteUrl.length) : raw;
      const match = ARTICLE_PATH.exec(path);
      if (!match) {
        throw new AppError('INVALID_ARTICLE_PATH', 'invalid', 'A story path has the form /yyyy/mm/dd/slug/, as in /2024/03/01/markets-rally/.', { path: 'not a story path' });
      }
      const [, yyyy, mm, dd, slug = ''] = match;
      const urlDate = `${yyyy}-${mm}-${dd}`;
      let story = await findPublishedArticleAt(db, urlDate, slug);
      if (!story) {
        const current = ARTICLE_PATH.exec((await findCurrentArticlePath(db, urlDate, slug)) ?? '');
        if (current) story = await findPublishedArticleAt(db, `${current[1]}-${current[2]}-${current[3]}`, current[4]!);
      }
      return sendArticle(reply, story, `the path ${path.slice(0, 220)}`);
    },
  );

  app.get(
    '/articles/:id',
    {
      schema: {
        operationId: 'getArticle',
        summary: 'One published story by id',
        description: `As JSON by default; as IPTC ninjs 3.x with \`Accept: ${NINJS_MEDIA_TYPE}\` (the same as /api/v1/articles/{id}.ninjs).`,
        tags: ['Stories'],
        params: ArticleIdParamsSchema,
        response: {
          200: { description: 'The story.', content: { [JSON_MEDIA_TYPE]: { schema: ArticleSchema }, [NINJS_MEDIA_TYPE]: { schema: NinjsSchema } } },
          ...BAD_INPUT_PROBLEM,
          ...ACCESS_PROBLEMS,
          ...NOT_FOUND_PROBLEM,
        },
      },
      config: { produces: [JSON_MEDIA_TYPE, NINJS_MEDIA_TYPE] },
    },
    async (request, reply) => {
      if (request.apiMediaType === NINJS_MEDIA_TYPE) return sendNinjs(reply, request.params.id);
      const id = parseArticleId(request.params.id);
      return sendArticle(reply, id === undefined ? undefined : await findPublishedArticleById(db, id), `id ${request.params.id}`);
    },
  );

  async function sendNinjs(reply: FastifyReply, id: string) {
    const rowId = parseArticleId(id);
    const uri = rowId === undefined ? undefined : await findPublishedArticleUri(db, rowId);
    const article = uri === undefined ? undefined : await findStoredArticleByUri(db, uri);
    if (!article) throw articleNotFound(`id ${id}`);
    // A live story's item carries its updates: every coverage change names its live key.
    markCacheable(reply, [`article:${article.id}`, liveCacheKey(article.id)]).type(`${NINJS_MEDIA_TYPE}; charset=utf-8`);
    const coverage = await findCoverage(db, article.id);
    return presentArticleAsNinjs(article, siteUrl, coverage && { coverage, updates: await listUpdates(db, article.id) });
  }

  app.get(
    '/articles/:id.ninjs',
    {
      schema: {
        operationId: 'getArticleNinjs',
        summary: 'One published story as IPTC ninjs 3.x',
        tags: ['Stories'],
        params: ArticleIdParamsSchema,
        response: { 200: { description: 'The story as a ninjs item.', content: { [NINJS_MEDIA_TYPE]: { schema: NinjsSchema } } }, ...BAD_INPUT_PROBLEM, ...ACCESS_PROBLEMS, ...NOT_FOUND_PROBLEM },
      },
      config: { produces: [NINJS_MEDIA_TYPE, JSON_MEDIA_TYPE] },
    },
    (request, reply) => sendNinjs(reply, request.params.id),
  );
};
