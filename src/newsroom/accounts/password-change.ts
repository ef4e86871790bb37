import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { recordAudit } from './audit-log.js';
import type { LoginAttempts } from './login-rate-limit.js';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { UserInputSchema } from './user-service.js';
import { findCredentialsById, updateUserPassword } from './user-store.js';

/** A new password as typed twice on a form. */
export interface NewPassword {
  password: string;
  passwordConfirm: string;
}

/** Checks a new password by the rules of account creation, typed the same twice; throws PASSWORD_INVALID with a message per field. */
export function checkNewPassword({ password, passwordConfirm }: NewPassword): string {
  const errors: Record<string, string> = {};
  const parsed = UserInputSchema.shape.password.safeParse(password);
  if (!parsed.success) errors.password = parsed.error.issues[0]!.message;
  else if (password !== passwordConfirm) errors.passwordConfirm = 'The two passwords differ; type the same password twice.';
  if (Object.keys(errors).length > 0) throw new AppError('PASSWORD_INVALID', 'invalid', `Check the highlighted fields: ${Object.values(errors).join(' ')}`, errors);
  return password;
}

const WRONG_CURRENT = 'That is not your current password. Type it again.';

/**
 * Changes a signed-in user's own password. The current password is checked under the sign-in
 * limits (a stolen session must not become a password-guessing oracle); on success every other
 * session of the user ends, the one making the change stays, and any reset link still open stops
 * working. Refuses with LOGIN_RATE_LIMITED, PASSWORD_WRONG or PASSWORD_INVALID (400s but the first).
 */
export async function changeOwnPassword(
  writer: Writer,
  limiter: LoginAttempts,
  { userId, sessionId, address, currentPassword, newPassword }: { userId: number; sessionId: string; address: string; currentPassword: string; newPassword: NewPassword },
  now: Date,
): Promise<{ sessionsEnded: number }> {
  const password = checkNewPassword(newPassword);
  const attempt = await limiter.begin(`password-change:user:${userId}`, address);
  if (!attempt) {
    throw new AppError('LOGIN_RATE_LIMITED', 'rate_limited', 'Too many wrong passwords from this account or address. Wait a minute, then try again.');
  }
  const user = await findCredentialsById(writer.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'Sign in to use the newsroom.');
  // No password longer than the limit was ever set, so a longer one is wrong without hashing it.
  const isMatch = currentPassword.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(currentPassword, user.passwordHash));
  if (!isMatch) {
    await recordAudit(writer.db, { actorUserId: userId, action: 'user.password_change_failed', subject: `user:${userId}`, detail: { address } }, now);
    throw new AppError('PASSWORD_WRONG', 'invalid', WRONG_CURRENT, { currentPassword: WRONG_CURRENT });
  }
  await attempt.succeeded();
  const passwordHash = await hashPassword(password);
  return writer.run(now, async ({ trx }) => {
    await updateUserPassword(trx, userId, passwordHash);
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', sessionId).executeTakeFirst();
    await trx.deleteFrom('password_reset_tokens').where('user_id', '=', userId).where('used_at', 'is', null).execute();
    const sessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(trx, { actorUserId: userId, action: 'user.password_changed', subject: `user:${userId}`, detail: { via: 'self', sessionsEnded } }, now);
    return { sessionsEnded };
  });
}
