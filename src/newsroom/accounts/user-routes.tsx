import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { emptyForm, formValues, type FormState } from '../ui/form-fields.js';
import { doneNotice, newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';
import { requirePermission } from './guards.js';
import { changeUserRole, createUser, setUserDisabled } from './user-service.js';
import { findUserById, listUsers } from './user-store.js';
import { issueResetLink, resetPath } from './password-reset.js';
import { signOutEverywhere } from './sign-in-service.js';
import { UserPage } from './views/user-page.js';
import { AuditPage } from './views/audit-page.js';
import { UsersPage } from './views/users-page.js';
import { listAuditPage } from './audit-log.js';
import { parseRowId } from '../../row-id.js';

/** What user administration needs. */
export interface UserRoutesOptions {
  writer: Writer;
  clock: Clock;
  timeZone: string;
  /** The site's address, for the reset links shown to admins. */
  siteUrl: string;
}

const NOTICES: Record<string, string> = {
  created: 'The user was added.',
  role: 'The role was changed; their sessions ended so it applies at once.',
  disabled: 'The user was disabled and signed out. Their stories and bylines stay.',
  enabled: 'The user was enabled.',
};

/** Parses a user id from the URL; anything else is a 404. */
function userIdParam(raw: string): number {
  const id = parseRowId(raw);
  if (id === undefined) throw new AppError('USER_NOT_FOUND', 'not_found', 'There is no such user.');
  return id;
}

const USER_NOTICES: Record<string, string> = {
  'signed-out': 'Every session of this user was signed out.',
};

/**
 * /newsroom/users/ for admins: list, add, change role, disable and enable; /newsroom/users/{id}/
 * issues a reset link and signs a user out everywhere; /newsroom/audit/ shows the audit log.
 */
export const userRoutes: FastifyPluginAsync<UserRoutesOptions> = async (app, { writer, clock, timeZone, siteUrl }) => {
  const db = writer.db;

  async function requireAccount(rawId: string) {
    const user = await findUserById(db, userIdParam(rawId));
    if (!user) throw new AppError('USER_NOT_FOUND', 'not_found', 'There is no such user.');
    return user;
  }

  async function renderUsers(request: FastifyRequest, reply: FastifyReply, options: { form?: FormState; rowError?: { userId: number; message: string }; notice?: string; status?: number } = {}) {
    const users = await listUsers(db);
    return sendNewsroomPage(
      reply,
      <UsersPage page={newsroomPageContext(request)} users={users} form={options.form ?? emptyForm()} rowError={options.rowError} notice={options.notice} timeZone={timeZone} />,
      options.status,
    );
  }

  app.get<{ Querystring: { done?: string } }>('/newsroom/users/', async (request, reply) => {
    requirePermission(request, 'users.manage');
    return renderUsers(request, reply, { notice: doneNotice(request.query, NOTICES) });
  });

  app.post('/newsroom/users/', async (request, reply) => {
    const admin = requirePermission(request, 'users.manage');
    const values = formValues(request.body);
    try {
      await createUser(db, values, { actorUserId: admin.id, now: clock.now(), via: 'admin' });
      return reply.redirect('/newsroom/users/?done=created', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      const form = { values: { name: values.name ?? '', email: values.email ?? '', role: values.role ?? '' }, errors: error.details };
      return renderUsers(request, reply, { form, status: 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/newsroom/users/:id/role/', async (request, reply) => {
    const admin = requirePermission(request, 'users.manage');
    const userId = userIdParam(request.params.id);
    try {
      await changeUserRole(db, userId, formValues(request.body).role ?? '', { actorUserId: admin.id, now: clock.now() });
      return reply.redirect('/newsroom/users/?done=role', 303);
    } catch (error) {
      // A bad role is an error on that row's field; anything else (e.g. changing yourself) gets the error page.
      if (!(error instanceof AppError) || error.code !== 'INVALID_ROLE') throw error;
      return renderUsers(request, reply, { rowError: { userId, message: error.details.role ?? error.message }, status: 400 });
    }
  });

  app.get('/newsroom/audit/', async (request, reply) => {
    requirePermission(request, 'users.manage');
    const query = request.query as Record<string, unknown>;
    const kind = query.show === 'sign-in-failures' ? 'sign_in_failure' : 'event';
    const before = parseRowId(query.before);
    const [{ entries, olderBefore }, users] = await Promise.all([listAuditPage(db, { kind, before }), listUsers(db)]);
    const names = new Map(users.map((user) => [user.id, user.name]));
    return sendNewsroomPage(
      reply,
      <AuditPage page={newsroomPageContext(request)} kind={kind} entries={entries} isFirstPage={before === undefined} olderBefore={olderBefore} names={names} timeZone={timeZone} />,
    );
  });

  for (const [action, isDisabled] of [['disable', true], ['enable', false]] as const) {
    app.post<{ Params: { id: string } }>(`/newsroom/users/:id/${action}/`, async (request, reply) => {
      const admin = requirePermission(request, 'users.manage');
      await setUserDisabled(db, userIdParam(request.params.id), isDisabled, { actorUserId: admin.id, now: clock.now() });
      return reply.redirect(`/newsroom/users/?done=${action}d`, 303);
    });
  }

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/newsroom/users/:id/', async (request, reply) => {
    requirePermission(request, 'users.manage');
    const user = await requireAccount(request.params.id);
    return sendNewsroomPage(reply, <UserPage page={newsroomPageContext(request)} user={user} notice={doneNotice(request.query, USER_NOTICES)} timeZone={timeZone} />);
  });

  // The link is in this answer only (never in a URL, a redirect or the log): a reload issues none.
  app.post<{ Params: { id: string } }>('/newsroom/users/:id/reset-link/', async (request, reply) => {
    const admin = requirePermission(request, 'users.manage');
    const { token, user } = await issueResetLink(writer, userIdParam(request.params.id), { actorUserId: admin.id, via: 'admin' }, clock.now());
    return sendNewsroomPage(reply, <UserPage page={newsroomPageContext(request)} user={user} resetLink={`${siteUrl}${resetPath(token)}`} timeZone={timeZone} />);
  });

  app.post<{ Params: { id: string } }>('/newsroom/users/:id/sign-out/', async (request, reply) => {
    const admin = requirePermission(request, 'users.manage');
    const user = await requireAccount(request.params.id);
    await signOutEverywhere(writer, { userId: user.id, actorUserId: admin.id }, clock.now());
    return reply.redirect(`/newsroom/users/${user.id}/?done=signed-out`, 303);
  });
};
