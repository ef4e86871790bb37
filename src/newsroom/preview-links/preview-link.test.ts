import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { generateToken } from '../accounts/tokens.js';
import { isPreviewTokenShape, parsePreviewLinkInput, previewLinkPath } from './preview-link.js';

const HOUR = 60 * 60 * 1000;

describe('parsePreviewLinkInput', () => {
  it('reads each offered lifetime, defaults to 24 hours and an empty note, and trims the note', () => {
    expect(parsePreviewLinkInput({ lifetime: '1h', note: '  for legal ' })).toEqual({ lifetimeMs: HOUR, note: 'for legal' });
    expect(parsePreviewLinkInput({ lifetime: '7d', note: '' })).toEqual({ lifetimeMs: 7 * 24 * HOUR, note: '' });
    expect(parsePreviewLinkInput({})).toEqual({ lifetimeMs: 24 * HOUR, note: '' });
  });

  it('refuses another lifetime or a long note, naming the field', () => {
    for (const [values, field] of [
      [{ lifetime: '30d' }, 'lifetime'],
      [{ lifetime: '' }, 'lifetime'],
      [{ lifetime: ['1h'] }, 'lifetime'],
      [{ note: 'n'.repeat(201) }, 'note'],
      [{ note: 42 }, 'note'],
    ] as const) {
      let refusal: unknown;
      try {
        parsePreviewLinkInput(values);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('PREVIEW_LINK_INVALID');
      expect(Object.keys((refusal as AppError).details)).toEqual([field]);
    }
    expect(parsePreviewLinkInput({ note: 'n'.repeat(200) }).note).toHaveLength(200);
  });
});

describe('preview tokens', () => {
  it('takes the shape generateToken makes, and nothing else', () => {
    for (let n = 0; n < 20; n += 1) expect(isPreviewTokenShape(generateToken())).toBe(true);
    for (const token of ['', 'A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`, `${'A'.repeat(42)}+`, `${'A'.repeat(42)}\n`]) {
      expect(isPreviewTokenShape(token), JSON.stringify(token)).toBe(false);
    }
  });

  it('makes the public path', () => {
    expect(previewLinkPath('abc')).toBe('/preview/abc/');
  });
});
