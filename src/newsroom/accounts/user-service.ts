import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createAuthorForAccount } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { recordAudit } from './audit-log.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';
import { ROLES, type Role } from './permissions.js';
import { deleteUserSessions } from './session-store.js';
import { findUserById, insertUser, isEmailTaken, normalizeEmail, updateUserDisabled, updateUserRole, type UserAccount } from './user-store.js';

/** What creating an account takes, from a form, the command line or the setup page. */
export const UserInputSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter an email address.')
    .max(254, 'Use an email address of at most 254 characters.')
    .pipe(z.email('Enter an email address like name@example.com.')),
  name: z.string().trim().min(1, 'Enter a name.').max(200, 'Use a name of at most 200 characters.'),
  role: z.enum(ROLES, { message: `Choose a role: ${ROLES.join(', ')}.` }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Use a password of at most ${MAX_PASSWORD_LENGTH} characters.`),
});

/** Checked input for a new account. */
export type UserInput = z.infer<typeof UserInputSchema>;

/** Who is acting and when. */
export interface ActorContext {
  actorUserId: number | null;
  now: Date;
  /** How the change was made (`admin`, `cli`, `setup`), kept in the audit row. */
  via?: string;
}

/** Checks input against UserInputSchema; throws USER_INVALID with a message per field. */
export function parseUserInput(input: Record<string, unknown>): UserInput {
  const parsed = UserInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    details[field] ??= issue.message;
  }
  throw new AppError('USER_INVALID', 'invalid', `Check the highlighted fields: ${Object.values(details).join(' ')}`, details);
}

function emailTaken(): AppError {
  return new AppError('EMAIL_TAKEN', 'invalid', 'An account with this email address already exists.', {
    email: 'An account with this email address already exists.',
  });
}

/**
 * Creates an account with its own byline (a new author of the same name, linked by id) in one
 * transaction with its audit row. `beforeInsert` runs inside that transaction (the setup page
 * uses it to spend its link).
 */
export async function createUser(
  db: Kysely<Schema>,
  input: Record<string, unknown>,
  context: ActorContext,
  beforeInsert?: (trx: Kysely<Schema>) => Promise<void>,
): Promise<UserAccount> {
  const checked = parseUserInput(input);
  if (await isEmailTaken(db, checked.email)) throw emailTaken();
  const passwordHash = await hashPassword(checked.password);
  const id = await db.transaction().execute(async (trx) => {
    await beforeInsert?.(trx);
    if (await isEmailTaken(trx, checked.email)) throw emailTaken();
    // A new person gets a new byline even if someone of that name writes here: ownership follows this link, never the name.
    const author = await createAuthorForAccount(trx, checked.name, context.now);
    const userId = await insertUser(trx, { ...checked, passwordHash, authorId: author.id, createdAt: context.now.toISOString() });
    await recordAudit(
      trx,
      {
        actorUserId: context.actorUserId ?? userId,
        action: 'user.created',
        subject: `user:${userId}`,
        detail: { email: normalizeEmail(checked.email), role: checked.role, via: context.via ?? 'admin' },
      },
      context.now,
    );
    return userId;
  });
  return (await findUserById(db, id))!;
}

async function requireOtherUser(db: Kysely<Schema>, userId: number, context: ActorContext, what: string): Promise<UserAccount> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'not_found', 'There is no such user; the list may be out of date. Reload it.');
  // Only admins manage users, so an admin who cannot change themselves always leaves one admin behind.
  if (user.id === context.actorUserId) {
    throw new AppError('CANNOT_CHANGE_SELF', 'invalid', `You cannot ${what} your own account; ask another admin.`);
  }
  return user;
}

/** Gives a user another role; their sessions end so the new role applies at once. */
export async function changeUserRole(db: Kysely<Schema>, userId: number, role: string, context: ActorContext): Promise<UserAccount> {
  const parsed = UserInputSchema.shape.role.safeParse(role);
  if (!parsed.success) throw new AppError('INVALID_ROLE', 'invalid', parsed.error.issues[0]!.message, { role: parsed.error.issues[0]!.message });
  const user = await requireOtherUser(db, userId, context, 'change the role of');
  if (user.role === parsed.data) return user;
  await db.transaction().execute(async (trx) => {
    await updateUserRole(trx, userId, parsed.data);
    await deleteUserSessions(trx, userId);
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'user.role_changed', subject: `user:${userId}`, detail: { from: user.role, to: parsed.data } }, context.now);
  });
  return { ...user, role: parsed.data as Role };
}

/** Disables (signs out and keeps out) or re-enables a user. Accounts are never deleted: bylines and audit rows keep their links. */
export async function setUserDisabled(db: Kysely<Schema>, userId: number, isDisabled: boolean, context: ActorContext): Promise<UserAccount> {
  const user = await requireOtherUser(db, userId, context, isDisabled ? 'disable' : 'enable');
  if ((user.disabledAt !== null) === isDisabled) return user;
  const disabledAt = isDisabled ? context.now.toISOString() : null;
  await db.transaction().execute(async (trx) => {
    await updateUserDisabled(trx, userId, disabledAt);
    if (isDisabled) await deleteUserSessions(trx, userId);
    await recordAudit(trx, { actorUserId: context.actorUserId, action: isDisabled ? 'user.disabled' : 'user.enabled', subject: `user:${userId}` }, context.now);
  });
  return { ...user, disabledAt };
}
