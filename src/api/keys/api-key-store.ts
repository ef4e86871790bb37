import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { formatApiKeyScopes, parseApiKeyScopes, type ApiKeyScope } from './api-key-scopes.js';

/** An API key as the newsroom lists it (never its secret). */
export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  createdByName: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
  scopes: ApiKeyScope[];
}

/** A key that may be used: what a request is answered under. */
export interface ActiveApiKey {
  id: number;
  name: string;
  scopes: ApiKeyScope[];
}

/** What a stored secret says about a request's key. */
export type ApiKeyLookup = { status: 'active'; key: ActiveApiKey } | { status: 'revoked'; key: ActiveApiKey; revokedAt: string } | { status: 'unknown' };

/** Every key, newest first, with who issued and revoked it. */
export async function listApiKeys(db: Kysely<Schema>): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .leftJoin('users as creator', 'creator.id', 'api_keys.created_by_user_id')
    .leftJoin('users as revoker', 'revoker.id', 'api_keys.revoked_by_user_id')
    .select(['api_keys.id', 'api_keys.name', 'api_keys.prefix', 'api_keys.created_at', 'api_keys.revoked_at', 'api_keys.scopes', 'creator.name as created_by_name', 'revoker.name as revoked_by_name'])
    .orderBy('api_keys.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    revokedAt: row.revoked_at,
    revokedByName: row.revoked_by_name,
    scopes: parseApiKeyScopes(row.scopes),
  }));
}

/** Stores a new key (its secret's hash); returns its id. */
export async function insertApiKey(
  trx: Kysely<Schema>,
  key: { name: string; prefix: string; secretHash: string; createdByUserId: number | null; createdAt: string; scopes: readonly ApiKeyScope[] },
): Promise<number> {
  const row = await trx
    .insertInto('api_keys')
    .values({ name: key.name, prefix: key.prefix, secret_hash: key.secretHash, created_by_user_id: key.createdByUserId, created_at: key.createdAt, scopes: formatApiKeyScopes(key.scopes) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Revokes a key that is not revoked yet; returns the key's name when this call revoked it, undefined otherwise (unknown or already revoked). */
export async function revokeApiKey(trx: Kysely<Schema>, id: number, revokedByUserId: number | null, revokedAt: string): Promise<string | undefined> {
  const row = await trx
    .updateTable('api_keys')
    .set({ revoked_at: revokedAt, revoked_by_user_id: revokedByUserId })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('name')
    .executeTakeFirst();
  return row?.name;
}

/** The key a secret's hash names: active, revoked, or unknown. One indexed read per request, so a revoke applies to the next request on every instance. */
export async function lookUpApiKey(db: Kysely<Schema>, secretHash: string): Promise<ApiKeyLookup> {
  const row = await db.selectFrom('api_keys').select(['id', 'name', 'revoked_at', 'scopes']).where('secret_hash', '=', secretHash).executeTakeFirst();
  if (!row) return { status: 'unknown' };
  const key = { id: Number(row.id), name: row.name, scopes: parseApiKeyScopes(row.scopes) };
  return row.revoked_at ? { status: 'revoked', key, revokedAt: row.revoked_at } : { status: 'active', key };
}
