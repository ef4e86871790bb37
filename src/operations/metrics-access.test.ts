import { describe, expect, test } from 'vitest';
import { isLoopbackAddress, mayReadMetrics } from './metrics-access.js';

const TOKEN = 'a'.repeat(40);

describe('isLoopbackAddress', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.1', false],
    ['2001:db8::1', false],
    ['1127.0.0.1', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe('mayReadMetrics', () => {
  test('a direct request from this machine may read; one from elsewhere may not', () => {
    expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: {} }, undefined)).toBe(true);
    expect(mayReadMetrics({ remoteAddress: '::1', headers: {} }, undefined)).toBe(true);
    expect(mayReadMetrics({ remoteAddress: '203.0.113.7', headers: {} }, undefined)).toBe(false);
  });

  test('a request a proxy on this machine forwarded is from elsewhere', () => {
    expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } }, undefined)).toBe(false);
    expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.7' } }, undefined)).toBe(false);
    expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: { 'x-real-ip': '203.0.113.7' } }, undefined)).toBe(false);
  });

  test('with METRICS_TOKEN set, the bearer token opens it from anywhere; a wrong or missing one does not', () => {
    expect(mayReadMetrics({ remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}` } }, TOKEN)).toBe(true);
    expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: { authorization: `bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.7' } }, TOKEN)).toBe(true);
    expect(mayReadMetrics({ remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}x` } }, TOKEN)).toBe(false);
    expect(mayReadMetrics({ remoteAddress: '203.0.113.7', headers: { authorization: `Basic ${TOKEN}` } }, TOKEN)).toBe(false);
    expect(mayReadMetrics({ remoteAddress: '203.0.113.7', headers: {} }, TOKEN)).toBe(false);
    // No token configured: a bearer header opens nothing.
    expect(mayReadMetrics({ remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}` } }, undefined)).toBe(false);
    // Loopback stays open with a token configured.
    expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: {} }, TOKEN)).toBe(true);
  });
});
