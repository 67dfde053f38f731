import type { BoardState, Scale, Phase, Card, Placement } from '../board';
import type { VersionedEvent } from '../board/events';
import type { DomainErrorCode } from '../board/errors';
import type { JoinMessage, MoveMessage } from './messages';

export type Role = 'facilitator' | 'participant' | 'observer';

export interface ParticipantView {
  id: string;
  name: string;
  role: Role;
}

export interface RoomSnapshot {
  sessionId: string;
  workshopName: string;
  sessionName: string;
  version: number;
  phase: Phase;
  scale: Scale;
  cards: Card[];
  placement: Record<string, Placement>;
  moveCount: Record<string, number>;
  participants: ParticipantView[];
  online: string[];
}

export type WireErrorCode =
  | DomainErrorCode
  | 'bad_request'
  | 'unknown_event'
  | 'unknown_session'
  | 'not_joined'
  | 'forbidden'
  | 'internal';

export interface WireError {
  code: WireErrorCode;
  message: string;
  /** zod issue paths for bad_request */
  fields?: { path: string; message: string }[];
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

export interface Me {
  participantId: string;
  participantToken: string;
  name: string;
  role: Role;
}

export type JoinAck = Ack<{ me: Me; snapshot: RoomSnapshot }>;
export type MoveAck = Ack<{ version: number; clientMoveId?: string }>;
export type SyncAck = Ack<{ snapshot: RoomSnapshot }>;

export interface ServerToClientEvents {
  'room:event': (e: VersionedEvent) => void;
  'room:presence': (p: { online: string[]; participants: ParticipantView[] }) => void;
  'protocol:error': (e: WireError & { event?: string }) => void;
}

export interface ClientToServerEvents {
  'room:join': (m: JoinMessage, ack: (a: JoinAck) => void) => void;
  'card:move': (m: MoveMessage, ack: (a: MoveAck) => void) => void;
  'room:sync': (m: Record<string, never>, ack: (a: SyncAck) => void) => void;
}

export function boardFromSnapshot(s: RoomSnapshot): BoardState {
  return {
    sessionId: s.sessionId,
    version: s.version,
    phase: s.phase,
    scale: s.scale,
    cards: s.cards,
    placement: s.placement,
    moveCount: s.moveCount,
  };
}
