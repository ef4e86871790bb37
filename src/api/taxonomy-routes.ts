import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { listPublicAuthors, listPublicTags, listSections } from '../content/taxonomy/index.js';
import type { Schema } from '../storage/index.js';
import { AuthorListQuerySchema, AuthorPageSchema, SectionListSchema, TopicListQuerySchema, TopicPageSchema } from './api-schemas.js';
import { decodeSlugCursor, encodeSlugCursor, nextPageUrl } from './cursor.js';
import { markCacheable, STORY_LISTS_KEY } from './http-caching.js';
import { presentAuthor, presentSection, presentTopic } from './presenters.js';
import { ACCESS_PROBLEMS, BAD_INPUT_PROBLEM, jsonResponse } from './route-schemas.js';

/** What the taxonomy routes need. */
export interface TaxonomyRoutesOptions {
  db: Kysely<Schema>;
  siteUrl: string;
}

/** One page of a list ordered by slug: the items, and the cursor after the last when more follow. */
function slugPage<T extends { slug: string }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeSlugCursor(last.slug) : null };
}

/** /api/v1/sections, /topics and /authors: what stories are filed under, and who writes them (only what a published story shows). */
export const taxonomyRoutes: FastifyPluginAsync<TaxonomyRoutesOptions> = async (plainApp, { db, siteUrl }) => {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const links = { siteUrl };

  app.get(
    '/sections',
    {
      schema: {
        operationId: 'listSections',
        summary: 'Every section, in the order of the section bar',
        tags: ['Sections, topics and authors'],
        response: { 200: jsonResponse('The sections.', SectionListSchema), ...ACCESS_PROBLEMS },
      },
    },
    async (_request, reply) => {
      const sections = await listSections(db);
      // Sections change only through the newsroom's section operations, which dirty every page (`all`).
      markCacheable(reply, []);
      return { items: sections.map((section) => presentSection(section, links)) };
    },
  );

  app.get(
    '/topics',
    {
      schema: {
        operationId: 'listTopics',
        summary: 'Topics, people, organisations, places and tickers that published stories carry, by slug',
        tags: ['Sections, topics and authors'],
        querystring: TopicListQuerySchema,
        response: { 200: jsonResponse('One page of topics.', TopicPageSchema), ...BAD_INPUT_PROBLEM, ...ACCESS_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { kind, limit, cursor } = request.query;
      const afterSlug = cursor === undefined ? undefined : decodeSlugCursor(cursor);
      const { page, nextCursor } = slugPage(await listPublicTags(db, { afterSlug, kind, limit: limit + 1 }), limit);
      markCacheable(reply, [STORY_LISTS_KEY]);
      return {
        items: page.map((tag) => presentTopic(tag, links)),
        nextCursor,
        next: nextCursor && nextPageUrl(siteUrl, '/api/v1/topics', { kind, limit: String(limit) }, nextCursor),
      };
    },
  );

  app.get(
    '/authors',
    {
      schema: {
        operationId: 'listAuthors',
        summary: 'People with a byline on a published story, by slug',
        tags: ['Sections, topics and authors'],
        querystring: AuthorListQuerySchema,
        response: { 200: jsonResponse('One page of authors.', AuthorPageSchema), ...BAD_INPUT_PROBLEM, ...ACCESS_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { limit, cursor } = request.query;
      const afterSlug = cursor === undefined ? undefined : decodeSlugCursor(cursor);
      const { page, nextCursor } = slugPage(await listPublicAuthors(db, { afterSlug, limit: limit + 1 }), limit);
      markCacheable(reply, [STORY_LISTS_KEY]);
      return {
        items: page.map((author) => presentAuthor(author, links)),
        nextCursor,
        next: nextCursor && nextPageUrl(siteUrl, '/api/v1/authors', { limit: String(limit) }, nextCursor),
      };
    },
  );
};
