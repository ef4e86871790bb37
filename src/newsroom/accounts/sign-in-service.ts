import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit } from './audit-log.js';
import type { LoginAttempts } from './login-rate-limit.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.js';
import { createSession, deleteSession } from './session-store.js';
import { findCredentialsByEmail, normalizeEmail } from './user-store.js';

/** A new session to hand to the browser. */
export interface SignedIn {
  userId: number;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const WRONG_CREDENTIALS = 'That email address and password do not match an active account. Check both and try again.';

/**
 * Checks an email and password and opens a session. Refuses with LOGIN_RATE_LIMITED when the
 * attempt limits are reached (login-rate-limit.ts), LOGIN_FAILED otherwise. Every outcome is audited.
 */
export async function signIn(
  db: Kysely<Schema>,
  limiter: LoginAttempts,
  { email, password, address }: { email: string; password: string; address: string },
  now: Date,
): Promise<SignedIn> {
  const account = normalizeEmail(email);
  // Counted before the password is hashed, atomically in the database: concurrent attempts (from
  // any process) cannot all pass the check while hashing.
  const attempt = await limiter.begin(account, address);
  if (!attempt) {
    await recordAudit(db, { actorUserId: null, action: 'session.sign_in_refused', subject: `email:${account}`, detail: { address, reason: 'rate_limited' } }, now);
    throw new AppError(
      'LOGIN_RATE_LIMITED',
      'rate_limited',
      'Too many failed sign-ins for this account or from this address. Wait a minute, then try again.',
    );
  }
  const user = account ? await findCredentialsByEmail(db, account) : undefined;
  // Unknown accounts cost a hash too, so timing does not tell which emails exist.
  const isMatch = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !isMatch || user.disabledAt !== null) {
    await recordAudit(
      db,
      { actorUserId: null, action: 'session.sign_in_failed', subject: user ? `user:${user.id}` : `email:${account}`, detail: { address, reason: !user ? 'unknown_account' : !isMatch ? 'wrong_password' : 'disabled' } },
      now,
    );
    throw new AppError('LOGIN_FAILED', 'invalid', WRONG_CREDENTIALS, { password: WRONG_CREDENTIALS });
  }
  await attempt.succeeded();
  return db.transaction().execute(async (trx) => {
    const session = await createSession(trx, user.id, now);
    await recordAudit(trx, { actorUserId: user.id, action: 'session.signed_in', subject: `user:${user.id}`, detail: { address } }, now);
    return { userId: user.id, ...session };
  });
}

/** Ends a session and audits it. */
export async function signOut(db: Kysely<Schema>, { sessionId, userId }: { sessionId: string; userId: number }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    await recordAudit(trx, { actorUserId: userId, action: 'session.signed_out', subject: `user:${userId}` }, now);
  });
}

/**
 * Ends every session of a user, on every instance (sessions live in the database), the one asking
 * too when it is the user's own; audited. Returns how many ended.
 */
export async function signOutEverywhere(writer: Writer, { userId, actorUserId }: { userId: number; actorUserId: number }, now: Date): Promise<number> {
  return writer.run(now, async ({ trx }) => {
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(trx, { actorUserId, action: 'session.signed_out_everywhere', subject: `user:${userId}`, detail: { sessionsEnded } }, now);
    return sessionsEnded;
  });
}
