import { describe, expect, it } from 'vitest';
import { redactUrl } from './request-logging.js';

describe('redactUrl', () => {
  it('replaces the values of secret query parameters and keeps the rest as sent', () => {
    expect(redactUrl('/newsroom/setup/?token=abc_DEF-123')).toBe('/newsroom/setup/?token=[redacted]');
    expect(redactUrl('/x?page=2&api_key=k&Password=p&next=%2Fnewsroom%2F')).toBe('/x?page=2&api_key=[redacted]&Password=[redacted]&next=%2Fnewsroom%2F');
    expect(redactUrl('/x?%74oken=abc&q=a+b')).toBe('/x?%74oken=[redacted]&q=a+b');
  });

  it("replaces a preview link's token in the path, however the path is spelled", () => {
    expect(redactUrl('/preview/abc_DEF-123/')).toBe('/preview/[redacted]/');
    expect(redactUrl('/%70review/abc_DEF-123/?token=x')).toBe('/%70review/[redacted]/?token=[redacted]');
    expect(redactUrl('/preview/abc')).toBe('/preview/[redacted]');
  });

  it('leaves URLs without secrets alone', () => {
    for (const url of ['/', '/markets/?page=3', '/search?q=token', '/x?token', '/x?%E0%A4%A=1', '/preview/', '/previews/abc/', '/markets/preview/']) expect(redactUrl(url)).toBe(url);
  });
});
