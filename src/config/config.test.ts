import { availableParallelism } from 'node:os';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected loadConfig(${JSON.stringify(env)}) to throw`);
}

describe('loadConfig', () => {
  test('an empty environment gives the defaults', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/fortune-sky.db',
      siteUrl: 'http://localhost:3000',
      siteTimeZone: 'UTC',
      siteLanguage: 'en',
      demoContent: true,
      marketsDemo: true,
      mediaDir: './data/media',
      pageCacheBytes: 32 * 1024 * 1024,
      liveStreamsMax: 1000,
      logLevel: 'info',
      trustProxy: false,
      edgePurgeUrl: undefined,
      metricsToken: undefined,
      apiRateLimits: { perAddress: 60, perKey: 600 },
      webhookAllowPrivate: false,
      ingestAllowPrivate: false,
      ingestThreads: Math.min(4, availableParallelism()),
    });
  });

  test('valid overrides are read and converted', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://user@db.example/news',
      SITE_URL: 'https://news.example.com/',
      SITE_TIMEZONE: 'Asia/Shanghai',
      SITE_LANGUAGE: 'zh-Hans',
      DEMO_CONTENT: 'no',
      MEDIA_DIR: '/var/media',
      PAGE_CACHE_MB: '1.5',
      LIVE_STREAMS_MAX: '25',
      LOG_LEVEL: 'debug',
      TRUST_PROXY: '10.0.0.0/8, ::1',
      EDGE_PURGE_URL: 'http://127.0.0.1:6081',
      METRICS_TOKEN: 'c2VjcmV0LXNjcmFwZXItdG9rZW4tZm9yLXRlc3Rz',
      API_RATE_LIMIT: '30',
      API_KEY_RATE_LIMIT: '5000',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      INGEST_ALLOW_PRIVATE: 'true',
      INGEST_THREADS: '2',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://user@db.example/news',
      siteUrl: 'https://news.example.com', // trailing slash removed
      siteTimeZone: 'Asia/Shanghai',
      siteLanguage: 'zh-Hans',
      demoContent: false,
      marketsDemo: false,
      mediaDir: '/var/media',
      pageCacheBytes: 1.5 * 1024 * 1024,
      liveStreamsMax: 25,
      logLevel: 'debug',
      trustProxy: ['10.0.0.0/8', '::1'],
      edgePurgeUrl: 'http://127.0.0.1:6081/',
      metricsToken: 'c2VjcmV0LXNjcmFwZXItdG9rZW4tZm9yLXRlc3Rz',
      apiRateLimits: { perAddress: 30, perKey: 5000 },
      webhookAllowPrivate: true,
      ingestAllowPrivate: true,
      ingestThreads: 2,
    });
  });

  test('API rate limits are whole numbers of requests per minute', () => {
    expect(configError({ API_RATE_LIMIT: '0', API_KEY_RATE_LIMIT: 'lots' }).problems).toEqual([
      expect.stringMatching(/^API_RATE_LIMIT: must be at least 1 request per minute/),
      expect.stringMatching(/^API_KEY_RATE_LIMIT: must be a number of requests per minute/),
    ]);
    expect(configError({ API_RATE_LIMIT: '2.5', API_KEY_RATE_LIMIT: '1000001' }).problems).toEqual([
      expect.stringMatching(/^API_RATE_LIMIT: must be a whole number/),
      expect.stringMatching(/^API_KEY_RATE_LIMIT: must be at most 1,000,000 requests per minute/),
    ]);
  });

  test('the default site URL follows the port', () => {
    expect(loadConfig({ PORT: '4000' }).siteUrl).toBe('http://localhost:4000');
  });

  test.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('DEMO_CONTENT=%s gives %s', (value, expected) => {
    expect(loadConfig({ DEMO_CONTENT: value }).demoContent).toBe(expected);
  });

  test.each([
    [{}, true],
    [{ DEMO_CONTENT: 'false' }, false],
    [{ MARKETS_DEMO: 'off' }, false],
    [{ DEMO_CONTENT: 'false', MARKETS_DEMO: 'on' }, true],
    [{ MARKETS_DEMO: 'false' }, false],
    [{ DEMO_CONTENT: 'no', MARKETS_DEMO: 'true' }, true],
  ])('the demo prices run with the demo content unless MARKETS_DEMO says otherwise: %j gives %s', (env, expected) => {
    expect(loadConfig(env).marketsDemo).toBe(expected);
  });

  test('INGEST_THREADS is "auto" (a thread a core, at most four) or a number from 0 to 8', () => {
    const auto = Math.min(4, availableParallelism());
    expect(auto).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ INGEST_THREADS: 'auto' }).ingestThreads).toBe(auto);
    expect(loadConfig({ INGEST_THREADS: '0' }).ingestThreads).toBe(0);
    for (const value of ['many', '9', '-1', '1.5']) {
      expect(configError({ INGEST_THREADS: value }).problems, value).toEqual([expect.stringMatching(/^INGEST_THREADS: must be/)]);
    }
  });

  test('MARKETS_DEMO takes on or off, and says so', () => {
    expect(configError({ MARKETS_DEMO: 'maybe' }).problems).toEqual(['MARKETS_DEMO: must be on or off (got "maybe")']);
  });

  test.each([
    ['true', true],
    ['false', false],
    ['0', false],
    ['2', 2],
    ['loopback', ['loopback']],
    ['127.0.0.1,192.168.0.0/16', ['127.0.0.1', '192.168.0.0/16']],
  ])('TRUST_PROXY=%s gives %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  test('a bad TRUST_PROXY is reported with what it accepts', () => {
    for (const value of ['yes', '10.0.0.0/33', 'proxy.example', '127.0.0.1,', '1.2.3.4/8/8']) {
      expect(configError({ TRUST_PROXY: value }).problems, value).toEqual([expect.stringMatching(/^TRUST_PROXY: must be true, false, a number of proxy hops/)]);
    }
  });

  test('a bad EDGE_PURGE_URL stops the start with what it accepts', () => {
    for (const value of ['127.0.0.1:6081', 'varnish', 'ftp://edge.example/', 'http://', 'http://user:secret@edge.example/', 'http://edge.example/#purge']) {
      expect(configError({ EDGE_PURGE_URL: value }).problems, value).toEqual([
        `EDGE_PURGE_URL: must be the edge cache's http(s) address, such as http://127.0.0.1:6081/ (no user name, password or #fragment) (got ${JSON.stringify(value)})`,
      ]);
    }
    expect(loadConfig({ EDGE_PURGE_URL: 'https://edge.example:8443/purge' }).edgePurgeUrl).toBe('https://edge.example:8443/purge');
  });

  test('a bad METRICS_TOKEN stops the start without its value appearing in the message', () => {
    expect(configError({ METRICS_TOKEN: 'too-short-secret' }).problems).toEqual(['METRICS_TOKEN: must be at least 32 characters long (openssl rand -hex 32 makes one)']);
    const spaced = 'a token with spaces that is long enough to pass';
    expect(configError({ METRICS_TOKEN: spaced }).problems).toEqual([expect.stringMatching(/^METRICS_TOKEN: must be a bearer token/)]);
    expect(configError({ METRICS_TOKEN: spaced }).message).not.toContain('spaces');
    expect(loadConfig({ METRICS_TOKEN: 'f'.repeat(64) }).metricsToken).toBe('f'.repeat(64));
  });

  test('the returned object is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(config.port).toBe(3000);
  });

  test('several bad variables are all reported in one ConfigError', () => {
    const error = configError({ PORT: 'abc', SITE_TIMEZONE: 'Mars/Base', DEMO_CONTENT: 'maybe', DATABASE_URL: 'mysql://x' });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(4);
    for (const name of ['PORT', 'SITE_TIMEZONE', 'DEMO_CONTENT', 'DATABASE_URL']) {
      expect(error.problems.some((p) => p.startsWith(`${name}:`)), name).toBe(true);
      expect(error.message).toContain(name);
    }
    // The offending values are quoted so the operator can see what was read.
    expect(error.message).toContain('"abc"');
    expect(error.message).toContain('"Mars/Base"');
    expect(error.message).toContain('"maybe"');
    expect(error.message).toContain('"mysql://x"');
  });

  test('out-of-range and malformed values are refused', () => {
    const error = configError({ PORT: '70000', PAGE_CACHE_MB: '0', LOG_LEVEL: 'loud', SITE_LANGUAGE: 'English' });
    const named = error.problems.map((p) => p.slice(0, p.indexOf(':'))).sort();
    expect(named).toEqual(['LOG_LEVEL', 'PAGE_CACHE_MB', 'PORT', 'SITE_LANGUAGE']);
  });

  test('a fractional port is refused', () => {
    expect(configError({ PORT: '80.5' }).problems).toEqual([expect.stringMatching(/^PORT: /)]);
  });

  test('a site URL with another scheme than http(s) is refused', () => {
    for (const url of ['ftp://x.example', 'javascript:alert(1)']) expect(() => loadConfig({ SITE_URL: url }), url).toThrow(/SITE_URL/);
  });

  test('a relative site URL is refused', () => {
    expect(configError({ SITE_URL: 'news.example.com' }).problems).toEqual([expect.stringMatching(/^SITE_URL: /)]);
  });

  test('empty strings count as unset', () => {
    const config = loadConfig({
      PORT: '',
      HOST: '',
      DATABASE_URL: '',
      SITE_URL: '',
      SITE_TIMEZONE: '',
      SITE_LANGUAGE: '',
      DEMO_CONTENT: '',
      MEDIA_DIR: '',
      PAGE_CACHE_MB: '',
      LOG_LEVEL: '',
      EDGE_PURGE_URL: '',
    });
    expect(config).toEqual(loadConfig({}));
  });

  test('unrelated variables are ignored', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production' })).toEqual(loadConfig({}));
  });
});
