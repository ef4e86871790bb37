import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { RequestCounters, Schema, SearchIndex, Writer } from '../storage/index.js';
import { installApiAccess, type ApiRateLimits } from './api-access-plugin.js';
import { articleRoutes } from './article-routes.js';
import { chooseMediaType, JSON_MEDIA_TYPE } from './content-negotiation.js';
import { renderApiReference } from './docs-page.js';
import { etagOf, installEtags, markCacheable, matchesEtag } from './http-caching.js';
import { marketQuoteRoutes } from './market-quote-routes.js';
import { mostReadRoutes } from './most-read-routes.js';
import { openApiOptions } from './openapi-document.js';
import { problem, problemForError, PROBLEM_MEDIA_TYPE } from './problem-details.js';
import { searchRoutes } from './search-routes.js';
import { taxonomyRoutes } from './taxonomy-routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The media type the Content API answers this request with (negotiated from Accept). */
    apiMediaType: string;
  }
}

/** What the Content API needs. */
export interface ApiRoutesOptions {
  db: Kysely<Schema>;
  searchIndex: Pick<SearchIndex, 'search'>;
  siteUrl: string;
  /** The site's time zone: a search's dates are calendar days in it. */
  timeZone: string;
  /** Where requests are counted against the rate limits (shared by every instance). */
  counters: RequestCounters;
  clock: Clock;
  limits: ApiRateLimits;
  /** The unit of work pushed quotes are stored through. */
  writer: Writer;
}

/** The Content API, version 1, under /api/v1/, with its OpenAPI document and the reference page /api/docs/. */
export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, options) => {
  let v1: FastifyInstance | undefined;
  await app.register(
    async (instance) => {
      v1 = instance;
      await contentApiV1(instance, options);
    },
    { prefix: '/api/v1' },
  );

  // The reference is made from the document once, on first request (the routes are all known by then).
  let reference: { html: string; etag: string } | undefined;
  app.get('/api/docs/', async (request, reply) => {
    if (!reference) {
      const html = renderApiReference(v1!.swagger() as OpenAPIV3_1.Document);
      reference = { html, etag: etagOf(html) };
    }
    reply.header('cache-control', 'public, max-age=300, s-maxage=300').header('etag', reference.etag);
    if (matchesEtag(request.headers['if-none-match'], reference.etag)) return reply.code(304).send();
    return reply.type('text/html; charset=utf-8').send(reference.html);
  });
};

/** The /api/v1 instance: zod validation and serialization, problem details, access checks, ETags, the routes and the document. */
async function contentApiV1(app: FastifyInstance, { db, searchIndex, siteUrl, timeZone, counters, clock, limits, writer }: ApiRoutesOptions): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, openApiOptions(siteUrl));

  app.setErrorHandler((error, request, reply) => {
    const { isUnexpected, ...body } = problemForError(siteUrl, error);
    if (isUnexpected) request.log.error({ err: error }, 'unhandled error');
    return reply.code(body.status).type(PROBLEM_MEDIA_TYPE).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(PROBLEM_MEDIA_TYPE)
      .send(problem(siteUrl, 404, 'NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]!.slice(0, 200)} in this API; the operations are listed at ${siteUrl}/api/docs/.`)),
  );

  // Accept is negotiated first: a request the API cannot answer is refused before it is counted.
  app.decorateRequest('apiMediaType', JSON_MEDIA_TYPE);
  app.addHook('onRequest', async (request, reply) => {
    const produces = request.routeOptions.config.produces ?? [JSON_MEDIA_TYPE];
    if (produces.length > 1) reply.header('vary', 'Accept');
    const chosen = chooseMediaType(request.headers.accept, produces);
    if (!chosen) throw new AppError('NOT_ACCEPTABLE', 'not_acceptable', `This answers with ${produces.join(' or ')}; send an Accept header that allows one of them (or none).`);
    request.apiMediaType = chosen;
  });
  await installApiAccess(app, { db, counters, clock, limits });
  installEtags(app);

  await app.register(articleRoutes, { db, siteUrl });
  await app.register(taxonomyRoutes, { db, siteUrl });
  await app.register(mostReadRoutes, { db, siteUrl });
  await app.register(searchRoutes, { db, searchIndex, siteUrl, timeZone, now: () => clock.now() });
  await app.register(marketQuoteRoutes, { writer, clock });

  let document: string | undefined;
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
    document ??= JSON.stringify(app.swagger());
    markCacheable(reply, []).type('application/json; charset=utf-8');
    return reply.send(document);
  });
}
