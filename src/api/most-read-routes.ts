import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { listPublishedArticlesByIds } from '../content/articles/index.js';
import { listSections } from '../content/taxonomy/index.js';
import { inRankingOrder, mostReadKey, RANKING_LENGTH, readMostRead } from '../most-read/index.js';
import type { Schema } from '../storage/index.js';
import { MostReadListSchema, MostReadQuerySchema } from './api-schemas.js';
import { markCacheable, STORY_LISTS_KEY } from './http-caching.js';
import { presentMostRead } from './presenters.js';
import { ACCESS_PROBLEMS, BAD_INPUT_PROBLEM, jsonResponse } from './route-schemas.js';

/** What the most-read route needs. */
export interface MostReadRoutesOptions {
  db: Kysely<Schema>;
  siteUrl: string;
}

/** /api/v1/most-read: the stories readers read most in the last 24 hours, as the site's "Most read" block shows them. */
export const mostReadRoutes: FastifyPluginAsync<MostReadRoutesOptions> = async (plainApp, { db, siteUrl }) => {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/most-read',
    {
      schema: {
        operationId: 'listMostRead',
        summary: 'The most read published stories of the last 24 hours, of the whole site or one section',
        tags: ['Stories'],
        querystring: MostReadQuerySchema,
        response: { 200: jsonResponse('The most read stories, most first.', MostReadListSchema), ...BAD_INPUT_PROBLEM, ...ACCESS_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { section: sectionSlug, limit } = request.query;
      const section = sectionSlug === undefined ? undefined : (await listSections(db)).find((candidate) => candidate.slug === sectionSlug);
      // A ranking change purges `most-read` (or the section's); a story's change (unpublished, retitled) purges `feeds`.
      markCacheable(reply, [mostReadKey(sectionSlug), STORY_LISTS_KEY]);
      if (sectionSlug !== undefined && !section) return { items: [] };
      // The whole stored ranking is read, so stories unpublished since it was computed leave room for the next ones.
      const ranking = await readMostRead(db, { sectionId: section?.id, limit: RANKING_LENGTH });
      const stories = inRankingOrder(ranking, await listPublishedArticlesByIds(db, ranking.map((ranked) => ranked.articleId)));
      const views = new Map(ranking.map((ranked) => [ranked.articleId, ranked.views]));
      return { items: stories.slice(0, limit).map((story, index) => presentMostRead(index + 1, views.get(story.id) ?? 0, story, { siteUrl })) };
    },
  );
};
