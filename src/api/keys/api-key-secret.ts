import { createHash, randomBytes } from 'node:crypto';

// An API key is a bearer secret: "fsk_" and 256 random bits in URL-safe base64. The prefix makes a
// leaked key recognisable to secret scanners and people; only its SHA-256 is stored (the secret
// has full entropy, so a fast hash is enough: there is nothing to guess from a dictionary).

const SECRET_PREFIX = 'fsk_';
const SECRET_SHAPE = /^fsk_[A-Za-z0-9_-]{43}$/;
/** How much of a secret lists show, to tell keys apart: "fsk_" and 8 more characters. */
const SHOWN_LENGTH = 12;

/** A new key's secret, its stored hash and the prefix lists show. */
export interface NewApiKeySecret {
  secret: string;
  hash: string;
  prefix: string;
}

/** Makes a new secret. */
export function generateApiKeySecret(): NewApiKeySecret {
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKeySecret(secret), prefix: secret.slice(0, SHOWN_LENGTH) };
}

/** The SHA-256 (hex) of a secret: what the database keeps. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a string has the shape of a secret this API issues (checked before any lookup). */
export function isApiKeySecretShape(value: string): boolean {
  return SECRET_SHAPE.test(value);
}
