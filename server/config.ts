import { resolve } from 'node:path';

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
  /** BENCH_HOOKS=1: GET /bench/stats for `npm run bench` (server/bench-hooks.ts); off by default */
  benchHooks: boolean;
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
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error(`DATABASE_URL must be a postgres:// URL (leave it unset for the SQLite file), got "${raw.slice(0, 12)}…"`);
  return raw;
}

function redisUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^rediss?:\/\//.test(raw)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${raw.slice(0, 12)}…"`);
  return raw;
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
    benchHooks: env.BENCH_HOOKS === '1',
  };
}
