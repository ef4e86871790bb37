import type { Kysely } from 'kysely';
import { z } from 'zod';
import { generateApiKeySecret, insertApiKey, revokeApiKey, type ApiKeyScope } from '../../api/keys/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { recordAudit, type ActorContext } from '../accounts/index.js';

/** What issuing a key takes from the form. */
export const ApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'Say who or what the key is for.').max(200, 'Use a name of at most 200 characters.'),
  /** The "Push market quotes" box: a ticked checkbox sends "on". */
  pushQuotes: z.literal('on').optional(),
});

/** A key just issued: the only moment its secret exists outside the caller's hands. */
export interface IssuedApiKey {
  id: number;
  name: string;
  prefix: string;
  secret: string;
  scopes: ApiKeyScope[];
}

/** Issues a key (stored as its secret's hash) with its audit row in one transaction; the secret is returned once, to be shown once. */
export async function issueApiKey(db: Kysely<Schema>, input: Record<string, unknown>, context: ActorContext): Promise<IssuedApiKey> {
  const parsed = ApiKeyInputSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    throw new AppError('API_KEY_NAME_INVALID', 'invalid', message, { name: message });
  }
  const { name, pushQuotes } = parsed.data;
  const scopes: ApiKeyScope[] = pushQuotes ? ['read', 'markets:write'] : ['read'];
  const { secret, hash, prefix } = generateApiKeySecret();
  const id = await db.transaction().execute(async (trx) => {
    const keyId = await insertApiKey(trx, { name, prefix, secretHash: hash, createdByUserId: context.actorUserId, createdAt: context.now.toISOString(), scopes });
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'api_key.issued', subject: `api_key:${keyId}`, detail: { name, prefix, scopes } }, context.now);
    return keyId;
  });
  return { id, name, prefix, secret, scopes };
}

/** Revokes a key with its audit row; the next request with it, on any instance, is refused. Revoking a revoked key changes nothing. */
export async function revokeApiKeyById(db: Kysely<Schema>, keyId: number, context: ActorContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const name = await revokeApiKey(trx, keyId, context.actorUserId, context.now.toISOString());
    if (name === undefined) return;
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'api_key.revoked', subject: `api_key:${keyId}`, detail: { name } }, context.now);
  });
}
