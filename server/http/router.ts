import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Integrations } from '../integrations/wiring';
import type { Logger } from '../log';
import type { RoomDeps } from '../services/rooms';

/** Writes go through deps.writer, which tells the rooms after the commit (the same path as the socket hub). */
import type { LimitName } from '../limits/rules';
import type { Offload } from '../offload/pool';

export interface ApiDeps extends RoomDeps {
  log: Logger;
  /** after a workshop is deleted: tell and disconnect the people in its rooms */
  closeRooms?: (sessionIds: string[]) => Promise<void>;
  /** person ids connected to a session, for decisions that need it (dealing) */
  online: (sessionId: string) => Promise<string[]>;
  /** Jira and webhooks (docs/integrations.md) */
  integrations: Integrations;
  /** plans and large bodies, off the event loop (server/offload/pool.ts) */
  offload: Offload;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** named groups of the route's path pattern */
  params: Record<string, string>;
  deps: ApiDeps;
  /** counts `cost` more points of the request's address against a budget (a request whose cost grows with its size); throws when spent */
  charge(name: LimitName, cost: number): Promise<void>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** anchored pattern with named groups, e.g. /^\/api\/sessions\/(?<sessionId>[\w-]+)$/ */
  path: RegExp;
  handle: (ctx: RouteContext) => Promise<void>;
}
