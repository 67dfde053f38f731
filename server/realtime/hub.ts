import type { Server, Socket } from 'socket.io';
import type { ZodType } from 'zod';
import {
  clientMessages,
  isClientEventName,
  type ClientToServerEvents,
  type JoinMessage,
  type MoveMessage,
  type ServerToClientEvents,
  type WireError,
} from '../../domain/protocol';
import type { Logger } from '../log';
import { badRequest, ServiceError } from '../services/errors';
import { execute, join, snapshot, type Member, type RoomDeps } from '../services/rooms';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Partial<Member>>;
type Sock = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Partial<Member>>;
type Ack = (reply: unknown) => void;

export interface HubDeps extends RoomDeps {
  log: Logger;
}

const roomOf = (sessionId: string) => `session:${sessionId}`;

/** Wires socket events to the room service: validate, authorize, decide+persist, then ack and broadcast. */
export function attachHub(io: Io, deps: HubDeps) {
  async function onlineIn(sessionId: string): Promise<string[]> {
    const sockets = await io.in(roomOf(sessionId)).fetchSockets();
    return [...new Set(sockets.map((s) => s.data.participantId).filter((id): id is string => !!id))];
  }

  async function broadcastPresence(sessionId: string) {
    const snap = snapshot(deps, sessionId, await onlineIn(sessionId));
    io.to(roomOf(sessionId)).emit('room:presence', { online: snap.online, participants: snap.participants });
  }

  function member(socket: Sock): Member {
    const { sessionId, participantId, role } = socket.data;
    if (!sessionId || !participantId || !role) throw new ServiceError('not_joined', 'Join a session before sending this.');
    return { sessionId, participantId, role };
  }

  const handlers: Record<string, (socket: Sock, payload: never) => Promise<object>> = {
    'room:join': async (socket, msg: JoinMessage) => {
      const me = join(deps, msg);
      if (socket.data.sessionId && socket.data.sessionId !== msg.sessionId) await socket.leave(roomOf(socket.data.sessionId));
      socket.data = { sessionId: msg.sessionId, participantId: me.participantId, role: me.role };
      await socket.join(roomOf(msg.sessionId));
      deps.log.info({ sessionId: msg.sessionId, participantId: me.participantId, role: me.role }, 'room join');
      void broadcastPresence(msg.sessionId).catch((err: unknown) => deps.log.error({ err }, 'presence failed'));
      return { me, snapshot: snapshot(deps, msg.sessionId, await onlineIn(msg.sessionId)) };
    },
    'card:move': async (socket, msg: MoveMessage) => {
      const m = member(socket);
      const ve = execute(deps, m, { type: 'card.move', cardId: msg.cardId, to: msg.to });
      io.to(roomOf(m.sessionId)).emit('room:event', ve);
      return msg.clientMoveId === undefined ? { version: ve.version } : { version: ve.version, clientMoveId: msg.clientMoveId };
    },
    'room:sync': async (socket) => {
      const m = member(socket);
      return { snapshot: snapshot(deps, m.sessionId, await onlineIn(m.sessionId)) };
    },
  };

  io.on('connection', (socket: Sock) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
      void handle(socket, event, args, ack);
    });
    socket.on('disconnect', () => {
      const sessionId = socket.data.sessionId;
      if (sessionId) void broadcastPresence(sessionId).catch((err: unknown) => deps.log.error({ err }, 'presence failed'));
    });
  });

  async function handle(socket: Sock, event: string, args: unknown[], ack: Ack | undefined) {
    const reply = (r: object) => (ack ? ack(r) : undefined);
    const refuse = (error: WireError) => (ack ? ack({ ok: false, error }) : socket.emit('protocol:error', { ...error, event }));
    try {
      if (!isClientEventName(event)) {
        return refuse({ code: 'unknown_event', message: `Unknown event "${String(event).slice(0, 40)}".` });
      }
      if (args.length > 1) return refuse({ code: 'bad_request', message: `"${event}" takes one payload.` });
      const schema: ZodType = clientMessages[event];
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) return refuse(badRequest(parsed.error, `"${event}" payload`).toWire());
      const handler = handlers[event] as (s: Sock, p: unknown) => Promise<object>;
      const result = await handler(socket, parsed.data);
      reply({ ok: true, ...result });
    } catch (err) {
      if (err instanceof ServiceError) return refuse(err.toWire());
      deps.log.error({ err, event }, 'handler failed');
      refuse({ code: 'internal', message: 'The server could not process this. Nothing was changed.' });
    }
  }
}
