import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { NewsroomUser } from '../accounts/permissions.js';

/** What every newsroom page needs from the request: who is signed in, the CSRF token, the stylesheet. */
export interface NewsroomPageContext {
  user: NewsroomUser | null;
  csrfToken: string;
  css: string;
  language: string;
}

/** The page context the auth plugin prepared for this request (newsroom paths only). */
export function newsroomPageContext(request: FastifyRequest): NewsroomPageContext {
  if (!request.newsroom) throw new Error(`No newsroom context on ${request.url}: only /newsroom/ and /api/newsroom/ routes have one.`);
  return { user: request.user, csrfToken: request.newsroom.csrfToken(), css: request.newsroom.css, language: request.newsroom.language };
}

/** Sends a rendered newsroom page (the auth plugin adds no-store and the CSP). */
export function sendNewsroomPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${render(page)}`);
}

/**
 * The confirmation for a form that redirected back with ?done=KEY (post/redirect/get), looked
 * up in the page's own notices; unknown keys show nothing.
 */
export function doneNotice(query: unknown, notices: Record<string, string>): string | undefined {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' && Object.hasOwn(notices, done) ? notices[done] : undefined;
}
