import { describe, expect, test } from 'vitest';
import { AppError } from '../../errors.js';
import { checkAuthorProfile, MAX_BIO_LENGTH, MAX_BYLINE_LENGTH } from './author-profile.js';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkAuthorProfile', () => {
  test('collapses runs of spaces and line breaks and keeps the photo', () => {
    expect(checkAuthorProfile({ name: '  Mara   Quill ', bio: 'Covers\n\n rates  and bonds. ', photoMediaId: 7 })).toEqual({ name: 'Mara Quill', bio: 'Covers rates and bonds.', photoMediaId: 7 });
  });

  test('refuses an empty or over-long name and an over-long bio, naming each field', () => {
    expect(refusal(() => checkAuthorProfile({ name: ' \n ', bio: 'b'.repeat(MAX_BIO_LENGTH + 1), photoMediaId: null })).details).toEqual({
      name: 'Enter the name your bylines show.',
      bio: `Use a biography of at most ${MAX_BIO_LENGTH} characters.`,
    });
    expect(refusal(() => checkAuthorProfile({ name: 'n'.repeat(MAX_BYLINE_LENGTH + 1), bio: '', photoMediaId: null })).code).toBe('PROFILE_INVALID');
    expect(checkAuthorProfile({ name: 'n'.repeat(MAX_BYLINE_LENGTH), bio: 'b'.repeat(MAX_BIO_LENGTH), photoMediaId: null }).bio).toHaveLength(MAX_BIO_LENGTH);
  });
});
