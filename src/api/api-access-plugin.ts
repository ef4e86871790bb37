import rateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { RequestCounters, Schema } from '../storage/index.js';
import { hashApiKeySecret, isApiKeySecretShape, lookUpApiKey, type ActiveApiKey } from './keys/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key the request was made with (Authorization: Bearer …), or null for an anonymous request. */
    apiKey: ActiveApiKey | null;
  }
}

/** Requests allowed per minute: for each API key, and for each anonymous client address. */
export interface ApiRateLimits {
  perKey: number;
  perAddress: number;
}

/** What the access checks need. */
export interface ApiAccessOptions {
  db: Kysely<Schema>;
  counters: RequestCounters;
  clock: Clock;
  limits: ApiRateLimits;
}

/** Rate limits count requests in windows of one minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

const BEARER = /^Bearer +(\S+) *$/i;

function refusedKey(reply: FastifyReply, code: 'API_KEY_INVALID' | 'API_KEY_REVOKED', message: string): AppError {
  // RFC 6750 §3: a refused bearer token is answered with a challenge naming the error.
  reply.header('www-authenticate', `Bearer realm="api", error="invalid_token"`);
  return new AppError(code, code === 'API_KEY_REVOKED' ? 'forbidden' : 'unauthenticated', message);
}

/**
 * Who is asking, and whether they may: reads the request's API key (none is fine: anonymous reads
 * are allowed), then counts the request against its key's limit, or its address's lower one.
 * Counts live in the database (the RequestCounters port), so every instance sees every request;
 * @fastify/rate-limit sends the RateLimit-Limit / -Remaining / -Reset headers (the IETF draft's)
 * and, past the limit, Retry-After and a 429. Called by the Content API's plugin on its own
 * instance: the hooks apply to its routes that do not opt out (`config: { rateLimit: false }`).
 */
export async function installApiAccess(app: FastifyInstance, { db, counters, clock, limits }: ApiAccessOptions): Promise<void> {
  app.decorateRequest('apiKey', null);
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const secret = BEARER.exec(header)?.[1];
    if (secret === undefined || !isApiKeySecretShape(secret)) {
      throw refusedKey(reply, 'API_KEY_INVALID', 'The Authorization header must be "Bearer " followed by an API key (fsk_…) issued in the newsroom; or send no Authorization header to read anonymously, at a lower rate limit.');
    }
    const lookup = await lookUpApiKey(db, hashApiKeySecret(secret));
    if (lookup.status === 'unknown') throw refusedKey(reply, 'API_KEY_INVALID', 'This API key is not known: check that it was copied whole, or ask an admin for a new one.');
    if (lookup.status === 'revoked') throw refusedKey(reply, 'API_KEY_REVOKED', `This API key was revoked on ${lookup.revokedAt.slice(0, 10)}: ask an admin for a new one.`);
    request.apiKey = lookup.key;
  });

  // The plugin's store interface, over the database port: fixed windows aligned on the clock.
  class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = clock.now();
      counters.count(key, timeWindow, now).then(
        ({ hits, resetAt }) => callback(null, { current: hits, ttl: resetAt.getTime() - now.getTime() }),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }

  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    enableDraftSpec: true,
    timeWindow: RATE_LIMIT_WINDOW_MS,
    store: DatabaseStore,
    max: (request: FastifyRequest) => (request.apiKey ? limits.perKey : limits.perAddress),
    // IPv6 clients are counted per /64, the block one subscriber usually holds.
    keyGenerator: (request: FastifyRequest) => (request.apiKey ? `api:key:${request.apiKey.id}` : `api:address:${normalizeIP(request.ip, 64)}`),
    errorResponseBuilder: (request, { max, after }) =>
      new AppError(
        'RATE_LIMITED',
        'rate_limited',
        request.apiKey
          ? `This API key has made more than ${max} requests this minute: retry in ${after}.`
          : `More than ${max} requests came from your address this minute: retry in ${after}, or ask for an API key, which allows more.`,
      ),
  });
}
