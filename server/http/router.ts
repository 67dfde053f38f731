import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VersionedEvent } from '../../domain/board';
import type { Db } from '../../db';
import type { Logger } from '../log';
import type { BoardCache } from '../services/boards';

export interface ApiDeps {
  db: Db;
  boards: BoardCache;
  now: () => number;
  log: Logger;
  /** tell open rooms about events written through HTTP (same path as the socket hub) */
  publish: (sessionId: string, events: VersionedEvent[]) => void;
  /** person ids connected to a session, for decisions that need it (dealing) */
  online: (sessionId: string) => Promise<string[]>;
  /** disconnect people a command removed (person.removed), as the socket hub does */
  evict?: (sessionId: string, events: VersionedEvent[]) => Promise<void>;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** named groups of the route's path pattern */
  params: Record<string, string>;
  deps: ApiDeps;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** anchored pattern with named groups, e.g. /^\/api\/sessions\/(?<sessionId>[\w-]+)$/ */
  path: RegExp;
  handle: (ctx: RouteContext) => Promise<void>;
}
