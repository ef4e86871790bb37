import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { emptyForm, formValues } from '../ui/form-fields.js';
import { newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';
import { SESSION_COOKIE } from './auth-plugin.js';
import { checkResetToken, resetPasswordWithToken } from './password-reset.js';
import { ResetPage } from './views/reset-page.js';

/** What the reset page needs. */
export interface PasswordResetRoutesOptions {
  writer: Writer;
  clock: Clock;
}

/** /newsroom/reset/?token=: the page a one-time reset link opens, signed in or not. */
export const passwordResetRoutes: FastifyPluginAsync<PasswordResetRoutesOptions> = async (app, { writer, clock }) => {
  app.get<{ Querystring: { token?: string } }>('/newsroom/reset/', async (request, reply) => {
    const token = String(request.query.token ?? '');
    const user = await checkResetToken(writer.db, token, clock.now());
    return sendNewsroomPage(reply, <ResetPage page={newsroomPageContext(request)} token={token} name={user.name} form={emptyForm()} />);
  });

  app.post('/newsroom/reset/', async (request, reply) => {
    const values = formValues(request.body);
    const token = values.token ?? '';
    const now = clock.now();
    const user = await checkResetToken(writer.db, token, now);
    try {
      await resetPasswordWithToken(writer, token, { password: values.password ?? '', passwordConfirm: values.passwordConfirm ?? '' }, now);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      return sendNewsroomPage(reply, <ResetPage page={newsroomPageContext(request)} token={token} name={user.name} form={{ values: {}, errors: error.details }} />, 400);
    }
    // Every session of the account ended: this browser's cookie too, if it was one of them.
    if (request.user?.id === user.id) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/newsroom/sign-in/?reset', 303);
  });
};
