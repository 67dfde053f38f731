'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Placement, VersionedEvent } from '../../domain/board';
import {
  boardFromSnapshot,
  type ClientToServerEvents,
  type CommandAck,
  type CommandMessage,
  type EventPage,
  type EventsAck,
  type HistoryAck,
  type JoinAck,
  type Me,
  type RoomSnapshot,
  type ServerToClientEvents,
  type WireError,
} from '../../domain/protocol';
import {
  addPending,
  reconcile,
  receive,
  replicaOf,
  resync,
  settle,
  SYNC_WAIT_MS,
  view,
  type PendingMove,
  type Replica,
} from '../../domain/sync';
import { facilitatorSecretFor, loadIdentity, loadWorkshopPerson, saveIdentity, saveWorkshopPerson, workshopSecret } from './identity';

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;

export type RoomStatus = 'connecting' | 'needName' | 'joined' | 'offline' | 'failed' | 'removed';
export type Mode = 'member' | 'watch';

export interface RoomMeta {
  workshopId: string;
  workshopName: string;
  sessionName: string;
  joinCode: string;
}

export interface RoomState {
  status: RoomStatus;
  me: Me | null;
  meta: RoomMeta | null;
  replica: Replica | null;
  online: string[];
  error: WireError | null;
  /** offline moves the server's board made pointless */
  discarded: PendingMove[];
  /** the latest event by someone else, for the live region */
  remote: VersionedEvent | null;
  /** who is dragging which card right now */
  dragging: Record<string, string>;
  /** server clock minus this clock, for timers */
  clockOffset: number;
}

const initial: RoomState = {
  status: 'connecting',
  me: null,
  meta: null,
  replica: null,
  online: [],
  error: null,
  discarded: [],
  remote: null,
  dragging: {},
  clockOffset: 0,
};

let moveSeq = 0;
/** the fastest the screen follows other people's changes: a participant's board, and the projector (read from across the room) */
const RENDER_MS = { member: 100, watch: 250 } as const;
const metaOf = (s: RoomSnapshot): RoomMeta => ({
  workshopId: s.workshopId,
  workshopName: s.workshopName,
  sessionName: s.sessionName,
  joinCode: s.joinCode,
});

export function useRoom(sessionId: string, mode: Mode = 'member') {
  const [state, setState] = useState<RoomState>(initial);
  const socketRef = useRef<Sock | null>(null);
  const stateRef = useRef(state);
  const update = useCallback((f: (s: RoomState) => RoomState) => {
    stateRef.current = f(stateRef.current);
    setState(stateRef.current);
  }, []);
  /*
   * Other people's moves, presence and drags: the replica takes them at once (so acks, gaps and
   * resends stay exact), the screen at most every RENDER_MS. Forty people moving would otherwise
   * re-render the board forty times a second (bench: frame p95 and long tasks).
   */
  const pendingRender = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastRender = useRef(0);
  const updateSoon = useCallback(
    (f: (s: RoomState) => RoomState) => {
      stateRef.current = f(stateRef.current);
      if (pendingRender.current !== null) return;
      const wait = Math.max(0, lastRender.current + RENDER_MS[mode] - performance.now());
      pendingRender.current = setTimeout(() => {
        pendingRender.current = null;
        lastRender.current = performance.now();
        setState(stateRef.current);
      }, wait);
    },
    [mode],
  );

  const send = useCallback(
    (m: PendingMove) => {
      socketRef.current?.emit('card:move', { cardId: m.cardId, to: m.to, clientMoveId: m.clientMoveId }, (ack) => {
        const quiet = !ack.ok && ack.error.code === 'no_change';
        update((s) => (s.replica ? { ...s, replica: settle(s.replica, m.clientMoveId), error: ack.ok || quiet ? s.error : ack.error } : s));
      });
    },
    [update],
  );

  const adopt = useCallback(
    (snapshot: RoomSnapshot, me: Me | null) => {
      const board = boardFromSnapshot(snapshot);
      update((s) => {
        const replica = s.replica ? resync(s.replica, board) : replicaOf(board);
        const { replica: kept, resend, discarded } = reconcile(replica);
        // offline moves go out now, in the order they were made
        queueMicrotask(() => resend.forEach(send));
        return {
          ...s,
          status: 'joined',
          me,
          meta: metaOf(snapshot),
          replica: kept,
          online: snapshot.online,
          error: null,
          discarded: [...s.discarded, ...discarded],
          clockOffset: snapshot.serverNow - Date.now(),
        };
      });
    },
    [send, update],
  );

  const join = useCallback(
    (name?: string, observer?: boolean) => {
      const socket = socketRef.current;
      if (!socket) return;
      if (mode === 'watch') {
        socket.emit('room:watch', { sessionId }, (ack) =>
          ack.ok ? adopt(ack.snapshot, null) : update((s) => ({ ...s, status: 'failed', error: ack.error })),
        );
        return;
      }
      const stored = loadIdentity(sessionId);
      const workshopId = stateRef.current.meta?.workshopId;
      // read (and wipe from the address bar) the secret at once; the workshop's key may hold it too
      const secret = workshopId ? workshopSecret(sessionId, workshopId) : facilitatorSecretFor(sessionId);
      const person = workshopId ? loadWorkshopPerson(workshopId) : null;
      const chosen = name ?? stored?.name ?? person?.name;
      const asObserver = observer ?? (stored ? undefined : person?.observer);
      if (!chosen) {
        if (workshopId) return update((s) => ({ ...s, status: 'needName' }));
        // a first visit: look at the room (which workshop?) before asking for a name again
        socket.emit('room:watch', { sessionId }, (ack) => {
          if (!ack.ok) return update((s) => ({ ...s, status: 'failed', error: ack.error }));
          update((s) => ({ ...s, meta: metaOf(ack.snapshot) }));
          join();
        });
        return;
      }
      const msg = {
        sessionId,
        name: chosen,
        ...(asObserver ? { observer: true } : {}),
        ...(stored ? { participantId: stored.participantId, participantToken: stored.participantToken } : {}),
        ...(secret ? { facilitatorSecret: secret } : {}),
      };
      socket.emit('room:join', msg, (ack: JoinAck) => {
        if (!ack.ok) return update((s) => ({ ...s, status: ack.error.code === 'bad_request' ? 'needName' : 'failed', error: ack.error }));
        saveIdentity(sessionId, ack.me);
        saveWorkshopPerson(ack.snapshot.workshopId, { name: ack.me.name, observer: ack.me.role === 'observer' });
        if (secret) workshopSecret(sessionId, ack.snapshot.workshopId);
        adopt(ack.snapshot, ack.me);
      });
    },
    [adopt, mode, sessionId, update],
  );

  useEffect(() => {
    const socket: Sock = io({ transports: ['websocket'] });
    socketRef.current = socket;
    const resyncNow = () =>
      socket.emit('room:sync', {}, (ack) => {
        if (ack.ok) update((s) => ({ ...s, replica: s.replica ? resync(s.replica, boardFromSnapshot(ack.snapshot)) : s.replica }));
      });
    socket.on('connect', () => join());
    socket.on('disconnect', () => update((s) => ({ ...s, status: s.status === 'joined' ? 'offline' : s.status, dragging: {} })));
    // an event that came early waits a moment for the ones before it, then we ask for a snapshot
    let gapTimer: ReturnType<typeof setTimeout> | undefined;
    socket.on('room:event', (ve: VersionedEvent) => {
      const r = stateRef.current.replica;
      if (!r) return;
      const { replica, gap } = receive(r, ve);
      if (gap && !gapTimer) {
        gapTimer = setTimeout(() => {
          gapTimer = undefined;
          if ((stateRef.current.replica?.early.length ?? 0) > 0) resyncNow();
        }, SYNC_WAIT_MS);
      }
      const mine = ve.by !== null && ve.by === stateRef.current.me?.participantId;
      updateSoon((s) => ({ ...s, replica, remote: mine ? s.remote : ve }));
    });
    socket.on('room:presence', (p) => updateSoon((s) => ({ ...s, online: p.online })));
    socket.on('room:dragging', (d) =>
      updateSoon((s) => {
        const dragging = { ...s.dragging };
        if (d.cardId) dragging[d.personId] = d.cardId;
        else delete dragging[d.personId];
        return { ...s, dragging };
      }),
    );
    socket.on('room:removed', () => update((s) => ({ ...s, status: 'removed' })));
    return () => {
      socket.disconnect();
      socketRef.current = null;
      if (pendingRender.current !== null) clearTimeout(pendingRender.current);
    };
  }, [join, update, updateSoon]);

  const move = useCallback(
    (cardId: string, to: Placement) => {
      const s = stateRef.current;
      if (!s.replica) return;
      const from = view(s.replica).placement[cardId] ?? null;
      if (from === to) return;
      const m: PendingMove = { clientMoveId: `m${Date.now().toString(36)}${(moveSeq++).toString(36)}`, cardId, from, to };
      update((st) => (st.replica ? { ...st, replica: addPending(st.replica, m) } : st));
      if (s.status === 'joined' && socketRef.current?.connected) send(m);
    },
    [send, update],
  );

  const command = useCallback(
    (cmd: CommandMessage) =>
      new Promise<CommandAck>((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) return resolve({ ok: false, error: { code: 'internal', message: 'Not connected.' } });
        socket.emit('room:command', cmd, (ack) => {
          if (!ack.ok) update((s) => ({ ...s, error: ack.error }));
          resolve(ack);
        });
      }),
    [update],
  );

  /** a card's move log (a page, older ones with `before`) with its key and description */
  const history = useCallback(
    (cardId: string, before?: number) =>
      new Promise<CardLog>((resolve) =>
        socketRef.current?.emit('card:history', before === undefined ? { cardId } : { cardId, before }, (a: HistoryAck) =>
          resolve(
            a.ok
              ? { events: a.events, more: a.more, key: a.key, description: a.description }
              : { events: [], more: false, key: null, description: '' },
          ),
        ),
      ),
    [],
  );
  const timeline = useCallback(
    (before?: number) =>
      new Promise<EventPage>((resolve) =>
        socketRef.current?.emit('room:timeline', before === undefined ? {} : { before }, (a: EventsAck) =>
          resolve(a.ok ? { events: a.events, more: a.more } : { events: [], more: false }),
        ),
      ),
    [],
  );

  const lastHover = useRef(0);
  const hover = useCallback((cardId: string | null) => {
    // previews are sampled: at most a few per second, and always the final "let go"
    const now = Date.now();
    if (cardId !== null && now - lastHover.current < 250) return;
    lastHover.current = now;
    socketRef.current?.emit('drag:hover', { cardId });
  }, []);

  const board = state.replica ? view(state.replica) : null;
  return {
    state,
    board,
    join,
    move,
    command,
    history,
    timeline,
    hover,
    dismissError: () => update((s) => ({ ...s, error: null })),
    dismissDiscarded: () => update((s) => ({ ...s, discarded: [] })),
  };
}

export type RoomApi = ReturnType<typeof useRoom>;

export interface CardLog extends EventPage {
  key: string | null;
  description: string;
}
