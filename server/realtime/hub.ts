import type { Server, Socket } from 'socket.io';
import type { ZodType } from 'zod';
import { visibleDragger, type BoardCommand, type VersionedEvent } from '../../domain/board';
import {
  clientMessages,
  isClientEventName,
  type ClientToServerEvents,
  type HistoryMessage,
  type HoverMessage,
  type JoinMessage,
  type MoveMessage,
  type ServerToClientEvents,
  type TimelineMessage,
  type WatchMessage,
  type WireError,
} from '../../domain/protocol';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { newId } from '../ids';
import { badRequest, ServiceError } from '../services/errors';
import { canResume, cardHistory, execute, join, snapshot, timeline, type Member, type RoomDeps } from '../services/rooms';
import { RateLimited } from '../limits/guard';
import { tokenBucket } from './rate-limit';

export interface SocketData {
  sessionId?: string;
  personId?: string;
  /** read-only viewers (projector) are in the room but are nobody */
  watcher?: boolean;
  /** new people this connection has created: a person joins once, not in a loop */
  created?: number;
  /** the client's address (the socket's peer, or X-Forwarded-For behind a trusted proxy) */
  address?: string;
}

/** New identities one connection may create (a tab that re-joins under a new name, a phone that lost its storage). */
/** a connection refused this many bursts' worth of messages beyond its refill is cut off */
export const FLOOD_REFUSALS_PER_BURST = 5;
const HOVER_FLOOD_BURSTS = 100;

export const NEW_PEOPLE_PER_CONNECTION = 3;

/** Limits on what one connection or address may open (docs/hardening.md SEC-JOIN, SEC-WATCH). */
export interface Caps {
  newPeoplePerConnection: number;
  watchersPerRoom: number;
  watchersPerAddress: number;
}
export const DEFAULT_CAPS: Caps = { newPeoplePerConnection: NEW_PEOPLE_PER_CONNECTION, watchersPerRoom: 10, watchersPerAddress: 20 };

/** the socket.io room of one address's projector views (counted across processes) */
const watchersOf = (address: string) => `watchers:${address}`;
export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Sock = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Ack = (reply: unknown) => void;

export interface HubDeps extends RoomDeps {
  log: Logger;
  metrics?: Metrics;
  caps?: Partial<Caps>;
  /** per-address budgets shared by all processes (throws when spent) */
  limits?: { newPerson(socket: Sock): Promise<void> };
  /** the client's address for a connection (TRUST_PROXY decides whether X-Forwarded-For counts) */
  clientAddress?: (socket: Sock) => string;
  online: (sessionId: string) => Promise<string[]>;
  /** commands per second per connection, and the burst allowed */
  rate?: { perSecond: number; burst: number };
  /** drag previews have their own budget, so dragging never eats the budget for moves */
  hoverRate?: { perSecond: number; burst: number };
  /** requests answered with a whole board or a page of the log (SNAPSHOT_EVENTS) have a smaller budget on top */
  snapshotRate?: { perSecond: number; burst: number };
}

/**
 * Requests answered with a whole board (200 cards, 50 people: tens of kilobytes to encode and
 * send) or a page of the log. A client needs a few of them when it (re)connects or opens a log;
 * a flood of them is what costs a server most (SEC-FLOOD-2).
 */
const SNAPSHOT_EVENTS: ReadonlySet<string> = new Set(['room:join', 'room:watch', 'room:sync', 'room:timeline', 'card:history']);
export const SNAPSHOT_RATE = { perSecond: 3, burst: 10 };

export const roomOf = (sessionId: string) => `session:${sessionId}`;

/** People removed by the facilitator (socket or HTTP API) lose their connections to the room at once. */
export async function evictRemoved(io: Io, sessionId: string, events: VersionedEvent[], online: (sessionId: string) => Promise<string[]>) {
  const removed = new Set(events.flatMap((e) => (e.event.type === 'person.removed' ? [e.event.personId] : [])));
  if (removed.size === 0) return;
  for (const s of await io.in(roomOf(sessionId)).fetchSockets()) {
    if (s.data.personId && removed.has(s.data.personId)) {
      s.emit('room:removed', { message: 'The facilitator removed you from this session.' });
      s.disconnect(true);
    }
  }
  io.to(roomOf(sessionId)).emit('room:presence', { online: await online(sessionId) });
}

/** Wires socket events to the room service: validate, authorize, decide+persist, then ack and broadcast. */
export function attachHub(io: Io, deps: HubDeps) {
  const rate = deps.rate ?? { perSecond: 20, burst: 40 };
  const hoverRate = deps.hoverRate ?? { perSecond: 30, burst: 30 };
  const snapshotRate = deps.snapshotRate ?? SNAPSHOT_RATE;

  const onlineIn = deps.online;
  const addressOf = (socket: Sock) => (socket.data.address ??= deps.clientAddress?.(socket) ?? socket.handshake.address);

  async function announcePresence(sessionId: string) {
    io.to(roomOf(sessionId)).emit('room:presence', { online: await onlineIn(sessionId) });
  }

  function member(socket: Sock): Member {
    const { sessionId, personId } = socket.data;
    if (!sessionId || !personId) throw new ServiceError('not_joined', 'Join a session before sending this.');
    return { sessionId, personId };
  }

  async function enter(socket: Sock, sessionId: string) {
    if (socket.data.sessionId && socket.data.sessionId !== sessionId) await socket.leave(roomOf(socket.data.sessionId));
    await socket.join(roomOf(sessionId));
  }

  const caps = { ...DEFAULT_CAPS, ...deps.caps };

  /** a person created by this connection: within its budget, and within its address's budget */
  async function admitNewPerson(socket: Sock) {
    const created = socket.data.created ?? 0;
    if (created >= caps.newPeoplePerConnection) {
      // one connection filling a room with made-up people is not a person joining
      throw new ServiceError(
        'rate_limited',
        `This connection has already joined as ${caps.newPeoplePerConnection} new people. Reload the page to join again.`,
      );
    }
    try {
      await deps.limits?.newPerson(socket);
    } catch (err) {
      if (err instanceof RateLimited) throw new ServiceError('rate_limited', err.message);
      throw err;
    }
    socket.data.created = created + 1;
  }

  /** projector views: a few per room and per address, so nobody can hold a room's fan-out hostage */
  async function admitWatcher(socket: Sock, sessionId: string) {
    const inRoom = (await fetchOrLocal(roomOf(sessionId))).filter((s) => s.data.watcher).length;
    if (inRoom >= caps.watchersPerRoom)
      throw new ServiceError('rate_limited', `This session already has ${caps.watchersPerRoom} projector views open. Close one first.`);
    const fromAddress = (await fetchOrLocal(watchersOf(addressOf(socket)))).length;
    if (fromAddress >= caps.watchersPerAddress)
      throw new ServiceError('rate_limited', `Your network already has ${caps.watchersPerAddress} projector views open. Close one first.`);
  }

  const fetchOrLocal = (room: string) =>
    io
      .in(room)
      .timeout(1500)
      .fetchSockets()
      .catch(() => io.local.in(room).fetchSockets());

  /** anyone in the room may read the logs, the projector too (it shows the spotlighted card's description) */
  function viewing(socket: Sock) {
    const { sessionId, personId } = socket.data;
    if (!sessionId) throw new ServiceError('not_joined', 'Join a session before sending this.');
    return { sessionId, viewer: { personId: personId ?? null } };
  }

  const handlers: { [K in keyof typeof clientMessages]: (socket: Sock, payload: never) => Promise<object | void> } = {
    'room:join': async (socket, msg: JoinMessage) => {
      // a wrong id or token is a new person, and new people are budgeted per connection and address
      const resuming = await canResume(deps, msg);
      if (!resuming && msg.facilitatorSecret === undefined) await admitNewPerson(socket);
      const { me, events } = await join(deps, msg, { mayCreate: !resuming });
      await enter(socket, msg.sessionId);
      socket.data = { ...socket.data, sessionId: msg.sessionId, personId: me.participantId, watcher: false };
      deps.log.info(
        {
          sessionId: msg.sessionId,
          personId: me.participantId,
          role: me.role,
          isNew: events.some((e) => e.event.type === 'person.joined'),
        },
        'room join',
      );
      void announcePresence(msg.sessionId);
      return { me, snapshot: await snapshot(deps, msg.sessionId, await onlineIn(msg.sessionId)) };
    },
    'room:watch': async (socket, msg: WatchMessage) => {
      const snap = await snapshot(deps, msg.sessionId, await onlineIn(msg.sessionId));
      if (!socket.data.watcher || socket.data.sessionId !== msg.sessionId) await admitWatcher(socket, msg.sessionId);
      await enter(socket, msg.sessionId);
      await socket.join(watchersOf(addressOf(socket)));
      // the new-people budget stays with the connection
      socket.data = { ...socket.data, sessionId: msg.sessionId, watcher: true };
      delete socket.data.personId;
      return { snapshot: snap };
    },
    'card:move': async (socket, msg: MoveMessage) => {
      const m = member(socket);
      // moves never depend on who is online: skip that lookup on the hot path
      const events = await execute(deps, m, { type: 'card.move', cardId: msg.cardId, to: msg.to }, []);
      const version = events.at(-1)?.version ?? 0;
      return msg.clientMoveId === undefined ? { version } : { version, clientMoveId: msg.clientMoveId };
    },
    'room:command': async (socket, msg: BoardCommand) => {
      const m = member(socket);
      const cmd: BoardCommand = msg.type === 'card.add' ? { ...msg, cardId: newId() } : msg;
      const events = await execute(deps, m, cmd, await onlineIn(m.sessionId));
      return { version: events.at(-1)?.version ?? 0 };
    },
    'room:sync': async (socket) => {
      const sessionId = socket.data.sessionId;
      if (!sessionId) throw new ServiceError('not_joined', 'Join a session before sending this.');
      return { snapshot: await snapshot(deps, sessionId, await onlineIn(sessionId)) };
    },
    'drag:hover': async (socket, msg: HoverMessage) => {
      const m = member(socket);
      // anonymous sessions: who drags stays unknown (an opaque key per connection)
      const board = deps.boards.peek(m.sessionId);
      const who = board ? visibleDragger(board, m.personId, `anon-${socket.id}`) : m.personId;
      socket.volatile.to(roomOf(m.sessionId)).emit('room:dragging', { personId: who, cardId: msg.cardId });
    },
    'card:history': async (socket, msg: HistoryMessage) => {
      const { sessionId, viewer } = viewing(socket);
      return cardHistory(deps, sessionId, viewer, msg.cardId, msg);
    },
    'room:timeline': async (socket, msg: TimelineMessage) => {
      const { sessionId, viewer } = viewing(socket);
      return timeline(deps, sessionId, viewer, msg);
    },
  };

  const m = deps.metrics;
  const countRooms = () => m?.rooms.set([...io.of('/').adapter.rooms.keys()].filter((r) => r.startsWith('session:')).length);

  io.on('connection', (socket: Sock) => {
    m?.connections.inc();
    const allowCommand = tokenBucket(rate.perSecond, rate.burst);
    const allowHover = tokenBucket(hoverRate.perSecond, hoverRate.burst);
    const allowSnapshot = tokenBucket(snapshotRate.perSecond, snapshotRate.burst);
    // refusals have a budget too: a client that keeps sending after being refused is a flood (SEC-FLOOD-1)
    const refusals = (r: { perSecond: number; burst: number }, bursts = FLOOD_REFUSALS_PER_BURST) =>
      tokenBucket(r.perSecond, r.burst * bursts);
    const limited = (allow: () => boolean, allowRefusal: () => boolean) => () => {
      if (allow()) return true;
      if (!allowRefusal() && socket.connected) {
        socket.emit('protocol:error', {
          code: 'rate_limited',
          message: 'Disconnected: far too many messages. Reload the page to come back.',
          event: 'flood',
        });
        m?.errors.inc({ code: 'flood' });
        socket.disconnect(true);
      }
      return false;
    };
    // commands and snapshots share one allowance of refusals; drag previews have their own
    const commandRefusals = refusals(rate);
    const commandOrFlood = limited(allowCommand, commandRefusals);
    const snapshotOrFlood = limited(() => allowCommand() && allowSnapshot(), commandRefusals);
    // previews over their budget are dropped silently and cost little: only a flood far beyond a dragging hand is cut off
    const hoverOrFlood = limited(allowHover, refusals(hoverRate, HOVER_FLOOD_BURSTS));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!socket.connected) return;
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
      void handle(
        socket,
        event,
        args,
        ack,
        event === 'drag:hover' ? hoverOrFlood : SNAPSHOT_EVENTS.has(event) ? snapshotOrFlood : commandOrFlood,
      );
    });
    socket.on('disconnect', () => {
      m?.connections.dec();
      countRooms();
      const sessionId = socket.data.sessionId;
      if (sessionId && socket.data.personId)
        void announcePresence(sessionId).catch((err: unknown) => deps.log.error({ err }, 'presence failed'));
    });
  });

  async function handle(socket: Sock, event: string, args: unknown[], ack: Ack | undefined, allow: () => boolean) {
    const started = performance.now();
    const refuse = (error: WireError) => {
      m?.errors.inc({ code: error.code });
      return ack ? ack({ ok: false, error }) : socket.emit('protocol:error', { ...error, event: String(event).slice(0, 40) });
    };
    try {
      if (!allow()) {
        // hover previews are sampled (their own bucket): drop them silently when over the limit,
        // but a sender that waits for an ack always gets one (FUZZ-1 found a client left waiting)
        if (event === 'drag:hover' && !ack) return;
        return refuse({ code: 'rate_limited', message: 'Too many messages; slow down. Nothing was changed.' });
      }
      if (!isClientEventName(event)) return refuse({ code: 'unknown_event', message: `Unknown event "${String(event).slice(0, 40)}".` });
      if (args.length > 1) return refuse({ code: 'bad_request', message: `"${event}" takes one payload.` });
      const schema: ZodType = clientMessages[event];
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) return refuse(badRequest(parsed.error, `"${event}" payload`).toWire());
      const handler = handlers[event] as (s: Sock, p: unknown) => Promise<object | void>;
      m?.commands.inc({ event });
      const result = await handler(socket, parsed.data);
      if (ack) ack({ ok: true, ...(result ?? {}) });
      if (event === 'card:move') m?.moveAck.observe(performance.now() - started);
      else if (event === 'room:join' || event === 'room:watch') countRooms();
    } catch (err) {
      if (err instanceof ServiceError) return refuse(err.toWire());
      deps.log.error({ err, event }, 'handler failed');
      refuse({ code: 'internal', message: 'The server could not process this. Nothing was changed.' });
    }
  }
}
