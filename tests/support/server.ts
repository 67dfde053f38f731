import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, CreateWorkshopResult, ServerToClientEvents } from '../../domain/protocol';
import { createApp, type App } from '../../server/app';
import { LIMIT_ENV, LIMIT_NAMES, type LimitRule, type LimitName } from '../../server/limits/rules';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: App;
  url: string;
  dir: string;
  dbPath: string;
  clients: Client[];
  /** a connected socket; `headers` are sent with the websocket handshake (e.g. a browser's Origin) */
  client(headers?: Record<string, string>): Promise<Client>;
  createWorkshop(items?: string[]): Promise<CreateWorkshopResult>;
  stop(opts?: { keepDir?: boolean }): Promise<void>;
}

export interface ServerOptions {
  dir?: string;
  rate?: { perSecond: number; burst: number };
  allowedOrigins?: string[];
  /** per-address HTTP budgets; the others are lifted (tests send far faster than people do) */
  limits?: Partial<Record<LimitName, LimitRule>>;
  /** TRUST_PROXY */
  trustProxy?: string;
}

const LIFTED: LimitRule = { points: 1_000_000, seconds: 1 };

/**
 * The HTTP edge reads its settings from the environment until server/app.ts passes them
 * (AppOptions.edge, see docs/hardening.md "Wiring"): set them for the time createApp builds the API.
 */
async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function edgeEnv(opts: ServerOptions): Record<string, string> {
  const env: Record<string, string> = { TRUST_PROXY: opts.trustProxy ?? '', ALLOWED_ORIGINS: (opts.allowedOrigins ?? []).join(',') };
  for (const name of LIMIT_NAMES) {
    const rule = opts.limits?.[name] ?? LIFTED;
    env[LIMIT_ENV[name]] = `${rule.points}/${rule.seconds}`;
  }
  return env;
}

/** A real server (API + socket.io, no Next) on port 0 with a SQLite file in a temp dir. */
export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'me-it-'));
  const dbPath = join(dir, 'test.db');
  // tests send far faster than people do; the limiter has its own test
  const app = await withEnv(edgeEnv(opts), () =>
    createApp({ databasePath: dbPath, log: pino({ level: 'silent' }), rate: opts.rate ?? { perSecond: 10_000, burst: 10_000 }, ...(opts.allowedOrigins ? { allowedOrigins: opts.allowedOrigins } : {}) }),
  );
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];
  return {
    app,
    url,
    dir,
    dbPath,
    clients,
    async client(headers) {
      const c: Client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...(headers ? { extraHeaders: headers } : {}) });
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
