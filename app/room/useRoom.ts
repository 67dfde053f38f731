'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Placement, VersionedEvent } from '../../domain/board';
import {
  boardFromSnapshot,
  type ClientToServerEvents,
  type JoinAck,
  type Me,
  type ParticipantView,
  type RoomSnapshot,
  type ServerToClientEvents,
  type WireError,
} from '../../domain/protocol';
import { addPending, receive, replicaOf, resync, settle, view, type PendingMove, type Replica } from '../../domain/sync';
import { facilitatorSecretFor, loadIdentity, saveIdentity } from './identity';

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;

export type RoomStatus = 'connecting' | 'needName' | 'joined' | 'offline' | 'failed';

export interface RoomState {
  status: RoomStatus;
  me: Me | null;
  snapshot: RoomSnapshot | null;
  replica: Replica | null;
  participants: ParticipantView[];
  online: string[];
  error: WireError | null;
  /** last move by someone else, for the live region */
  remote: { by: string | null; cardId: string; to: Placement } | null;
}

const initial: RoomState = { status: 'connecting', me: null, snapshot: null, replica: null, participants: [], online: [], error: null, remote: null };

let moveSeq = 0;

export function useRoom(sessionId: string) {
  const [state, setState] = useState<RoomState>(initial);
  const socketRef = useRef<Sock | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const update = useCallback((f: (s: RoomState) => RoomState) => setState((s) => (stateRef.current = f(s))), []);

  const send = useCallback(
    (m: PendingMove) => {
      socketRef.current?.emit('card:move', { cardId: m.cardId, to: m.to, clientMoveId: m.clientMoveId }, (ack) => {
        update((s) => (s.replica ? { ...s, replica: settle(s.replica, m.clientMoveId), error: ack.ok ? s.error : ack.error } : s));
      });
    },
    [update],
  );

  const join = useCallback(
    (name?: string) => {
      const socket = socketRef.current;
      if (!socket) return;
      const stored = loadIdentity(sessionId);
      const secret = facilitatorSecretFor(sessionId);
      const msg = {
        sessionId,
        ...(name ? { name } : stored ? { name: stored.name } : {}),
        ...(stored ? { participantId: stored.participantId, participantToken: stored.participantToken } : {}),
        ...(secret ? { facilitatorSecret: secret } : {}),
      };
      if (!msg.name && !stored) return update((s) => ({ ...s, status: 'needName' }));
      socket.emit('room:join', msg, (ack: JoinAck) => {
        if (!ack.ok) {
          return update((s) => ({ ...s, status: ack.error.code === 'bad_request' ? 'needName' : 'failed', error: ack.error }));
        }
        saveIdentity(sessionId, ack.me);
        const board = boardFromSnapshot(ack.snapshot);
        const pending = stateRef.current.replica?.pending ?? [];
        update((s) => ({
          ...s,
          status: 'joined',
          me: ack.me,
          snapshot: ack.snapshot,
          replica: s.replica ? resync(s.replica, board) : replicaOf(board),
          participants: ack.snapshot.participants,
          online: ack.snapshot.online,
          error: null,
        }));
        // moves made while offline go out now, in the order they were made
        pending.forEach(send);
      });
    },
    [sessionId, send, update],
  );

  useEffect(() => {
    const socket: Sock = io({ transports: ['websocket'] });
    socketRef.current = socket;
    socket.on('connect', () => join());
    socket.on('disconnect', () => update((s) => ({ ...s, status: s.status === 'joined' ? 'offline' : s.status })));
    socket.on('room:event', (ve: VersionedEvent) => {
      const r = stateRef.current.replica;
      if (!r) return;
      const { replica, gap } = receive(r, ve);
      if (gap) {
        socket.emit('room:sync', {}, (ack) => {
          if (ack.ok) update((s) => ({ ...s, replica: s.replica ? resync(s.replica, boardFromSnapshot(ack.snapshot)) : s.replica }));
        });
        return;
      }
      const mine = ve.event.by === stateRef.current.me?.participantId;
      update((s) => ({ ...s, replica, remote: mine ? s.remote : { by: ve.event.by, cardId: ve.event.cardId, to: ve.event.to } }));
    });
    socket.on('room:presence', (p) => update((s) => ({ ...s, participants: p.participants, online: p.online })));
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [join, update]);

  const move = useCallback(
    (cardId: string, to: Placement) => {
      const s = stateRef.current;
      if (!s.replica || (view(s.replica).placement[cardId] ?? null) === to) return;
      const m: PendingMove = { clientMoveId: `m${Date.now().toString(36)}${(moveSeq++).toString(36)}`, cardId, to };
      update((st) => (st.replica ? { ...st, replica: addPending(st.replica, m) } : st));
      if (s.status === 'joined' && socketRef.current?.connected) send(m);
    },
    [send, update],
  );

  const board = state.replica ? view(state.replica) : null;
  return { state, board, join, move, dismissError: () => update((s) => ({ ...s, error: null })) };
}
