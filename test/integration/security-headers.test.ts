import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser, formBody, formHeaders, preSessionCsrf } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp | undefined;

async function start(env: Record<string, string> = {}, logStream?: { write(line: string): void }): Promise<TestApp> {
  testApp = await createTestApp(env, { logStream });
  return testApp;
}

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

describe('Strict-Transport-Security', () => {
  it('is sent on routed and cached responses when SITE_URL is https', async () => {
    const app = await start({ SITE_URL: 'https://news.test' });
    for (const url of ['/', '/healthz', '/newsroom/sign-in/', '/no-such-page/']) {
      const response = await app.app.inject({ method: 'GET', url });
      expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000');
    }
    // Cache hits are answered before routing: check them over a real port.
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
    await fetch(`${base}/`);
    const hit = await fetch(`${base}/`);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(hit.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is not sent when SITE_URL is http', async () => {
    const app = await start({ SITE_URL: 'http://news.test' });
    expect((await app.app.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('X-Content-Type-Options', () => {
  it('is nosniff on every JSON answer: health, API, API errors, newsroom API errors, bad requests', async () => {
    const app = await start();
    const requests = [
      { method: 'GET', url: '/healthz', status: 200 },
      { method: 'GET', url: '/readyz', status: 200 },
      { method: 'GET', url: '/api/v1/articles/999999', status: 404 },
      { method: 'GET', url: '/api/newsroom/media', status: 401 },
      { method: 'POST', url: '/api/newsroom/stories/1/autosave', status: 400, headers: { 'content-type': 'application/json' }, payload: '{not json' },
    ] as const;
    for (const { method, url, status, ...rest } of requests) {
      const response = await app.app.inject({ method, url, ...rest });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toMatch(/json/);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });
});

describe('TRUST_PROXY', () => {
  async function failSignIn(app: TestApp, email: string, forwardedFor: string) {
    const pre = await preSessionCsrf(app);
    return app.app.inject({
      method: 'POST',
      url: '/newsroom/sign-in/',
      remoteAddress: '127.0.0.1',
      headers: { ...formHeaders(pre), 'x-forwarded-for': forwardedFor },
      payload: formBody({ _csrf: pre.csrfToken, email, password: 'wrong password' }),
    });
  }

  it('unset: X-Forwarded-For is ignored, so a client cannot dodge the per-address sign-in limit by forging it', async () => {
    const app = await start();
    for (let i = 1; i <= 10; i += 1) expect((await failSignIn(app, `nobody${i}@news.test`, `198.51.100.${i}`)).statusCode).toBe(400);
    expect((await failSignIn(app, 'nobody@news.test', '198.51.100.99')).statusCode).toBe(429);
  });

  it('set to the proxy’s address: the forwarded client address is what limits count and logs show', async () => {
    const lines: string[] = [];
    const app = await start({ TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'info' }, { write: (line) => void lines.push(line) });
    const { email } = await createUser(app, { role: 'author' });
    for (let i = 1; i <= 10; i += 1) expect((await failSignIn(app, `nobody${i}@news.test`, '203.0.113.5')).statusCode).toBe(400);
    expect((await failSignIn(app, email, '203.0.113.5')).statusCode).toBe(429);
    expect((await failSignIn(app, email, '192.0.2.77')).statusCode).toBe(400);
    const addresses = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'incoming request' && entry.req.method === 'POST').map((entry) => entry.req.remoteAddress);
    expect(addresses).toContain('192.0.2.77');
    expect(addresses).not.toContain('127.0.0.1');
  });
});
