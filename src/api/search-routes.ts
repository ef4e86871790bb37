import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { listPublishedArticlesByIds } from '../content/articles/index.js';
import { AppError } from '../errors.js';
import { searchStories, snippetToHtml } from '../search/index.js';
import { SEARCH_MATCH_LIMIT, type Schema, type SearchIndex } from '../storage/index.js';
import { SearchPageSchema, SearchQuerySchema } from './api-schemas.js';
import { markCacheable, STORY_LISTS_KEY } from './http-caching.js';
import { presentArticleSummary } from './presenters.js';
import { ACCESS_PROBLEMS, BAD_INPUT_PROBLEM, jsonResponse } from './route-schemas.js';

/** What the search route needs. */
export interface SearchRoutesOptions {
  db: Kysely<Schema>;
  searchIndex: Pick<SearchIndex, 'search'>;
  siteUrl: string;
  /** The search's dates are calendar days in this zone. */
  timeZone: string;
  now: () => Date;
}

function invalidSearch(detail: string, parameter: string): AppError {
  return new AppError('INVALID_SEARCH', 'invalid', detail, { [parameter]: detail });
}

/**
 * /api/v1/search: the search the reader site runs (src/search), one page of published stories with
 * their snippets. Text is read as the search page reads it, leniently, with notices for what was
 * left out; a search with nothing left to look for is a 400, as is a page past the ranked matches.
 */
export const searchRoutes: FastifyPluginAsync<SearchRoutesOptions> = async (plainApp, { db, searchIndex, siteUrl, timeZone, now }) => {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/search',
    {
      schema: {
        operationId: 'searchArticles',
        summary: 'Search published stories',
        description: `Full-text search over titles, deks, bodies, bylines, topics and tickers, in the query language of the site's search page. Only the newest ${SEARCH_MATCH_LIMIT} matches are ranked, counted and paged. Filters combine; an unknown section, topic or author is left out with a notice (as on the search page). A search with nothing left to look for is \`INVALID_SEARCH\`.`,
        tags: ['Stories'],
        querystring: SearchQuerySchema,
        response: { 200: jsonResponse('One page of results.', SearchPageSchema), ...BAD_INPUT_PROBLEM, ...ACCESS_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { q, section, topic, author, from, to, sort, limit, page } = request.query;
      if (from && to && from > to) throw invalidSearch('The start date (from) comes after the end date (to).', 'to');
      if ((page - 1) * limit >= SEARCH_MATCH_LIMIT) {
        throw invalidSearch(`Only the first ${SEARCH_MATCH_LIMIT} matches are paged: with limit=${limit}, the last page is ${Math.ceil(SEARCH_MATCH_LIMIT / limit)}.`, 'page');
      }
      const outcome = await searchStories({ db, searchIndex, timeZone, now }, { q, section, topic, author, from, to, sort, page }, { perPage: limit });
      if (outcome.kind === 'blank') throw invalidSearch('There is nothing to search for: q holds only spaces.', 'q');
      if (outcome.kind === 'nothing') throw invalidSearch(outcome.message, 'q');

      const listings = new Map((await listPublishedArticlesByIds(db, outcome.hits.map((hit) => hit.story.id))).map((story) => [story.id, story]));
      const items = outcome.hits.flatMap(({ story, snippet }) => {
        const listing = listings.get(story.id);
        return listing ? [{ ...presentArticleSummary(listing, { siteUrl }), snippetHtml: snippetToHtml(snippet) }] : [];
      });
      const reached = Math.min(outcome.total, SEARCH_MATCH_LIMIT);
      const next = page * limit < reached ? nextSearchPageUrl(siteUrl, request.query, page + 1) : null;
      markCacheable(reply, [STORY_LISTS_KEY]);
      return { items, total: outcome.total, moreMatch: outcome.hasMore, page, next, notices: outcome.notices };
    },
  );
};

function nextSearchPageUrl(siteUrl: string, query: Record<string, string | number | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, page })) if (value !== undefined) params.set(name, String(value));
  return `${siteUrl}/api/v1/search?${params}`;
}
