import { describe, expect, test } from 'vitest';
import { generateApiKeySecret, hashApiKeySecret, isApiKeySecretShape } from './api-key-secret.js';

describe('API key secrets', () => {
  test('a new secret has the issued shape, a 12-character prefix and its SHA-256 as hash', () => {
    const { secret, hash, prefix } = generateApiKeySecret();
    expect(isApiKeySecretShape(secret)).toBe(true);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(prefix).toMatch(/^fsk_.{8}$/);
    expect(hash).toBe(hashApiKeySecret(secret));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateApiKeySecret().secret).not.toBe(secret);
  });

  test.each(['', 'fsk_', 'fsk_short', `fsk_${'a'.repeat(44)}`, `xyz_${'a'.repeat(43)}`, `fsk_${'a'.repeat(42)}!`])('%j is not a secret', (value) => {
    expect(isApiKeySecretShape(value)).toBe(false);
  });
});
