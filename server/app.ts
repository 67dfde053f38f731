import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { openStore, type Store } from '../db';
import { createApi } from './http/api';
import { randomBytes } from 'node:crypto';
import { applySecurityHeaders, contentSecurityPolicy, originAllowed, securityHeaders } from './http/security';
import type { Logger } from './log';
import { attachHub, evictRemoved, roomOf } from './realtime/hub';
import type { VersionedEvent } from '../domain/board';
import { createBoardCache } from './services/boards';
import { createWriter, type Writer } from './services/writer';

export interface AppOptions {
  databasePath: string;
  /** postgres://... selects Postgres instead of the SQLite file */
  databaseUrl?: string;
  log: Logger;
  /** serve the Next app as well; integration tests run without it */
  next?: { dev: boolean; dir: string };
  now?: () => number;
  /** socket command rate limit per connection */
  rate?: { perSecond: number; burst: number };
  /** origins besides this server's own whose pages may open a socket (ALLOWED_ORIGINS); "*" allows any */
  allowedOrigins?: string[];
}

export interface App {
  http: HttpServer;
  io: Server;
  store: Store;
  writer: Writer;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** One process: the HTTP API, socket.io and (optionally) Next on a single server. */
export async function createApp(opts: AppOptions): Promise<App> {
  const store = await openStore({ databaseUrl: opts.databaseUrl, databasePath: opts.databasePath });
  const now = opts.now ?? Date.now;
  const boards = createBoardCache();
  // the writer publishes through the socket.io server created below
  const hub: { io?: Server } = {};
  const publish = (sessionId: string, events: VersionedEvent[]) => {
    for (const e of events) hub.io?.to(roomOf(sessionId)).emit('room:event', e);
  };
  const online = async (sessionId: string) => {
    const sockets = hub.io ? await hub.io.in(roomOf(sessionId)).fetchSockets() : [];
    return [...new Set(sockets.map((s) => (s.data as { personId?: string }).personId).filter((id): id is string => !!id))];
  };
  const evict = async (sessionId: string, events: VersionedEvent[]) => {
    if (hub.io) await evictRemoved(hub.io as never, sessionId, events, online);
  };
  const writer = createWriter({ store, boards, now, publish, evict });
  const deps = { store, boards, writer, now, log: opts.log, online };
  const handleApi = createApi(deps);

  let nextHandler: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>) | undefined;
  let nextUpgrade: ((req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => Promise<void>) | undefined;
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
  const http = createServer((req, res) => {
    applySecurityHeaders(res, headers);
    handleApi(req, res)
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

  const io = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    // leave other upgrades (Next's hot reload in dev) alone
    destroyUpgrade: false,
    connectionStateRecovery: undefined,
    // a page of a foreign origin may not open a socket (docs/hardening.md SEC-ORIGIN)
    allowRequest: (req, done) => {
      const ok = originAllowed(req, allowedOrigins);
      done(ok ? null : 'origin not allowed', ok);
    },
  });
  hub.io = io;
  if (nextUpgrade) {
    const upgrade = nextUpgrade;
    http.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io/')) void upgrade(req, socket, head);
    });
  }
  attachHub(io as never, { ...deps, ...(opts.rate ? { rate: opts.rate } : {}) });
  return {
    http,
    io,
    store,
    writer,
    listen: (port, host) =>
      new Promise((resolve) => http.listen(port, host, () => resolve((http.address() as AddressInfo).port))),
    close: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await writer.settled();
      await store.close();
    },
  };
}
