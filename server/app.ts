import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server } from 'socket.io';
import type { VersionedEvent } from '../domain/board';
import { openStore, type Store } from '../db';
import { readEdgeConfig, type EdgeConfig } from './config';
import { createEdge } from './limits/edge';
import { redisStore } from './limits/store';
import { createBenchHooks } from './bench-hooks';
import { createApi } from './http/api';
import { closingHttp } from './http/closing';
import { handleOps } from './http/ops';
import { createOffload } from './offload/pool';
import { applySecurityHeaders, contentSecurityPolicy, originAllowed, securityHeaders } from './http/security';
import type { Logger } from './log';
import { createMetrics, type Metrics } from './metrics';
import { connectCluster, type Cluster } from './realtime/cluster';
import { drainSockets } from './realtime/drain';
import { attachHub, evictRemoved, roomOf, type Caps, type Io } from './realtime/hub';
import { purgeIdle } from './services/lifecycle';
import { DEFAULT_QUOTAS, type Quotas } from './services/quotas';
import { createBoardCache, type BoardCache } from './services/boards';
import { seenBy } from './services/rooms';
import { createWriter, type Writer } from './services/writer';
import { readIntegrationsConfig, type IntegrationsConfig } from './integrations/config';
import { createIntegrations, type Integrations, type IntegrationsTuning } from './integrations/wiring';

/** how long a presence question waits for the other processes */
const PRESENCE_TIMEOUT_MS = 1500;
/** how long a stopping process lets an HTTP request in flight finish */
const HTTP_GRACE_MS = 5000;

export interface AppOptions {
  databasePath: string;
  /** postgres://... selects Postgres instead of the SQLite file */
  databaseUrl?: string;
  /** redis://... : several processes share rooms (socket.io Redis Streams adapter), presence and limits */
  redisUrl?: string;
  log: Logger;
  /** serve the Next app as well; integration tests run without it */
  next?: { dev: boolean; dir: string };
  now?: () => number;
  /** socket command rate limit per connection */
  rate?: { perSecond: number; burst: number };
  /** whole-board and log-page requests per connection (server/realtime/hub.ts SNAPSHOT_RATE) */
  snapshotRate?: { perSecond: number; burst: number };
  /** origins besides this server's own whose pages may open a socket (ALLOWED_ORIGINS); "*" allows any */
  allowedOrigins?: string[];
  /** boards kept in memory at most */
  boardCacheSize?: number;
  /** METRICS_TOKEN: /metrics needs it as a bearer token when set */
  metricsToken?: string;
  /** how long a graceful stop spreads the reconnects of its clients over */
  drainSpreadMs?: number;
  quotas?: Partial<Quotas>;
  caps?: Partial<Caps>;
  /** workshops without a change for this long are deleted (0 = kept for ever) */
  retentionMs?: number;
  /** draws join codes (tests force collisions) */
  joinCode?: () => string;
  /** per-address budgets (LIMIT_*), TRUST_PROXY and the origins allowed to write; default: from the environment */
  edge?: EdgeConfig;
  /** Jira and webhooks (SECRET_KEY, INTEGRATIONS_*, PUBLIC_URL); default: from the environment */
  integrations?: IntegrationsConfig;
  /** tests: timeouts, waits and transports of the integrations */
  integrationsTuning?: IntegrationsTuning;
  /** GET /bench/stats for the load benchmark (BENCH_HOOKS=1; server/bench-hooks.ts) */
  benchHooks?: boolean;
}

export interface App {
  http: HttpServer;
  io: Io;
  store: Store;
  writer: Writer;
  metrics: Metrics;
  boards: BoardCache;
  integrations: Integrations;
  listen(port: number, host?: string): Promise<number>;
  /** graceful stop: no new connections, writes in flight finish, clients are sent elsewhere over a few seconds */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** One process: the HTTP API, socket.io and (optionally) Next on a single server. */
export async function createApp(opts: AppOptions): Promise<App> {
  const store = await openStore({ databaseUrl: opts.databaseUrl, databasePath: opts.databasePath });
  const cluster: Cluster | undefined = opts.redisUrl ? await connectCluster(opts.redisUrl, opts.log) : undefined;
  const now = opts.now ?? Date.now;
  const metrics = createMetrics();
  const boards = createBoardCache(opts.boardCacheSize);
  // the writer publishes through the socket.io server created below
  const hub: { io?: Io } = {};
  // made below, with the writer; the writer publishes only after commits
  const later: { integrations?: Integrations } = {};
  const publish = (sessionId: string, events: VersionedEvent[]) => {
    // as everyone may see them: anonymous sessions hide movers until lock (BOARD-ANON-3)
    for (const e of seenBy(boards.peek(sessionId), events, { personId: null })) hub.io?.to(roomOf(sessionId)).emit('room:event', e);
    // a lock tells the webhook after the commit, never holding up the room
    later.integrations?.afterCommit(sessionId, events);
  };
  const online = async (sessionId: string) => {
    const io = hub.io;
    if (!io) return [];
    // with the Redis adapter this asks every process: presence is cluster-wide. A process that
    // died a moment ago is still counted until its heartbeat times out, and the question then
    // times out: fall back to this process's own connections rather than refuse the command.
    const sockets = await io
      .in(roomOf(sessionId))
      .timeout(PRESENCE_TIMEOUT_MS)
      .fetchSockets()
      .catch((err: unknown) => {
        opts.log.warn({ err: (err as Error).message, sessionId }, 'presence across processes unavailable; using this process only');
        return io.local.in(roomOf(sessionId)).fetchSockets();
      });
    return [...new Set(sockets.map((s) => s.data.personId).filter((id): id is string => !!id))];
  };
  const evict = async (sessionId: string, events: VersionedEvent[]) => {
    if (hub.io) await evictRemoved(hub.io, sessionId, events, online);
  };
  const quotas: Quotas = { ...DEFAULT_QUOTAS, ...opts.quotas };
  const writer = createWriter({
    store,
    boards,
    now,
    publish,
    evict,
    maxEventsPerSession: quotas.eventsPerSession,
    observe: (b) => {
      metrics.dbBatch.observe(b.ms);
      metrics.batchSize.observe(b.jobs);
    },
  });
  const closeRooms = async (sessionIds: string[]) => {
    for (const id of sessionIds) {
      hub.io?.to(roomOf(id)).emit('room:removed', { message: 'The facilitator deleted this workshop.' });
      hub.io?.in(roomOf(id)).disconnectSockets(true);
    }
  };
  const integrations = createIntegrations({
    store,
    boards,
    writer,
    now,
    quotas,
    log: opts.log,
    config: opts.integrations ?? readIntegrationsConfig(),
    alone: !cluster,
    ...(opts.integrationsTuning ? { tuning: opts.integrationsTuning } : {}),
  });
  later.integrations = integrations;
  await integrations.recover();
  const offload = createOffload();
  const deps = {
    store,
    boards,
    writer,
    now,
    log: opts.log,
    online,
    metrics,
    quotas,
    closeRooms,
    integrations,
    offload,
    ...(opts.joinCode ? { joinCode: opts.joinCode } : {}),
  };
  const edge = createEdge(opts.edge ?? readEdgeConfig(), cluster ? redisStore(cluster.client) : undefined);
  const handleApi = createApi(deps, edge);
  let draining = false;

  let nextHandler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | undefined;
  if (opts.next) {
    const { default: next } = await import('next');
    const nextApp = next({ dev: opts.next.dev, dir: opts.next.dir });
    await nextApp.prepare();
    nextHandler = nextApp.getRequestHandler();
    nextUpgrade = nextApp.getUpgradeHandler();
  }

  const headers = securityHeaders(opts.next?.dev ?? false);
  const allowedOrigins = opts.allowedOrigins ?? [];
  const dev = opts.next?.dev ?? false;
  const ops = { store, cluster, metrics, boards, draining: () => draining, metricsToken: opts.metricsToken };
  const bench = opts.benchHooks
    ? createBenchHooks(async () => {
        // the offload thread has a heap of its own, outside heapUsed but inside the RSS
        const thread = await offload.memory();
        return {
          boards: boards.size,
          sockets: io.engine.clientsCount,
          writerPending: writer.pending,
          offloadHeapTotalBytes: thread?.heapTotalBytes ?? 0,
        };
      })
    : undefined;
  const http = createServer((req, res) => {
    applySecurityHeaders(res, headers);
    if (bench?.(req, res)) return;
    handleOps(req, res, ops)
      .then((handled) => handled || handleApi(req, res))
      .then((handled) => {
        if (handled) return;
        if (nextHandler) {
          // a fresh nonce per page; Next takes it from the request header (as it does from middleware)
          const policy = contentSecurityPolicy(dev, randomBytes(16).toString('base64'));
          req.headers['content-security-policy'] = policy;
          res.setHeader('content-security-policy', policy);
          return nextHandler(req, res);
        }
        res.writeHead(404).end('not found');
      })
      .catch((err: unknown) => {
        opts.log.error({ err }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end('internal error');
      });
  });

  const io: Io = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    // leave other upgrades (Next's hot reload in dev) alone
    destroyUpgrade: false,
    // several processes: a client that lost its connection for a moment, or moved to another
    // process, gets the packets it missed from the Redis stream (one process: it asks for a snapshot)
    ...(cluster
      ? { adapter: cluster.adapter, connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true } }
      : {}),
    // a page of a foreign origin may not open a socket (docs/hardening.md SEC-ORIGIN)
    allowRequest: (req, done) => {
      const ok = !draining && originAllowed(req, allowedOrigins);
      done(ok ? null : draining ? 'server is stopping' : 'origin not allowed', ok);
    },
  });
  hub.io = io;
  // after socket.io, which takes over the 'request' listeners it finds, so this sees its polls too
  const closing = closingHttp(http);
  if (nextUpgrade) {
    const upgrade = nextUpgrade;
    http.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io/')) void upgrade(req, socket, head);
    });
  }
  attachHub(io, {
    ...deps,
    ...(opts.rate ? { rate: opts.rate } : {}),
    ...(opts.snapshotRate ? { snapshotRate: opts.snapshotRate } : {}),
    ...(opts.caps ? { caps: opts.caps } : {}),
    clientAddress: (socket) => edge.guard.clientKey(socket.request),
    limits: { newPerson: async (socket) => edge.guard.limit(socket.request, 'newPerson') },
  });

  // retention: every hour (and once shortly after the start), workshops idle too long go
  const retention = opts.retentionMs ? setInterval(() => void purge(), 60 * 60_000) : undefined;
  const purge = async () => {
    try {
      const n = await purgeIdle(deps, opts.retentionMs!);
      if (n > 0) opts.log.info({ purged: n, retentionDays: Math.round(opts.retentionMs! / 86_400_000) }, 'idle workshops deleted');
    } catch (err) {
      opts.log.error({ err }, 'retention purge failed');
    }
  };
  retention?.unref();
  const firstPurge = opts.retentionMs ? setTimeout(() => void purge(), 30_000) : undefined;
  firstPurge?.unref();

  let closed = false;
  async function close() {
    if (closed) return;
    closed = true;
    clearInterval(retention);
    clearTimeout(firstPurge);
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await integrations.close();
    await offload.close();
    await writer.settled();
    await cluster?.close();
    await store.close();
  }

  return {
    http,
    io,
    store,
    writer,
    metrics,
    boards,
    integrations,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    async drain() {
      draining = true;
      // no new connections: a reverse proxy sends new ones (and reconnects) to another process
      closing.stopListening();
      await writer.settled();
      await drainSockets(io, opts.drainSpreadMs ?? 3000);
      // an HTTP request in flight (an import, a page) gets a few seconds more, then its connection goes
      await closing.closeConnections(HTTP_GRACE_MS);
      await writer.settled();
      await close();
    },
    close,
  };
}
