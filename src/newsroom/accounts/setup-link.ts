import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import { lockUntilCommit, type Database, type Schema } from '../../storage/index.js';
import { generateToken, hashToken } from './tokens.js';
import { createUser } from './user-service.js';
import { hasUsers, type UserAccount } from './user-store.js';

/** A setup link works for this long after it was printed. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** The path of the setup page for a token. */
export function setupPath(token: string): string {
  return `/newsroom/setup/?token=${encodeURIComponent(token)}`;
}

/**
 * On a database without users, makes a fresh one-time setup token (earlier unused ones stop
 * working) and returns it; with users, returns null. Only the token's hash is stored.
 */
export async function issueSetupToken(db: Kysely<Schema>, now: Date): Promise<string | null> {
  if (await hasUsers(db)) return null;
  const token = generateToken();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
    await trx.insertInto('setup_tokens').values({ token_hash: hashToken(token), created_at: now.toISOString(), used_at: null }).execute();
  });
  return token;
}

/** What a first start does about the owner account: print a new link, point at an earlier one, or nothing. */
export type FirstStartSetup = { kind: 'issued'; token: string } | { kind: 'pending'; issuedAt: string } | { kind: 'has-users' };

/**
 * The setup link of a first start: issued only when there is no account and no live link yet,
 * decided in one write transaction under the first-start lock, so of several servers starting at
 * once one prints a link (that works) instead of each printing one that the next invalidates.
 */
export async function issueFirstStartSetupToken({ db, dialect }: Pick<Database, 'db' | 'dialect'>, now: Date): Promise<FirstStartSetup> {
  return db.transaction().execute(async (trx) => {
    await lockUntilCommit(trx, dialect, 'first-start');
    if (await hasUsers(trx)) return { kind: 'has-users' } as const;
    const live = await trx
      .selectFrom('setup_tokens')
      .select('created_at')
      .where('used_at', 'is', null)
      .where('created_at', '>', new Date(now.getTime() - SETUP_TOKEN_TTL_MS).toISOString())
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (live) return { kind: 'pending', issuedAt: live.created_at } as const;
    const token = generateToken();
    await trx.insertInto('setup_tokens').values({ token_hash: hashToken(token), created_at: now.toISOString(), used_at: null }).execute();
    return { kind: 'issued', token } as const;
  });
}

function setupRefused(): AppError {
  return new AppError(
    'SETUP_LINK_INVALID',
    'not_found',
    'This setup link is not valid: it was used already, has expired, or the newsroom has its owner. Sign in, or run `fortune-sky user create`.',
  );
}

/** Throws SETUP_LINK_INVALID unless the token is unused, unexpired and no account exists yet. */
export async function checkSetupToken(db: Kysely<Schema>, token: string, now: Date): Promise<void> {
  const row = token ? await db.selectFrom('setup_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst() : undefined;
  if (!row || row.used_at !== null || Date.parse(row.created_at) + SETUP_TOKEN_TTL_MS <= now.getTime() || (await hasUsers(db))) {
    throw setupRefused();
  }
}

/** Creates the owner (an admin) with a setup token, spending the token in the same transaction. */
export async function createOwnerWithSetupToken(db: Kysely<Schema>, token: string, input: Record<string, unknown>, now: Date): Promise<UserAccount> {
  await checkSetupToken(db, token, now);
  return createUser(db, { ...input, role: 'admin' }, { actorUserId: null, now, via: 'setup' }, async (trx) => {
    const spent = await trx
      .updateTable('setup_tokens')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    // Two tabs racing with one link: only the first spends it.
    if (Number(spent.numUpdatedRows) !== 1 || (await hasUsers(trx))) throw setupRefused();
  });
}
