import Database from 'better-sqlite3';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import {
  defaultScale,
  DEFAULT_SETTINGS,
  emptyBoard,
  replay,
  type BoardEvent,
  type BoardState,
  type Placement,
  type VersionedEvent,
} from '../../domain/board';
import { boardFromSnapshot, type JoinAck, type Me, type MoveAck, type SyncAck } from '../../domain/protocol';
import { addPending, reconcile, receive, replicaOf, resync, settle, SYNC_WAIT_MS, type PendingMove, type Replica } from '../../domain/sync';

/*
 * A simulated browser for fault and convergence tests: the same replica logic as
 * app/room/useRoom.ts (pending moves overlay the confirmed board; a version gap asks for a
 * snapshot; after a reconnect it joins again with its identity, adopts the snapshot and
 * resends the offline moves that still make sense).
 */

export interface AckedMove {
  version: number;
  cardId: string;
  to: Placement;
}

export class SimClient {
  readonly socket: Socket;
  replica: Replica | undefined;
  me: Me | undefined;
  joined = false;
  readonly acked: AckedMove[] = [];
  readonly refused: string[] = [];
  /** the confirmed version after each event this client applied (in the order it applied them) */
  readonly applied: number[] = [];
  /** snapshots asked for because an event was missing */
  resyncs = 0;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private inFlight = new Set<Promise<unknown>>();
  private lost = new Set<() => void>();
  private wantOpen = false;
  private joinWaiters: (() => void)[] = [];

  constructor(
    url: string,
    readonly sessionId: string,
    readonly name: string,
    private readonly opts: { facilitatorSecret?: string; autoReconnect?: boolean } = {},
  ) {
    this.socket = connect(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: opts.autoReconnect ?? false,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      autoConnect: false,
    });
    this.socket.on('connect', () => this.join());
    // like the browser's client, keep trying while this client wants to be online
    this.socket.on('connect_error', () => {
      if (this.wantOpen && !this.opts.autoReconnect) setTimeout(() => this.wantOpen && !this.socket.connected && this.socket.connect(), 20);
    });
    this.socket.on('disconnect', () => {
      this.joined = false;
      for (const l of this.lost) l();
      this.lost.clear();
    });
    this.socket.on('room:event', (ve: VersionedEvent) => {
      if (!this.replica) return;
      const before = this.replica.confirmed.version;
      const { replica, gap } = receive(this.replica, ve);
      this.replica = replica;
      if (replica.confirmed.version > before) this.applied.push(replica.confirmed.version);
      // like the browser: an event that came early waits a moment for the ones before it
      if (gap && !this.gapTimer) {
        this.gapTimer = setTimeout(() => {
          this.gapTimer = undefined;
          if ((this.replica?.early.length ?? 0) > 0) {
            this.resyncs++;
            void this.sync();
          }
        }, SYNC_WAIT_MS);
      }
    });
  }

  /** connects (or reconnects) and resolves once joined */
  open(): Promise<void> {
    this.wantOpen = true;
    const joined = this.whenJoined();
    this.socket.connect();
    // a connect that races a close can be lost inside socket.io-client: try again until joined
    const retry = setInterval(() => {
      if (!this.wantOpen || this.joined) clearInterval(retry);
      else if (!this.socket.connected) {
        this.socket.disconnect();
        this.socket.connect();
      }
    }, 250);
    return joined;
  }

  close() {
    clearTimeout(this.gapTimer);
    this.wantOpen = false;
    this.socket.disconnect();
    this.joined = false;
  }

  whenJoined(): Promise<void> {
    if (this.joined) return Promise.resolve();
    return new Promise((resolve) => this.joinWaiters.push(resolve));
  }

  private join() {
    const msg = {
      sessionId: this.sessionId,
      name: this.name,
      ...(this.me ? { participantId: this.me.participantId, participantToken: this.me.participantToken } : {}),
      ...(this.opts.facilitatorSecret ? { facilitatorSecret: this.opts.facilitatorSecret } : {}),
    };
    void this.request<JoinAck>('room:join', msg, (ack) => {
      if (!ack.ok) throw new Error(`${this.name} could not join: ${ack.error.code}`);
      this.me = ack.me;
      const board = boardFromSnapshot(ack.snapshot);
      const { replica, resend } = reconcile(this.replica ? resync(this.replica, board) : replicaOf(board));
      this.replica = replica;
      this.joined = true;
      for (const m of resend) void this.send(m);
      for (const w of this.joinWaiters.splice(0)) w();
    });
  }

  /**
   * Emits with an ack. A connection that drops takes its unanswered requests with it (socket.io
   * never calls those acks): they resolve with undefined, and a move among them stays pending
   * until the next join decides (reconcile) whether the server already has it.
   */
  private request<T>(event: string, payload: unknown, onAck: (ack: T) => void = () => {}): Promise<T | undefined> {
    // socket.io-client would buffer it until a reconnect, and nothing would ever answer it here
    if (!this.socket.connected) return Promise.resolve(undefined);
    const p = new Promise<T | undefined>((resolve) => {
      const lost = () => resolve(undefined);
      this.lost.add(lost);
      this.socket.emit(event, payload, (ack: T) => {
        this.lost.delete(lost);
        onAck(ack);
        resolve(ack);
      });
    });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  async sync(): Promise<void> {
    await this.request<SyncAck>('room:sync', {}, (ack) => {
      if (ack.ok && this.replica) this.replica = resync(this.replica, boardFromSnapshot(ack.snapshot));
    });
  }

  private send(m: PendingMove): Promise<MoveAck | undefined> {
    return this.request<MoveAck>('card:move', { cardId: m.cardId, to: m.to, clientMoveId: m.clientMoveId }, (ack) => {
      if (this.replica) this.replica = settle(this.replica, m.clientMoveId);
      if (ack.ok) this.acked.push({ version: ack.version, cardId: m.cardId, to: m.to });
      else this.refused.push(ack.error.code);
    });
  }

  /** a drag: shown at once as pending; sent now if joined, else when back (like the browser offline) */
  move(cardId: string, to: Placement): Promise<MoveAck | undefined> | undefined {
    if (!this.replica) return undefined;
    const from = this.replica.pending.findLast((p) => p.cardId === cardId)?.to ?? this.replica.confirmed.placement[cardId] ?? null;
    const m: PendingMove = { clientMoveId: `${this.name}-${++this.seq}`, cardId, from, to };
    this.replica = addPending(this.replica, m);
    return this.joined ? this.send(m) : undefined;
  }

  command(cmd: object): Promise<{ ok: boolean } | undefined> | undefined {
    if (!this.joined) return undefined;
    return this.request<{ ok: boolean }>('room:command', cmd);
  }

  /** waits until every request this client sent has its answer */
  async settled() {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}

/** Where a server keeps its data: a SQLite file, or a Postgres database. */
export type DatabaseLocation = { path: string; url?: undefined } | { url: string; path?: undefined };

type EventRow = { version: number; by: string | null; at: number | string; payload: string };

/** Rows of a table read with a connection of the test's own (not through the app's store). */
export async function rawQuery<T>(loc: DatabaseLocation, sql: string, params: (string | number)[]): Promise<T[]> {
  if (loc.url) {
    const c = new pg.Client({ connectionString: loc.url });
    await c.connect();
    try {
      let i = 0;
      return (
        await c.query(
          sql.replace(/\?/g, () => `$${++i}`),
          params,
        )
      ).rows as T[];
    } finally {
      await c.end();
    }
  }
  const db = new Database(loc.path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The board as the database has it: a fresh replay of the session's event log. */
export async function boardInDatabase(
  loc: DatabaseLocation,
  sessionId: string,
): Promise<{ board: BoardState; events: (VersionedEvent & { event: BoardEvent })[] }> {
  const rows = await rawQuery<EventRow>(loc, 'select version, by, at, payload from events where session_id = ? order by version', [
    sessionId,
  ]);
  const events = rows.map((r) => ({ version: r.version, by: r.by, at: Number(r.at), event: JSON.parse(r.payload) as BoardEvent }));
  return {
    board: replay(
      emptyBoard(sessionId, defaultScale(), DEFAULT_SETTINGS),
      events.map((e) => e.event),
    ),
    events,
  };
}

/** Acked moves the log lacks: the ack carries the move's last version (card.moved, or a ping-pong card.flagged right after it). */
export function missingFromLog(events: VersionedEvent[], acked: AckedMove[]): AckedMove[] {
  const byVersion = new Map(events.map((e) => [e.version, e.event]));
  return acked.filter((a) =>
    [a.version, a.version - 1].every((v) => {
      const e = byVersion.get(v);
      return !(e?.type === 'card.moved' && e.cardId === a.cardId && e.to === a.to);
    }),
  );
}

/** A small seeded PRNG (mulberry32) so a failing seed replays the same choices. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
