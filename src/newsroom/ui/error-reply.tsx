import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatusFor } from '../../errors.js';
import { toSameSitePath } from '../../same-site-path.js';
import { NewsroomLayout } from './newsroom-layout.js';
import { newsroomPageContext, sendNewsroomPage } from './page-context.js';

const TITLES: Record<number, string> = {
  400: 'Something needs fixing',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Changed by someone else',
  415: 'Not a form',
  429: 'Too many attempts',
  503: 'Unavailable',
};

/** Where sign-in sends a person back to: a newsroom path only, never another site. */
export function safeNextPath(next: unknown): string {
  const path = typeof next === 'string' ? toSameSitePath(next) : undefined;
  return path?.startsWith('/newsroom/') ? path : '/newsroom/';
}

/**
 * Answers an AppError on a newsroom page (not /api/newsroom/, which answers JSON): signed-out
 * people are sent to sign in (303, coming back afterwards), other errors get an HTML page with
 * their status and message.
 */
export function sendNewsroomError(error: AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.kind === 'unauthenticated') {
    const next = request.method === 'GET' ? safeNextPath(request.url) : '/newsroom/';
    return reply.redirect(`/newsroom/sign-in/?next=${encodeURIComponent(next)}`, 303);
  }
  const status = httpStatusFor(error.kind);
  const page = newsroomPageContext(request);
  return sendNewsroomPage(
    reply,
    <NewsroomLayout page={page} title={TITLES[status] ?? 'Something went wrong'}>
      <p>{error.message}</p>
      <p>
        <a href="/newsroom/">Go to the dashboard</a>
      </p>
    </NewsroomLayout>,
    status,
  );
}
