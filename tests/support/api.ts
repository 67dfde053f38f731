import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { VersionedEvent } from '../../domain/board';
import type { JoinAck, Me, RoomSnapshot } from '../../domain/protocol';
import { request, type Client, type TestServer } from './server';

/** HTTP helpers for tests of the API (docs/api.md): real requests with fetch against the real server. */

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** a raw body instead of JSON.stringify(body) */
  raw?: string;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(server: TestServer, method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.token !== undefined ? { authorization: `Bearer ${opts.token}` } : {}) };
  let body: string | undefined;
  if (opts.raw !== undefined || opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = opts.raw ?? JSON.stringify(opts.body);
  }
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...opts.headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url)), 'utf8');

/** A socket client in the room that records every room:event it receives. */
export interface Listener {
  c: Client;
  me: Me;
  snapshot: RoomSnapshot;
  events: VersionedEvent[];
  /** resolves once `count` events (from now on) matching `match` have arrived */
  waitFor(match: (e: VersionedEvent) => boolean, count?: number): Promise<VersionedEvent[]>;
}

export async function listen(server: TestServer, sessionId: string, name = 'Watcher'): Promise<Listener> {
  const c = await server.client();
  const events: VersionedEvent[] = [];
  const waiters: {
    match: (e: VersionedEvent) => boolean;
    count: number;
    seen: VersionedEvent[];
    resolve: (v: VersionedEvent[]) => void;
  }[] = [];
  c.on('room:event', (e) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (!w.match(e)) continue;
      w.seen.push(e);
      if (w.seen.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(w.seen);
      }
    }
  });
  const ack = await request<JoinAck>(c, 'room:join', { sessionId, name });
  if (!ack.ok) throw new Error(ack.error.message);
  return {
    c,
    me: ack.me,
    snapshot: ack.snapshot,
    events,
    waitFor: (match, count = 1) => new Promise((resolve) => waiters.push({ match, count, seen: [], resolve })),
  };
}
