import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { can, type Action, type NewsroomUser, type StoryAccess } from './permissions.js';

/** The signed-in user, or AppError UNAUTHENTICATED (pages answer it with a redirect to sign in). */
export function requireUser(request: FastifyRequest): NewsroomUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'Sign in to use the newsroom.');
  return request.user;
}

/** The signed-in user if they may do the action (to the story), else AppError FORBIDDEN. */
export function requirePermission(request: FastifyRequest, action: Action, story?: StoryAccess): NewsroomUser {
  const user = requireUser(request);
  if (!can(user, action, story)) {
    throw new AppError('FORBIDDEN', 'forbidden', `Your role (${user.role}) does not allow this (${action}). Ask an editor or an admin.`);
  }
  return user;
}
