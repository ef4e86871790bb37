import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** Whether a string names a time zone this runtime knows (IANA names such as Asia/Shanghai). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether a string is an IP address, an IP/prefix range, or a named range proxy-addr knows. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY: which proxies' X-Forwarded-For to believe for client addresses (rate limits, logs).
 * false (default) ignores the header; true trusts every hop; a number trusts that many hops; a
 * comma-separated list trusts those addresses or ranges (Fastify's trustProxy).
 */
const trustProxySetting = z
  .string()
  .refine(
    (value) => /^(true|false|\d{1,2})$/.test(value) || value.split(',').every((entry) => isProxyAddress(entry.trim())),
    'must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses or ranges (10.0.0.0/8, loopback)',
  )
  .transform((value): boolean | number | string[] => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value) > 0 ? Number(value) : false;
    return value.split(',').map((entry) => entry.trim());
  });

/** Whether a string is an http(s) address with a host and neither credentials nor a fragment (where PURGE requests go). */
function isEdgeAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password && !url.hash;
}

/**
 * EDGE_PURGE_URL: the edge cache (Varnish with xkey) that each committed change's surrogate keys
 * are sent to as PURGE requests; unset, nothing is sent. Normalised (`http://h:6081` → `http://h:6081/`).
 */
const edgePurgeSetting = z
  .string()
  .refine(isEdgeAddress, "must be the edge cache's http(s) address, such as http://127.0.0.1:6081/ (no user name, password or #fragment)")
  .transform((value) => new URL(value).href);

/**
 * METRICS_TOKEN: a secret that lets a scraper on another machine read /metrics (as
 * `Authorization: Bearer <token>`); without it only direct loopback requests may. Long enough not
 * to be guessed, and made of characters a bearer token may hold (RFC 6750 b64token).
 */
const metricsTokenSetting = z
  .string()
  .regex(/^[A-Za-z0-9._~+/-]+=*$/, 'must be a bearer token: letters, digits and . _ ~ + / - (such as the output of openssl rand -hex 32)')
  .min(32, 'must be at least 32 characters long (openssl rand -hex 32 makes one)');

/** A rate limit: whole requests per minute, from 1 to a million. */
const requestsPerMinute = z.coerce
  .number({ message: 'must be a number of requests per minute' })
  .int('must be a whole number')
  .min(1, 'must be at least 1 request per minute')
  .max(1_000_000, 'must be at most 1,000,000 requests per minute');

// Describing threads: "auto" is one a core, at most four (they are started at the first ingest and
// only busy during one; the event loop keeps its share of the cores); 0 describes on the event loop, in slices.
const ingestThreadsSetting = z
  .union([z.literal('auto'), z.coerce.number({ message: 'must be "auto" or a number of threads' }).int('must be a whole number').min(0, 'must be 0 or more').max(8, 'must be at most 8')], { error: 'must be "auto" or a number of threads from 0 to 8' })
  .transform((value) => (value === 'auto' ? Math.min(4, availableParallelism()) : value));

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const ConfigSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/fortune-sky.db'),
  SITE_URL: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).optional(),
  SITE_TIMEZONE: z.string().refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai').default('UTC'),
  SITE_LANGUAGE: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en').default('en'),
  DEMO_CONTENT: booleanFlag.default(true),
  // Unset: the demo prices run when the demo content does.
  MARKETS_DEMO: z.enum(['on', 'off', 'true', 'false'], { message: 'must be on or off' }).optional(),
  MEDIA_DIR: z.string().min(1).default('./data/media'),
  PAGE_CACHE_MB: z.coerce.number({ message: 'must be a number of megabytes' }).positive('must be more than 0').max(65536).default(32),
  LIVE_STREAMS_MAX: z.coerce.number({ message: 'must be a whole number of connections' }).int('must be a whole number of connections').min(0).max(100_000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxySetting.default(false),
  EDGE_PURGE_URL: edgePurgeSetting.optional(),
  METRICS_TOKEN: metricsTokenSetting.optional(),
  API_RATE_LIMIT: requestsPerMinute.default(60),
  API_KEY_RATE_LIMIT: requestsPerMinute.default(600),
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  INGEST_DIR: z.string().min(1).optional(),
  INGEST_ALLOW_PRIVATE: booleanFlag.default(false),
  INGEST_THREADS: ingestThreadsSetting.prefault('auto'),
});

/** The application's settings, validated and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly siteUrl: string;
  readonly siteTimeZone: string;
  readonly siteLanguage: string;
  readonly demoContent: boolean;
  /** Whether this server runs the demo provider (made-up prices for the demo instruments); by default when demoContent is. */
  readonly marketsDemo: boolean;
  readonly mediaDir: string;
  readonly pageCacheBytes: number;
  /** How many live coverage streams (Server-Sent Events) this process holds open at most; more are answered 503. */
  readonly liveStreamsMax: number;
  readonly logLevel: string;
  /** Whose X-Forwarded-For gives the client address: false (nobody), true (any), a hop count, or proxy addresses. */
  readonly trustProxy: boolean | number | readonly string[];
  /** Where PURGE requests for each committed change's surrogate keys go (the edge cache), or undefined: no edge to purge. */
  readonly edgePurgeUrl: string | undefined;
  /** A bearer token that lets requests from anywhere read /metrics, or undefined: loopback only. */
  readonly metricsToken: string | undefined;
  /** Content API requests allowed per minute: from one client address without a key, and with one API key. */
  readonly apiRateLimits: { readonly perAddress: number; readonly perKey: number };
  /** Whether webhook endpoints may be private, loopback or link-local addresses (tests, closed networks); false refuses them. */
  readonly webhookAllowPrivate: boolean;
  /** A folder watched for ninjs and NDJSON drops, or undefined: none. */
  readonly ingestDir: string | undefined;
  /** Whether feed sources may be fetched from private, loopback or link-local addresses (tests, closed networks); false refuses them. */
  readonly ingestAllowPrivate: boolean;
  /** Threads that describe incoming items (HTML to text, keys, signature, suggestions) off the event loop; 0: on it, in slices of 20 ms. */
  readonly ingestThreads: number;
}

// Settings whose values are secrets: a bad one is named in the error, its value never shown.
const SECRET_VARIABLES = new Set(['METRICS_TOKEN']);

/** Raised when environment variables are invalid; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads configuration from an environment object (pure: pass process.env at the edge). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${issue.path.join('.')}: ${issue.message}${SECRET_VARIABLES.has(name) ? '' : ` (got ${JSON.stringify(known[name])})`}`;
      }),
    );
  }
  const values = parsed.data;
  const port = values.PORT;
  return Object.freeze({
    port,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    siteUrl: (values.SITE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    siteTimeZone: values.SITE_TIMEZONE,
    siteLanguage: values.SITE_LANGUAGE,
    demoContent: values.DEMO_CONTENT,
    marketsDemo: values.MARKETS_DEMO === undefined ? values.DEMO_CONTENT : values.MARKETS_DEMO === 'on' || values.MARKETS_DEMO === 'true',
    mediaDir: values.MEDIA_DIR,
    pageCacheBytes: Math.round(values.PAGE_CACHE_MB * 1024 * 1024),
    liveStreamsMax: values.LIVE_STREAMS_MAX,
    logLevel: values.LOG_LEVEL,
    trustProxy: values.TRUST_PROXY,
    edgePurgeUrl: values.EDGE_PURGE_URL,
    metricsToken: values.METRICS_TOKEN,
    apiRateLimits: Object.freeze({ perAddress: values.API_RATE_LIMIT, perKey: values.API_KEY_RATE_LIMIT }),
    webhookAllowPrivate: values.WEBHOOK_ALLOW_PRIVATE,
    ingestDir: values.INGEST_DIR,
    ingestAllowPrivate: values.INGEST_ALLOW_PRIVATE,
    ingestThreads: values.INGEST_THREADS,
  });
}
