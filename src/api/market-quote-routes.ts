import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { storeQuotes } from '../markets/quotes/index.js';
import type { Writer } from '../storage/index.js';
import { QUOTE_BATCH_BODY_LIMIT, QuoteBatchReportSchema, QuoteBatchSchema } from './market-schemas.js';
import { problemResponse, ACCESS_PROBLEMS, BAD_INPUT_PROBLEM, jsonResponse } from './route-schemas.js';

/** What the push API needs: the unit of work quotes are stored through, and the time. */
export interface MarketQuoteRoutesOptions {
  writer: Writer;
  clock: Clock;
}

/** The key a push needs: one that carries the markets scope (an admin ticks "Push market quotes" when issuing it). */
async function requireMarketsKey(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const key = request.apiKey;
  if (!key) {
    // RFC 6750 §3: a request without credentials is challenged, with no error code.
    reply.header('www-authenticate', 'Bearer realm="api"');
    throw new AppError('API_KEY_REQUIRED', 'unauthenticated', 'Pushing quotes needs an API key: send "Authorization: Bearer fsk_…" with a key issued in the newsroom with "Push market quotes" ticked.');
  }
  if (!key.scopes.includes('markets:write')) {
    throw new AppError('API_KEY_SCOPE', 'forbidden', `The key "${key.name}" may read the Content API but not push quotes: ask an admin for a key issued with "Push market quotes" ticked.`);
  }
}

/**
 * POST /api/v1/markets/quotes: a market data vendor pushes a batch of up to 1,000 quotes. The good
 * quotes are stored (each once, however often it is sent) and the bad ones reported by index with
 * their reason, in a 200: a stale or mistyped quote does not hold back the prices beside it, and
 * resending a whole batch is safe. A batch whose shape is wrong (a price that is not a number, more
 * than 1,000 quotes, an unknown field) is a 400 naming each problem, and nothing of it is stored.
 */
export const marketQuoteRoutes: FastifyPluginAsync<MarketQuoteRoutesOptions> = async (plainApp, { writer, clock }) => {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/markets/quotes',
    {
      bodyLimit: QUOTE_BATCH_BODY_LIMIT,
      // The key and its scope are checked before the body is read: an anonymous push costs no parsing.
      onRequest: requireMarketsKey,
      schema: {
        operationId: 'pushQuotes',
        summary: 'Push a batch of market quotes (a key with the markets scope)',
        description:
          'Stores up to 1,000 quotes at once. Each quote is stored once per symbol and time: sending a batch again, or from two senders, stores nothing twice (counted as `alreadyStored`). Quotes that fail a check (unknown symbol, price not above zero except for yields, a time in the future or over 7 days old, a move of 90 % or more from the last stored price, negative volume) are listed in `refused` with their index and reason; the rest of the batch is stored. A batch that is not of this shape is refused whole with 400. Stored with the source `api:{key name}`.',
        tags: ['Markets'],
        security: [{ apiKey: [] }],
        body: QuoteBatchSchema,
        response: {
          200: jsonResponse('The batch was taken: what was stored, what was already stored, and what was refused and why.', QuoteBatchReportSchema),
          ...BAD_INPUT_PROBLEM,
          ...ACCESS_PROBLEMS,
          401: problemResponse('No API key, or a malformed or unknown one.'),
          403: problemResponse('The key was revoked, or it may not push quotes (it was issued without "Push market quotes").'),
          413: problemResponse(`The body is larger than ${QUOTE_BATCH_BODY_LIMIT / 1024} KiB: send fewer quotes per batch.`),
        },
      },
    },
    async (request, reply) => {
      // onRequest let only a key with the markets scope through.
      const key = request.apiKey!;
      const quotes = request.body.quotes.map((quote) => ({
        symbol: quote.symbol,
        time: quote.time,
        price: quote.price,
        dayVolume: quote.volume ?? null,
        delayMinutes: quote.delayMinutes === undefined ? 0 : quote.delayMinutes,
      }));
      const report = await storeQuotes(writer, quotes, { source: `api:${key.name}`, now: clock.now() });
      reply.header('cache-control', 'no-store');
      return report;
    },
  );
};
