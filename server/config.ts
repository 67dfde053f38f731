import { resolve } from 'node:path';
import { DEFAULT_CAPS, type Caps } from './realtime/hub';
import { DEFAULT_QUOTAS, type Quotas } from './services/quotas';
import { parseTrustProxy, type TrustProxy } from './limits/address';
import { DEFAULT_LIMITS, LIMIT_ENV, LIMIT_NAMES, type LimitRule, type LimitRules } from './limits/rules';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** postgres://...: Postgres instead of the SQLite file */
  databaseUrl: string | undefined;
  dev: boolean;
  logLevel: string;
  /** serve the Next app; NO_NEXT=1 runs only the API and socket.io (fault tests, load benchmark) */
  next: boolean;
  /** extra origins (scheme://host[:port]) whose pages may open a socket; same-origin is always allowed, "*" allows any */
  allowedOrigins: string[];
  /** socket commands per second per connection, and the burst allowed */
  rate: { perSecond: number; burst: number };
  /** redis://...: several processes share rooms, presence and limits */
  redisUrl: string | undefined;
  /** bearer token for GET /metrics; unset: /metrics is open (keep it off the public proxy) */
  metricsToken: string | undefined;
  /** boards kept in memory at most */
  boardCacheSize: number;
  /** a graceful stop spreads its clients' reconnects over this many milliseconds */
  drainSpreadMs: number;
  quotas: Quotas;
  caps: Caps;
  /** workshops without a change for this long are deleted; 0 keeps them for ever */
  retentionMs: number;
  /** the HTTP edge: per-address budgets and how to find the client's address */
  edge: EdgeConfig;
  /** BENCH_HOOKS=1: GET /bench/stats for `npm run bench` (server/bench-hooks.ts); off by default */
  benchHooks: boolean;
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (0 or more), got "${raw}"`);
  return n;
}

export interface EdgeConfig {
  /** TRUST_PROXY: which reverse proxies may name the client's address (X-Forwarded-For) */
  trustProxy: TrustProxy;
  /** LIMIT_*: requests per window per client address */
  limits: LimitRules;
  /** ALLOWED_ORIGINS, also for the HTTP API's cross-site check */
  allowedOrigins: string[];
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
}

/** ALLOWED_ORIGINS: comma- or space-separated origins; each is normalised to scheme://host[:port]. */
export function parseOrigins(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(/[\s,]+/)
    .filter((o) => o.length > 0)
    .map((o) => {
      if (o === '*') return o;
      try {
        return new URL(o).origin;
      } catch {
        throw new Error(`ALLOWED_ORIGINS: "${o}" is not an origin such as https://estimation.example.com`);
      }
    });
}

function databaseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw))
    throw new Error(`DATABASE_URL must be a postgres:// URL (leave it unset for the SQLite file), got "${raw.slice(0, 12)}…"`);
  return raw;
}

function redisUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^rediss?:\/\//.test(raw)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${raw.slice(0, 12)}…"`);
  return raw;
}

/** LIMIT_X="points/seconds", e.g. "20/3600": 20 requests an hour per client address. */
export function parseLimit(name: string, raw: string | undefined, fallback: LimitRule): LimitRule {
  if (raw === undefined || raw.trim() === '') return fallback;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const points = Number(m?.[1]);
  const seconds = Number(m?.[2]);
  if (!m || points < 1 || seconds < 1 || !Number.isSafeInteger(points) || !Number.isSafeInteger(seconds)) {
    throw new Error(`${name} must be "requests/seconds" with whole numbers of at least 1, e.g. "20/3600", got "${raw}"`);
  }
  return { points, seconds };
}

/** The HTTP edge's settings from the environment (TRUST_PROXY, LIMIT_*, ALLOWED_ORIGINS). */
export function readEdgeConfig(env: NodeJS.ProcessEnv = process.env): EdgeConfig {
  const limits = Object.fromEntries(
    LIMIT_NAMES.map((n) => [n, parseLimit(LIMIT_ENV[n], env[LIMIT_ENV[n]], DEFAULT_LIMITS[n])]),
  ) as LimitRules;
  return { trustProxy: parseTrustProxy(env.TRUST_PROXY), limits, allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS) };
}

/** All configuration comes from the environment; README lists every variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databasePath: resolve(env.DATABASE_PATH ?? 'data/magic-estimation.db'),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    dev: env.NODE_ENV === 'development',
    logLevel: env.LOG_LEVEL ?? 'info',
    next: !(env.NO_NEXT === '1' || env.NO_NEXT === 'true'),
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS),
    rate: { perSecond: positiveInt(env, 'SOCKET_RATE_PER_SECOND', 20), burst: positiveInt(env, 'SOCKET_RATE_BURST', 40) },
    redisUrl: redisUrl(env.REDIS_URL),
    metricsToken: env.METRICS_TOKEN || undefined,
    boardCacheSize: positiveInt(env, 'BOARD_CACHE_SIZE', 2000),
    drainSpreadMs: positiveInt(env, 'DRAIN_SPREAD_MS', 3000),
    quotas: {
      sessionsPerWorkshop: positiveInt(env, 'SESSIONS_PER_WORKSHOP', DEFAULT_QUOTAS.sessionsPerWorkshop),
      itemsPerWorkshop: positiveInt(env, 'ITEMS_PER_WORKSHOP', DEFAULT_QUOTAS.itemsPerWorkshop),
      eventsPerSession: positiveInt(env, 'EVENTS_PER_SESSION', DEFAULT_QUOTAS.eventsPerSession),
      joinAfterLockMs: nonNegativeInt(env, 'JOIN_AFTER_LOCK_HOURS', DEFAULT_QUOTAS.joinAfterLockMs / 3_600_000) * 3_600_000,
    },
    caps: {
      newPeoplePerConnection: positiveInt(env, 'NEW_PEOPLE_PER_CONNECTION', DEFAULT_CAPS.newPeoplePerConnection),
      watchersPerRoom: positiveInt(env, 'WATCHERS_PER_ROOM', DEFAULT_CAPS.watchersPerRoom),
      watchersPerAddress: positiveInt(env, 'WATCHERS_PER_ADDRESS', DEFAULT_CAPS.watchersPerAddress),
    },
    retentionMs: nonNegativeInt(env, 'RETENTION_DAYS', 180) * 86_400_000,
    edge: readEdgeConfig(env),
    benchHooks: env.BENCH_HOOKS === '1',
  };
}
