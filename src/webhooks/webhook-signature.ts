import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks (standardwebhooks.com): a secret is `whsec_` + base64 of random bytes; a
// message is signed as `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)), the key
// being the secret's decoded bytes. Receivers verify with any of the spec's libraries.

const SECRET_PREFIX = 'whsec_';

/** A new endpoint's signing secret: 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The `webhook-signature` header of one attempt: the message id, the attempt's time in seconds, and the exact body sent. */
export function signWebhook(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  const digest = createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${digest}`;
}

/** A new message id (the `webhook-id` header): the same on every attempt, so receivers can ignore repeats. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}
