import { describe, expect, test } from 'vitest';
import { AppError } from '../errors.js';
import { decodeArticleCursor, decodeSlugCursor, encodeArticleCursor, encodeSlugCursor } from './cursor.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('cursors', () => {
  test('an article cursor gives back its position; a slug cursor its slug', () => {
    const position = { publishedAt: '2024-03-01T10:00:00.000Z', id: 42 };
    const cursor = encodeArticleCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeArticleCursor(cursor)).toEqual(position);
    expect(decodeSlugCursor(encodeSlugCursor('ana-cruz'))).toBe('ana-cruz');
  });

  test.each([
    ['empty', ''],
    ['not base64url', 'abc$%'],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a time that is not ISO', Buffer.from('["yesterday",3]').toString('base64url')],
    ['id zero', Buffer.from('["2024-03-01T10:00:00.000Z",0]').toString('base64url')],
    ['id past a row id', Buffer.from('["2024-03-01T10:00:00.000Z",99999999999]').toString('base64url')],
    ['a fraction', Buffer.from('["2024-03-01T10:00:00.000Z",1.5]').toString('base64url')],
    ['a slug cursor', encodeSlugCursor('ana-cruz')],
    ['too long', 'A'.repeat(401)],
  ])('%s is INVALID_CURSOR', (_name, cursor) => {
    expect(codeOf(() => decodeArticleCursor(cursor))).toBe('INVALID_CURSOR');
  });

  test('an article cursor is not a slug cursor', () => {
    expect(codeOf(() => decodeSlugCursor(encodeArticleCursor({ publishedAt: '2024-03-01T10:00:00.000Z', id: 1 })))).toBe('INVALID_CURSOR');
  });
});
