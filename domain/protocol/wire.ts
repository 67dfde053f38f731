import type { BoardState, Role, VersionedEvent } from '../board';
import type { DomainErrorCode } from '../board/errors';
import type { CommandMessage, HistoryMessage, HoverMessage, JoinMessage, MoveMessage, TimelineMessage, WatchMessage } from './messages';

export type { Role };

export interface RoomSnapshot extends BoardState {
  workshopId: string;
  workshopName: string;
  sessionName: string;
  joinCode: string;
  /** person ids with an open connection */
  online: string[];
  /** the server's clock, so clients can show timers without trusting their own */
  serverNow: number;
}

export type WireErrorCode =
  | DomainErrorCode
  | 'bad_request'
  | 'unknown_event'
  | 'unknown_session'
  | 'not_joined'
  | 'forbidden'
  | 'rate_limited'
  | 'quota_exceeded'
  | 'unauthorized'
  | 'not_found'
  | 'internal';

export interface WireError {
  code: WireErrorCode;
  message: string;
  /** zod issue paths for bad_request */
  fields?: { path: string; message: string; /** a stable code where the validator has one (plan input) */ code?: string }[];
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

export interface Me {
  participantId: string;
  participantToken: string;
  name: string;
  role: Role;
}

export type JoinAck = Ack<{ me: Me; snapshot: RoomSnapshot }>;
export type WatchAck = Ack<{ snapshot: RoomSnapshot }>;
export type MoveAck = Ack<{ version: number; clientMoveId?: string }>;
export type CommandAck = Ack<{ version: number }>;
export type SyncAck = Ack<{ snapshot: RoomSnapshot }>;
/** A page of events, oldest first; `more`: older ones exist (ask again with `before` = the first version). */
export interface EventPage {
  events: VersionedEvent[];
  more: boolean;
}
export type EventsAck = Ack<EventPage>;
/** A card's move log plus what the workshop's items table knows of it (imported from Jira or CSV). */
export type HistoryAck = Ack<EventPage & { key: string | null; description: string }>;

export interface ServerToClientEvents {
  'room:event': (e: VersionedEvent) => void;
  'room:presence': (p: { online: string[] }) => void;
  'room:dragging': (d: { personId: string; cardId: string | null }) => void;
  'room:removed': (e: { message: string }) => void;
  'protocol:error': (e: WireError & { event?: string }) => void;
  /** the process is stopping; the connection closes next and the client reconnects (to another process) */
  'server:draining': (e: { reconnect: true }) => void;
}

export interface ClientToServerEvents {
  'room:join': (m: JoinMessage, ack: (a: JoinAck) => void) => void;
  'room:watch': (m: WatchMessage, ack: (a: WatchAck) => void) => void;
  'card:move': (m: MoveMessage, ack: (a: MoveAck) => void) => void;
  'room:command': (m: CommandMessage, ack: (a: CommandAck) => void) => void;
  'room:sync': (m: Record<string, never>, ack: (a: SyncAck) => void) => void;
  'drag:hover': (m: HoverMessage) => void;
  'card:history': (m: HistoryMessage, ack: (a: HistoryAck) => void) => void;
  'room:timeline': (m: TimelineMessage, ack: (a: EventsAck) => void) => void;
}

export function boardFromSnapshot(s: RoomSnapshot): BoardState {
  const { workshopId: _i, workshopName: _w, sessionName: _s, joinCode: _j, online: _o, serverNow: _n, ...board } = s;
  return board;
}
