import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, CreateWorkshopResult, ServerToClientEvents } from '../../domain/protocol';
import { createApp, type App, type AppOptions } from '../../server/app';
import { readIntegrationsConfig } from '../../server/integrations/config';
import type { IntegrationsTuning } from '../../server/integrations/wiring';
import type { Logger } from '../../server/log';
import type { DatabaseLocation } from './sim';
import { freshPostgresDatabase, postgresUrl } from './stores';
import { LIMIT_NAMES, type LimitRule, type LimitName } from '../../server/limits/rules';
import { parseTrustProxy } from '../../server/limits/address';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: App;
  url: string;
  dir: string;
  dbPath: string;
  /** where the data is: the SQLite file, or the Postgres database (kept, like the dir, by stop({ keepDir: true })) */
  db: DatabaseLocation;
  clients: Client[];
  /** a connected socket; `headers` are sent with the websocket handshake (e.g. a browser's Origin) */
  client(headers?: Record<string, string>): Promise<Client>;
  createWorkshop(items?: string[]): Promise<CreateWorkshopResult>;
  stop(opts?: { keepDir?: boolean }): Promise<void>;
}

export interface ServerOptions {
  dir?: string;
  rate?: { perSecond: number; burst: number };
  snapshotRate?: { perSecond: number; burst: number };
  allowedOrigins?: string[];
  /** postgres: a fresh database on TEST_DATABASE_URL's server instead of a SQLite file */
  engine?: 'sqlite' | 'postgres';
  /** the Postgres database of a server stopped with keepDir (a restart on the same data) */
  databaseUrl?: string;
  metricsToken?: string;
  quotas?: AppOptions['quotas'];
  caps?: AppOptions['caps'];
  retentionMs?: number;
  now?: () => number;
  joinCode?: () => string;
  /** per-address HTTP budgets; the others are lifted (tests send far faster than people do) */
  limits?: Partial<Record<LimitName, LimitRule>>;
  /** TRUST_PROXY */
  trustProxy?: string;
  /** the integrations' environment (SECRET_KEY, INTEGRATIONS_*, PUBLIC_URL); default: none, so they are off */
  integrationsEnv?: Record<string, string>;
  integrationsTuning?: IntegrationsTuning;
  /** a logger of the test's own (to read what the server logs); default: silent */
  log?: Logger;
}

const LIFTED: LimitRule = { points: 1_000_000, seconds: 1 };

/** The engines a server-level test can run on: SQLite always, Postgres when TEST_DATABASE_URL is set. */
export const serverEngines: ('sqlite' | 'postgres')[] = ['sqlite', ...(postgresUrl ? ['postgres' as const] : [])];

/** A real server (API + socket.io, no Next) on port 0 with a SQLite file in a temp dir (or a fresh Postgres database). */
export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'me-it-'));
  const dbPath = join(dir, 'test.db');
  // TEST_ENGINE=postgres: the vitest project that runs the API suites again on Postgres
  const engine = opts.engine ?? (process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite');
  if (engine === 'postgres' && !postgresUrl) throw new Error('TEST_DATABASE_URL is needed for a Postgres test server');
  const pgDb = opts.databaseUrl
    ? { url: opts.databaseUrl, drop: () => freshPostgresDatabase.drop(opts.databaseUrl!) }
    : engine === 'postgres' && postgresUrl
      ? await freshPostgresDatabase(postgresUrl)
      : undefined;
  // tests send far faster than people do; the limiter has its own test
  const app = await createApp({
    databasePath: dbPath,
    ...(pgDb ? { databaseUrl: pgDb.url } : {}),
    log: opts.log ?? pino({ level: 'silent' }),
    integrations: readIntegrationsConfig(opts.integrationsEnv ?? {}),
    ...(opts.integrationsTuning ? { integrationsTuning: opts.integrationsTuning } : {}),
    rate: opts.rate ?? { perSecond: 10_000, burst: 10_000 },
    snapshotRate: opts.snapshotRate ?? { perSecond: 10_000, burst: 10_000 },
    ...(opts.allowedOrigins ? { allowedOrigins: opts.allowedOrigins } : {}),
    ...(opts.metricsToken ? { metricsToken: opts.metricsToken } : {}),
    ...(opts.quotas ? { quotas: opts.quotas } : {}),
    ...(opts.caps ? { caps: opts.caps } : {}),
    ...(opts.retentionMs ? { retentionMs: opts.retentionMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.joinCode ? { joinCode: opts.joinCode } : {}),
    edge: {
      trustProxy: parseTrustProxy(opts.trustProxy ?? ''),
      allowedOrigins: opts.allowedOrigins ?? [],
      limits: Object.fromEntries(LIMIT_NAMES.map((n) => [n, opts.limits?.[n] ?? LIFTED])) as Record<LimitName, LimitRule>,
    },
  });
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];
  return {
    app,
    url,
    dir,
    dbPath,
    db: pgDb ? { url: pgDb.url } : { path: dbPath },
    clients,
    async client(headers) {
      const c: Client = connect(url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        ...(headers ? { extraHeaders: headers } : {}),
      });
      clients.push(c);
      await new Promise<void>((resolve, reject) => {
        c.once('connect', () => resolve());
        c.once('connect_error', reject);
      });
      return c;
    },
    async createWorkshop(items = ['Login', 'Search', 'Checkout']) {
      const res = await fetch(`${url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Test workshop', items }),
      });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as CreateWorkshopResult;
    },
    async stop({ keepDir = false } = {}) {
      for (const c of clients) c.disconnect();
      await app.close();
      if (!keepDir) await pgDb?.drop();
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Emits with an ack and resolves with the server's reply. */
export function request<T>(c: Client, event: string, payload?: unknown): Promise<T> {
  return new Promise((resolve) => (c.emit as (e: string, ...a: unknown[]) => void)(event, payload, resolve));
}

/** Resolves with the next occurrence of a server event that matches. */
export function next<T>(c: Client, event: string, match: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const on = (p: T) => {
      if (!match(p)) return;
      (c.off as (e: string, f: unknown) => void)(event, on);
      resolve(p);
    };
    (c.on as (e: string, f: unknown) => void)(event, on);
  });
}
