import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit } from './audit-log.js';
import { checkNewPassword, type NewPassword } from './password-change.js';
import { hashPassword } from './passwords.js';
import { generateToken, hashToken } from './tokens.js';
import { findUserById, updateUserPassword, type UserAccount } from './user-store.js';

/** A password reset link works once, for this long after an admin issued it. */
export const RESET_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** The path of the reset page for a token (the request log redacts `token`). */
export function resetPath(token: string): string {
  return `/newsroom/reset/?token=${encodeURIComponent(token)}`;
}

/** Who issues a link, and how (`admin` on the user's page, `cli`). */
export interface ResetIssuer {
  actorUserId: number | null;
  via: 'admin' | 'cli';
}

/**
 * Issues a one-time reset link for an enabled account and returns its token (shown once: only the
 * hash is stored). Links issued earlier for the account and not used stop working.
 */
export async function issueResetLink(writer: Writer, userId: number, issuer: ResetIssuer, now: Date): Promise<{ token: string; user: UserAccount }> {
  const user = await findUserById(writer.db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'not_found', 'There is no such user; the list may be out of date. Reload it.');
  if (user.disabledAt !== null) throw new AppError('USER_DISABLED', 'conflict', `${user.name}'s account is disabled: enable it first, then issue a reset link.`);
  const token = generateToken();
  await writer.run(now, async ({ trx }) => {
    await trx.deleteFrom('password_reset_tokens').where('user_id', '=', userId).where('used_at', 'is', null).execute();
    await trx.insertInto('password_reset_tokens').values({ token_hash: hashToken(token), user_id: userId, created_at: now.toISOString(), used_at: null }).execute();
    await recordAudit(trx, { actorUserId: issuer.actorUserId, action: 'user.reset_link_issued', subject: `user:${userId}`, detail: { via: issuer.via } }, now);
  });
  return { token, user };
}

function resetRefused(): AppError {
  return new AppError(
    'RESET_LINK_INVALID',
    'not_found',
    'This password reset link is not valid: it was used already, has expired, or a newer link replaced it. Ask an admin for a new one.',
  );
}

const oldestLiveIssue = (now: Date) => new Date(now.getTime() - RESET_TOKEN_TTL_MS).toISOString();

/** The enabled account a live (unused, unexpired) reset token opens, or RESET_LINK_INVALID. */
export async function checkResetToken(db: Kysely<Schema>, token: string, now: Date): Promise<UserAccount> {
  const row = token
    ? await db
        .selectFrom('password_reset_tokens')
        .select('user_id')
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('created_at', '>', oldestLiveIssue(now))
        .executeTakeFirst()
    : undefined;
  const user = row && (await findUserById(db, Number(row.user_id)));
  if (!user || user.disabledAt !== null) throw resetRefused();
  return user;
}

/**
 * Sets a new password with a reset token and ends every session of the account. The token is spent
 * by one conditional update whose row count decides, in the transaction that sets the password:
 * of two uses at once, one sets it and the other is refused.
 */
export async function resetPasswordWithToken(writer: Writer, token: string, newPassword: NewPassword, now: Date): Promise<UserAccount> {
  const user = await checkResetToken(writer.db, token, now);
  const passwordHash = await hashPassword(checkNewPassword(newPassword));
  await writer.run(now, async ({ trx }) => {
    const spent = await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', hashToken(token))
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .where('created_at', '>', oldestLiveIssue(now))
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw resetRefused();
    await updateUserPassword(trx, user.id, passwordHash);
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', user.id).executeTakeFirst();
    await recordAudit(trx, { actorUserId: user.id, action: 'user.password_reset', subject: `user:${user.id}`, detail: { sessionsEnded: Number(ended.numDeletedRows) } }, now);
  });
  return user;
}
