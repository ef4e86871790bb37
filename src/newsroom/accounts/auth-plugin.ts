import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { parseFormBody } from './form-body.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import type { NewsroomStylesheet } from '../ui/newsroom-stylesheet.js';
import type { NewsroomUser } from './permissions.js';
import { findActiveSession, SESSION_ABSOLUTE_MS } from './session-store.js';
import { generateToken, isSameSecret } from './tokens.js';

/** The session cookie (docs/newsroom.md). */
export const SESSION_COOKIE = 'fs_session';
/** The double-submit CSRF cookie of forms shown before a session exists (sign-in, setup). */
export const PRE_SESSION_CSRF_COOKIE = 'fs_csrf';

/** What the auth plugin keeps on a newsroom request. */
export interface NewsroomRequestState {
  /** Id (token hash) of the live session, or null when signed out. */
  sessionId: string | null;
  /**
   * The token state-changing requests must carry: the session's, or the pre-session one. A new
   * pre-session token is set as a cookie on the first call, so only responses that show a form carry it.
   */
  csrfToken(): string;
  css: string;
  language: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in newsroom user (loaded on /newsroom/ and /api/newsroom/ routes only), else null. */
    user: NewsroomUser | null;
    /** Newsroom request state; null (or absent) outside the newsroom routes. */
    newsroom: NewsroomRequestState | null;
  }
}

/** What the auth plugin needs. */
export interface AuthPluginOptions {
  db: Kysely<Schema>;
  clock: Clock;
  /** Marks cookies Secure (SITE_URL is https). */
  isSecure: boolean;
  stylesheet: NewsroomStylesheet;
  language: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A newsroom route serving static files (the editor island): no session lookup, no CSRF cookie. */
    isStaticAsset?: boolean;
  }
}

/**
 * Whether a matched route (its pattern, as registered) belongs to the newsroom (pages or its JSON
 * API). Decided on the route, never on the raw URL: the router decodes `/%6Eewsroom/` to `/newsroom/`.
 */
export function isNewsroomRoute(routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && (routeUrl === '/newsroom' || routeUrl.startsWith('/newsroom/') || routeUrl.startsWith('/api/newsroom/'));
}

/** Whether a request was routed to a newsroom route. */
function isNewsroomRequest(request: FastifyRequest): boolean {
  return isNewsroomRoute(request.routeOptions.url);
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The CSRF token a request carries: the x-csrf-token header, the `_csrf` form field, or the
 * `_csrf` query parameter (the upload form's action: its multipart body is streamed after the
 * check, so a field in it would come too late).
 */
function suppliedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const field = (request.body as Record<string, unknown> | null | undefined)?._csrf;
  if (typeof field === 'string') return field;
  const query = (request.query as Record<string, unknown> | null | undefined)?._csrf;
  return typeof query === 'string' ? query : undefined;
}

const FORM_MEDIA_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Newsroom pages (not /api/newsroom/, which reads JSON) take forms only, refused before the body
 * is read: any other body would only be parsed to be echoed back into a page, and a megabyte of
 * JSON "<" echoed as "&lt;" is a 3.6 MB page built on the event loop.
 */
function refuseNonFormBody(request: FastifyRequest): void {
  const url = request.routeOptions.url;
  const type = request.headers['content-type'];
  if (!url?.startsWith('/newsroom/') || !UNSAFE_METHODS.has(request.method) || type === undefined) return;
  const mediaType = type.split(';', 1)[0]!.trim().toLowerCase();
  if (!FORM_MEDIA_TYPES.has(mediaType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupported_media_type', 'Newsroom pages take forms only: send the page\'s form as it is.');
  }
}

/** Cookie attributes of the session cookie. */
export function sessionCookieOptions(isSecure: boolean, maxAgeSeconds = SESSION_ABSOLUTE_MS / 1000) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isSecure, maxAge: maxAgeSeconds };
}

/**
 * Registers cookies and form bodies, and on every newsroom route: loads the session into
 * `request.user`, refuses state-changing requests without the right CSRF token (403
 * CSRF_INVALID), and marks responses `Cache-Control: no-store` (HTML also gets the newsroom CSP).
 * Not encapsulated itself: its hooks belong to the plugin that registers it (the newsroom plugin
 * in server.ts), so they reach the newsroom's routes and no public ones.
 */
export async function authPlugin(app: FastifyInstance, { db, clock, isSecure, stylesheet, language }: AuthPluginOptions): Promise<void> {
  await app.register(cookie);
  await app.register(formbody, { parser: parseFormBody });
  app.decorateRequest('user', null);
  app.decorateRequest('newsroom', null);

  const contentSecurityPolicy = [
    "default-src 'none'",
    `style-src 'self' ${stylesheet.cspHash}`,
    "script-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Static files are the same for everyone (and cached for a year): no session, no cookie.
    if (!isNewsroomRequest(request) || request.routeOptions.config.isStaticAsset) return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await findActiveSession(db, token, clock.now()) : undefined;
    if (token && !session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const preSession = request.cookies[PRE_SESSION_CSRF_COOKIE];
    let csrfToken = session?.csrfToken ?? (preSession && TOKEN_SHAPE.test(preSession) ? preSession : undefined);
    request.user = session?.user ?? null;
    request.newsroom = {
      sessionId: session?.id ?? null,
      csrfToken: () => {
        if (csrfToken) return csrfToken;
        csrfToken = generateToken();
        reply.setCookie(PRE_SESSION_CSRF_COOKIE, csrfToken, { path: '/newsroom/', httpOnly: true, sameSite: 'lax', secure: isSecure });
        return csrfToken;
      },
      css: stylesheet.css,
      language,
    };
    refuseNonFormBody(request);
  });

  // preHandler: after the body is parsed, before any route handler.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (!request.newsroom || !UNSAFE_METHODS.has(request.method)) return;
    const supplied = suppliedCsrfToken(request);
    // A pre-session token only counts when it came back in its cookie (double submit).
    const expected = request.newsroom.sessionId ? request.newsroom.csrfToken() : request.cookies[PRE_SESSION_CSRF_COOKIE];
    if (!supplied || !expected || !isSameSecret(supplied, expected)) {
      throw new AppError('CSRF_INVALID', 'forbidden', 'This form has expired or was sent from another site. Go back, reload the page and try again.');
    }
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (!isNewsroomRequest(request)) return payload;
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', contentSecurityPolicy);
    }
    return payload;
  });
}

// Not encapsulated: the hooks and decorations apply to the registering plugin (what fastify-plugin does).
(authPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
