// Rooms full of socket.io clients, on the app and on the bare relay.
import type { JoinAck, WatchAck } from '../../domain/protocol';
import type { AppTarget, RelayTarget } from './targets';
import { closeAll, connect, emit, type Sock } from './util';

export const NUMERIC_BUCKETS = ['v1', 'v2', 'v3', 'v5', 'v8', 'v13', 'v20', 'v40', 'v100'];
export const TITLE = (i: number) => `Backlog item ${i + 1} with a realistic title`;

export interface AppRoom {
  sessionId: string;
  workshopId: string;
  secret: string;
  fac: Sock;
  people: { s: Sock; id: string; token: string }[];
  projector?: Sock;
  cards: string[];
  all(): Sock[];
}

/** client i of a room connects to process i mod n, so in a cluster every broadcast crosses processes */
export const urlOf = (app: AppTarget, i: number) => app.urls[i % app.urls.length]!;

export async function joinAs(app: AppTarget, i: number, sessionId: string, name: string) {
  const s = await connect(urlOf(app, i));
  const a = await emit<JoinAck>(s, 'room:join', { sessionId, name });
  if (!a.ok) throw new Error(a.error.message);
  return { s, id: a.me.participantId, token: a.me.participantToken };
}

export async function openRoom(
  app: AppTarget,
  opts: { cards: number; people: number; projector: boolean; phase?: 'review' | 'setup' },
): Promise<AppRoom> {
  const w = await app.createWorkshop(
    'Bench',
    Array.from({ length: opts.cards }, (_, i) => TITLE(i)),
  );
  const fac = await connect(urlOf(app, 0));
  const fj = await emit<JoinAck>(fac, 'room:join', { sessionId: w.sessionId, name: 'Facilitator', facilitatorSecret: w.facilitatorSecret });
  if (!fj.ok) throw new Error(fj.error.message);
  const people: AppRoom['people'] = [];
  for (let i = 0; i < opts.people; i++) people.push(await joinAs(app, i + 1, w.sessionId, `P${i + 1}`));
  let projector: Sock | undefined;
  if (opts.projector) {
    projector = await connect(urlOf(app, opts.people + 1));
    const a = await emit<WatchAck>(projector, 'room:watch', { sessionId: w.sessionId });
    if (!a.ok) throw new Error(a.error.message);
  }
  if ((opts.phase ?? 'review') === 'review') {
    const r = await emit<{ ok: boolean }>(fac, 'room:command', { type: 'phase.set', phase: 'review' });
    if (!r.ok) throw new Error('phase.set refused');
  }
  const room: AppRoom = {
    sessionId: w.sessionId,
    workshopId: w.workshopId,
    secret: w.facilitatorSecret,
    fac,
    people,
    ...(projector ? { projector } : {}),
    cards: fj.snapshot.cards.map((c) => c.id),
    all: () => [fac, ...people.map((p) => p.s), ...(projector ? [projector] : [])],
  };
  return room;
}

let relayRooms = 0;

export interface RelayRoom {
  name: string;
  sockets: Sock[];
}

/** n sockets joined to one relay room */
export async function openRelayRoom(relay: RelayTarget, n: number): Promise<RelayRoom> {
  const name = `room${++relayRooms}`;
  const sockets: Sock[] = [];
  for (let i = 0; i < n; i++) {
    const s = await connect(relay.url);
    await emit(s, 'join', name);
    sockets.push(s);
  }
  return { name, sockets };
}

export const closeRoom = (r: AppRoom | RelayRoom) => closeAll('sockets' in r ? r.sockets : r.all());
