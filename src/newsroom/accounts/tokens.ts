import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token (256 bits, URL-safe base64) for sessions, setup links and CSRF. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 (hex) of a token: what the database keeps instead of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function isSameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
