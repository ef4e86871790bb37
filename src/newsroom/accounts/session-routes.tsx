import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { emptyForm, formValues } from '../ui/form-fields.js';
import { safeNextPath } from '../ui/error-reply.js';
import { newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';
import { SESSION_COOKIE, sessionCookieOptions } from './auth-plugin.js';
import type { LoginAttempts } from './login-rate-limit.js';
import { checkSetupToken, createOwnerWithSetupToken } from './setup-link.js';
import { signIn, signOut, type SignedIn } from './sign-in-service.js';
import { createSession } from './session-store.js';
import { parseUserInput } from './user-service.js';
import { SetupPage } from './views/setup-page.js';
import { SignInPage } from './views/sign-in-page.js';

/** What sign-in, sign-out and setup need. */
export interface SessionRoutesOptions {
  db: Kysely<Schema>;
  clock: Clock;
  limiter: LoginAttempts;
  isSecure: boolean;
}

/** Sign in, sign out and the one-time setup page. */
export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, { db, clock, limiter, isSecure }) => {
  function startSession(reply: FastifyReply, session: Pick<SignedIn, 'token' | 'expiresAt'>, next: string) {
    const maxAge = Math.floor((session.expiresAt.getTime() - clock.now().getTime()) / 1000);
    reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(isSecure, maxAge));
    return reply.redirect(next, 303);
  }

  app.get<{ Querystring: { next?: string; signedOut?: string; reset?: string } }>('/newsroom/sign-in/', async (request, reply) => {
    const next = safeNextPath(request.query.next);
    if (request.user) return reply.redirect(next, 303);
    const notice =
      request.query.reset !== undefined ? 'Your password was changed and every session signed out. Sign in with the new password.' : request.query.signedOut !== undefined ? 'You have signed out.' : undefined;
    return sendNewsroomPage(reply, <SignInPage page={newsroomPageContext(request)} form={emptyForm()} next={next} notice={notice} />);
  });

  app.post('/newsroom/sign-in/', async (request, reply) => {
    const values = formValues(request.body);
    const next = safeNextPath(values.next);
    const page = newsroomPageContext(request);
    const errors: Record<string, string> = {};
    if (!values.email?.trim()) errors.email = 'Enter your email address.';
    if (!values.password) errors.password = 'Enter your password.';
    const form = { values: { email: values.email ?? '' }, errors };
    if (Object.keys(errors).length > 0) return sendNewsroomPage(reply, <SignInPage page={page} form={form} next={next} />, 400);
    try {
      const session = await signIn(db, limiter, { email: values.email!, password: values.password!, address: request.ip }, clock.now());
      return startSession(reply, session, next);
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'LOGIN_FAILED' && error.code !== 'LOGIN_RATE_LIMITED')) throw error;
      const status = error.code === 'LOGIN_RATE_LIMITED' ? 429 : 400;
      return sendNewsroomPage(reply, <SignInPage page={page} form={form} next={next} problem={error.message} />, status);
    }
  });

  app.post('/newsroom/sign-out/', async (request, reply) => {
    const user = request.user;
    const sessionId = request.newsroom?.sessionId;
    if (user && sessionId) await signOut(db, { sessionId, userId: user.id }, clock.now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/newsroom/sign-in/?signedOut', 303);
  });

  app.get<{ Querystring: { token?: string } }>('/newsroom/setup/', async (request, reply) => {
    const token = String(request.query.token ?? '');
    await checkSetupToken(db, token, clock.now());
    return sendNewsroomPage(reply, <SetupPage page={newsroomPageContext(request)} token={token} form={emptyForm()} />);
  });

  app.post('/newsroom/setup/', async (request, reply) => {
    const values = formValues(request.body);
    const token = values.token ?? '';
    const now = clock.now();
    await checkSetupToken(db, token, now);
    const form = { values: { name: values.name ?? '', email: values.email ?? '' }, errors: {} as Record<string, string> };
    try {
      parseUserInput({ ...values, role: 'admin' });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      form.errors = { ...error.details };
    }
    if ((values.password ?? '') !== (values.passwordConfirm ?? '')) form.errors.passwordConfirm = 'The two passwords differ; type the same password twice.';
    try {
      if (Object.keys(form.errors).length > 0) throw new AppError('USER_INVALID', 'invalid', 'Check the form.', form.errors);
      const owner = await createOwnerWithSetupToken(db, token, values, now);
      const session = await createSession(db, owner.id, now);
      return startSession(reply, session, '/newsroom/');
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      form.errors = { ...error.details, ...form.errors };
      return sendNewsroomPage(reply, <SetupPage page={newsroomPageContext(request)} token={token} form={form} />, 400);
    }
  });
};
