import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { isRole, type NewsroomUser } from './permissions.js';
import { generateToken, hashToken } from './tokens.js';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and at the latest this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Writing last_seen_at on every request would make each page view a write; a minute is precise enough.
const TOUCH_AFTER_MS = 60 * 1000;

/** A live session and its user. */
export interface ActiveSession {
  /** Hash of the cookie token (the row id). */
  id: string;
  csrfToken: string;
  user: NewsroomUser;
}

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(trx: Kysely<Schema>, userId: number, now: Date): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = generateToken();
  const csrfToken = generateToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await trx
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The session a cookie token names, if it is live and its user is enabled; notes the visit. */
export async function findActiveSession(db: Kysely<Schema>, token: string, now: Date): Promise<ActiveSession | undefined> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.role',
      'users.author_id',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const lastSeen = Date.parse(row.last_seen_at);
  const isExpired = Date.parse(row.expires_at) <= now.getTime() || lastSeen + SESSION_IDLE_MS <= now.getTime();
  if (isExpired || row.disabled_at !== null || !isRole(row.role)) {
    await deleteSession(db, id);
    return undefined;
  }
  if (now.getTime() - lastSeen >= TOUCH_AFTER_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return {
    id,
    csrfToken: row.csrf_token,
    user: { id: row.user_id, email: row.email, name: row.name, role: row.role, authorId: row.author_id },
  };
}

/** Ends one session (by its id, the token hash). */
export async function deleteSession(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user (disabled accounts, role changes). */
export async function deleteUserSessions(trx: Kysely<Schema>, userId: number): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
