import { describe, expect, test } from 'vitest';
import { AppError } from '../../errors.js';
import { checkNewPassword } from './password-change.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

function detailsOf(password: string, passwordConfirm: string): Record<string, string> {
  try {
    checkNewPassword({ password, passwordConfirm });
  } catch (error) {
    if (error instanceof AppError && error.code === 'PASSWORD_INVALID') return error.details;
    throw error;
  }
  return {};
}

describe('checkNewPassword', () => {
  test('takes a password within the length limits typed the same twice', () => {
    const shortest = 'p'.repeat(MIN_PASSWORD_LENGTH);
    expect(checkNewPassword({ password: shortest, passwordConfirm: shortest })).toBe(shortest);
    expect(detailsOf('p'.repeat(MAX_PASSWORD_LENGTH), 'p'.repeat(MAX_PASSWORD_LENGTH))).toEqual({});
  });

  test('names the field: too short, too long, or typed differently', () => {
    expect(detailsOf('short', 'short')).toEqual({ password: `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.` });
    expect(detailsOf('p'.repeat(MAX_PASSWORD_LENGTH + 1), 'p'.repeat(MAX_PASSWORD_LENGTH + 1))).toEqual({ password: `Use a password of at most ${MAX_PASSWORD_LENGTH} characters.` });
    expect(detailsOf('a long enough password', 'a long enough passw0rd')).toEqual({ passwordConfirm: 'The two passwords differ; type the same password twice.' });
  });
});
