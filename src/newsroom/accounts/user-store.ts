import type { Kysely, Selectable } from 'kysely';
import type { Schema, UsersTable } from '../../storage/index.js';
import { isRole, type NewsroomUser, type Role } from './permissions.js';

/** A user account as administration sees it. */
export interface UserAccount extends NewsroomUser {
  disabledAt: string | null;
  createdAt: string;
}

/** An account with its password hash, for signing in only. */
export interface UserCredentials extends UserAccount {
  passwordHash: string;
}

function fromRow(row: Selectable<UsersTable>): UserCredentials {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'contributor',
    authorId: row.author_id,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}

function withoutSecret({ passwordHash: _passwordHash, ...account }: UserCredentials): UserAccount {
  return account;
}

/** Emails are compared without case and surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether any account exists (a first start has none). */
export async function hasUsers(db: Kysely<Schema>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The account with this email, with its password hash. */
export async function findCredentialsByEmail(db: Kysely<Schema>, email: string): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
  return row && fromRow(row);
}

/** The account with this id. */
export async function findUserById(db: Kysely<Schema>, id: number): Promise<UserAccount | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && withoutSecret(fromRow(row));
}

/** Whether an account uses this email. */
export async function isEmailTaken(db: Kysely<Schema>, email: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('email', '=', normalizeEmail(email)).executeTakeFirst()) !== undefined;
}

/** Every account, by name. */
export async function listUsers(db: Kysely<Schema>): Promise<UserAccount[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map((row) => withoutSecret(fromRow(row)));
}

/** Inserts an account; returns its id. */
export async function insertUser(
  trx: Kysely<Schema>,
  user: { email: string; name: string; role: Role; passwordHash: string; authorId: number | null; createdAt: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('users')
    .values({
      email: normalizeEmail(user.email),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      author_id: user.authorId,
      disabled_at: null,
      created_at: user.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Changes an account's role. */
export async function updateUserRole(trx: Kysely<Schema>, id: number, role: Role): Promise<void> {
  await trx.updateTable('users').set({ role }).where('id', '=', id).execute();
}

/** Disables (a time) or re-enables (null) an account. */
export async function updateUserDisabled(trx: Kysely<Schema>, id: number, disabledAt: string | null): Promise<void> {
  await trx.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
}

/** The account with this id, with its password hash (to check the current password). */
export async function findCredentialsById(db: Kysely<Schema>, id: number): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** Replaces an account's password hash. */
export async function updateUserPassword(trx: Kysely<Schema>, id: number, passwordHash: string): Promise<void> {
  await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}
