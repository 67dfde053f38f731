// The two latency shapes. A move's latency is the time from the mover's emit until the LAST
// receiver has it (a room is as fast as its slowest screen); pooling every delivery would hide
// the tail. The app and the bare relay run alternately, round by round, in this one process.
import type { VersionedEvent } from '../../domain/board';
import type { MoveAck } from '../../domain/protocol';
import { boardInDatabase, missingFromLog } from '../../tests/support/sim';
import { randomUUID } from 'node:crypto';
import { closePoinzRoom, estimate, openPoinzRoom, type PoinzEvent, type PoinzTarget } from './poinz';
import { closeRoom, NUMERIC_BUCKETS, openRelayRoom, openRoom, type AppRoom, type RelayRoom } from './rooms';
import type { AppTarget, RelayTarget } from './targets';
import { cpuMsOf, emit, load1, median, now, ratio, round, say, sleep, stats, type Sock, type Stats } from './util';

const RECEIVERS = 50;
/** Poinz's default cards */
const POINZ_VALUES = [1, 2, 3, 5, 8, 13, 21];

interface Side {
  latencyMs: Stats;
  /** one mover: until the FIRST receiver has it (the server's work before its broadcast starts) */
  firstMs?: Stats;
  serverCpuUsPerMove: number;
}

type SideName = 'app' | 'relay' | 'poinz';
type Run = () => Promise<{ lat: number[]; first?: number[]; cpuUs: number }>;

interface Round {
  round: number;
  order: SideName[];
  load1: number;
  app: Side;
  relay: Side;
  p50Ratio: number;
  p99Ratio: number;
  /** Poinz (./poinz.ts) when it is set up: the app's ratios to it */
  poinz?: Side;
  p50RatioToPoinz?: number;
  p99RatioToPoinz?: number;
}

function summary(rounds: Round[], pooled: Record<SideName, number[]>) {
  const withPoinz = rounds.filter((r) => r.poinz);
  return {
    rounds,
    medianP50Ratio: median(rounds.map((r) => r.p50Ratio)),
    medianP99Ratio: median(rounds.map((r) => r.p99Ratio)),
    appPooledMs: stats(pooled.app),
    relayPooledMs: stats(pooled.relay),
    appServerCpuUsPerMove: median(rounds.map((r) => r.app.serverCpuUsPerMove)),
    relayServerCpuUsPerMove: median(rounds.map((r) => r.relay.serverCpuUsPerMove)),
    // where the gap sits: before the broadcast starts (first receiver) or in it (first to last)
    ...(rounds[0]?.app.firstMs
      ? {
          firstReceiverP50Ms: {
            app: median(rounds.map((r) => r.app.firstMs?.p50 ?? 0)),
            relay: median(rounds.map((r) => r.relay.firstMs?.p50 ?? 0)),
            ...(withPoinz.length > 0 ? { poinz: median(withPoinz.map((r) => r.poinz?.firstMs?.p50 ?? 0)) } : {}),
          },
        }
      : {}),
    ...(withPoinz.length > 0
      ? {
          poinz: {
            medianP50Ratio: median(withPoinz.map((r) => r.p50RatioToPoinz ?? 0)),
            medianP99Ratio: median(withPoinz.map((r) => r.p99RatioToPoinz ?? 0)),
            pooledMs: stats(pooled.poinz),
            serverCpuUsPerMove: median(withPoinz.map((r) => r.poinz?.serverCpuUsPerMove ?? 0)),
          },
        }
      : { poinz: `not set up (npm run bench:poinz-setup)` }),
    load1: rounds.map((r) => r.load1),
  };
}

/** Runs every side once per round, the order rotating from round to round, and keeps each round's ratios. */
async function alternate(app: AppTarget, rounds: number, runs: { app: Run; relay: Run; poinz?: Run | undefined }, label: string) {
  const out: Round[] = [];
  const pooled: Record<SideName, number[]> = { app: [], relay: [], poinz: [] };
  const names: SideName[] = runs.poinz ? ['relay', 'app', 'poinz'] : ['relay', 'app'];
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]!);
    const l = load1();
    const got: Partial<Record<SideName, Side>> = {};
    for (const name of order) {
      const stop = name === 'app' ? await app.profile(`${label.replace(/ /g, '-')}-round${r + 1}`) : async () => undefined;
      const s = await runs[name]!();
      await stop();
      pooled[name].push(...s.lat);
      got[name] = {
        latencyMs: stats(s.lat),
        ...(s.first ? { firstMs: stats(s.first) } : {}),
        serverCpuUsPerMove: round(s.cpuUs / Math.max(1, s.lat.length), 0),
      };
      await sleep(300);
    }
    const a = got.app!;
    const b = got.relay!;
    const p = got.poinz;
    out.push({
      round: r + 1,
      order,
      load1: l,
      app: a,
      relay: b,
      p50Ratio: ratio(a.latencyMs.p50, b.latencyMs.p50),
      p99Ratio: ratio(a.latencyMs.p99, b.latencyMs.p99),
      ...(p
        ? { poinz: p, p50RatioToPoinz: ratio(a.latencyMs.p50, p.latencyMs.p50), p99RatioToPoinz: ratio(a.latencyMs.p99, p.latencyMs.p99) }
        : {}),
    });
    const first = (x: Side) => (x.firstMs ? ` first ${x.firstMs.p50}` : '');
    const poinzPart = p ? ` | poinz p50 ${p.latencyMs.p50} p99 ${p.latencyMs.p99}${first(p)}` : '';
    say(
      `  ${label} round ${r + 1}: app p50 ${a.latencyMs.p50} p99 ${a.latencyMs.p99}${first(a)} | relay p50 ${b.latencyMs.p50} p99 ${b.latencyMs.p99}${first(b)}${poinzPart} | load ${l}`,
    );
  }
  return summary(out, pooled);
}

/**
 * One mover, moves one after another (the next when every receiver has the last): per move,
 * the time until the last of the receivers has it. Same loop for app and relay.
 */
async function closedLoop(
  receivers: Sock[],
  event: string,
  counts: (payload: unknown) => boolean,
  send: (n: number) => Promise<void>,
  moves: number,
  warmup: number,
) {
  const lat: number[] = [];
  const first: number[] = [];
  let t0 = 0;
  let got = 0;
  let firstAt = 0;
  let done: () => void = () => {};
  const on = (payload: unknown) => {
    if (!counts(payload)) return;
    if (got === 0) firstAt = now();
    if (++got === receivers.length) done();
  };
  for (const s of receivers) s.on(event, on);
  for (let n = 0; n < warmup + moves; n++) {
    got = 0;
    const all = new Promise<void>((r) => (done = r));
    t0 = now();
    await send(n);
    await all;
    if (n >= warmup) {
      lat.push(now() - t0);
      first.push(firstAt - t0);
    }
  }
  for (const s of receivers) s.off(event, on);
  return { lat, first };
}

export async function oneMover(
  app: AppTarget,
  relay: RelayTarget,
  poinz: PoinzTarget | null,
  opts: { rounds: number; moves: number; cards: number },
) {
  const room = await openRoom(app, { cards: opts.cards, people: RECEIVERS, projector: true });
  const receivers = [...room.people.map((p) => p.s), room.projector!];
  // the relay's mover is in the room too and gets its own move back, as the app's facilitator does
  const relayRoom = await openRelayRoom(relay, RECEIVERS + 2);
  const relayMover = relayRoom.sockets[0]!;
  const relayReceivers = relayRoom.sockets.slice(1);
  let appN = 0;
  let relayN = 0;
  const warmup = Math.max(10, Math.round(opts.moves / 10));
  const runApp = async () => {
    const cpu0 = cpuMsOf(app.pids());
    const { lat, first } = await closedLoop(
      receivers,
      'room:event',
      (e) => (e as VersionedEvent).event.type === 'card.moved',
      async () => {
        const n = appN++;
        const to = NUMERIC_BUCKETS[Math.floor(n / room.cards.length) % NUMERIC_BUCKETS.length];
        const a = await emit<MoveAck>(room.fac, 'card:move', { cardId: room.cards[n % room.cards.length], to });
        if (!a.ok) throw new Error(`move refused: ${a.error.code}`);
      },
      opts.moves,
      warmup,
    );
    return { lat, first, cpuUs: (cpuMsOf(app.pids()) - cpu0) * 1000 };
  };
  const runRelay = async () => {
    const cpu0 = cpuMsOf([relay.pid]);
    const { lat, first } = await closedLoop(
      relayReceivers,
      'moved',
      () => true,
      async () => {
        const n = relayN++;
        await emit(relayMover, 'move', { room: relayRoom.name, cardId: `card${n % opts.cards}`, to: NUMERIC_BUCKETS[n % 9] });
      },
      opts.moves,
      warmup,
    );
    return { lat, first, cpuUs: (cpuMsOf([relay.pid]) - cpu0) * 1000 };
  };
  // Poinz: the mover is one of its 52 users and gets its own estimate back, as the others do
  const poinzRoom = poinz ? await openPoinzRoom(poinz, RECEIVERS + 2) : null;
  let poinzN = 0;
  const runPoinz = async () => {
    if (!poinz || !poinzRoom) throw new Error('Poinz is not running');
    const cpu0 = cpuMsOf([poinz.pid]);
    const { lat, first } = await closedLoop(
      poinzRoom.sockets,
      'event',
      (e) => (e as PoinzEvent).name === 'storyEstimateGiven',
      async () => void estimate(poinzRoom.sockets[0]!, poinzRoom, 0, POINZ_VALUES[poinzN++ % POINZ_VALUES.length]!),
      opts.moves,
      warmup,
    );
    return { lat, first, cpuUs: (cpuMsOf([poinz.pid]) - cpu0) * 1000 };
  };
  const result = await alternate(app, opts.rounds, { app: runApp, relay: runRelay, poinz: poinz ? runPoinz : undefined }, 'one mover');
  closeRoom(room);
  closeRoom(relayRoom);
  if (poinzRoom) closePoinzRoom(poinzRoom);
  return { receivers: `${RECEIVERS} participants + 1 projector`, cards: opts.cards, movesPerRound: opts.moves, ...result };
}

interface Tracker {
  /** per move key: send time and receivers that have it */
  moves: Map<string, { t0: number; got: number }>;
  lat: number[];
}

function tracker(receivers: number): Tracker & { sent(key: string): void; got(key: string): void } {
  const moves = new Map<string, { t0: number; got: number }>();
  const lat: number[] = [];
  return {
    moves,
    lat,
    sent: (key) => void moves.set(key, { t0: now(), got: 0 }),
    got(key) {
      const m = moves.get(key);
      if (!m) return;
      if (++m.got === receivers) {
        lat.push(now() - m.t0);
        moves.delete(key);
      }
    },
  };
}

/** Each of `movers` sends a move every 500 ms for `seconds`, starting at random offsets. */
async function paced(movers: number, seconds: number, send: (i: number, k: number) => Promise<void>) {
  const until = now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: movers }, async (_, i) => {
      await sleep(((i * 37) % 50) * 10);
      const pending: Promise<void>[] = [];
      for (let k = 0, next = now(); next < until; k++, next += 500) {
        pending.push(send(i, k));
        await sleep(Math.max(0, next + 500 - now()));
      }
      await Promise.all(pending);
    }),
  );
}

/**
 * 50 participants move their own card every 500 ms; every receiver (all 50, the facilitator
 * and the projector) must see every move, in order, and the database must hold every acked one.
 */
export async function everyoneMoving(
  app: AppTarget,
  relay: RelayTarget,
  poinz: PoinzTarget | null,
  opts: { rounds: number; seconds: number; cards: number },
) {
  const room: AppRoom = await openRoom(app, { cards: Math.max(opts.cards, RECEIVERS), people: RECEIVERS, projector: true });
  const all = room.all();
  const versions: number[][] = all.map(() => []);
  const acked: { version: number; cardId: string; to: string }[] = [];
  let sent = 0;
  let refused = 0;
  const k = new Map<string, number>();
  let current = tracker(all.length);
  all.forEach((s, i) => {
    const seen = new Map<string, number>();
    s.on('room:event', (e: VersionedEvent) => {
      versions[i]!.push(e.version);
      if (e.event.type !== 'card.moved' || !e.by) return;
      const n = seen.get(e.by) ?? 0;
      seen.set(e.by, n + 1);
      current.got(`${e.by}:${n}`);
    });
  });
  const runApp = async () => {
    current = tracker(all.length);
    const t = current;
    const cpu0 = cpuMsOf(app.pids());
    await paced(RECEIVERS, opts.seconds, async (i) => {
      const p = room.people[i]!;
      const n = k.get(p.id) ?? 0;
      k.set(p.id, n + 1);
      const cardId = room.cards[i]!;
      const to = NUMERIC_BUCKETS[n % NUMERIC_BUCKETS.length]!;
      sent++;
      t.sent(`${p.id}:${n}`);
      const a = await emit<MoveAck>(p.s, 'card:move', { cardId, to });
      if (a.ok) acked.push({ version: a.version, cardId, to });
      else refused++;
    });
    await sleep(300);
    return { lat: t.lat, cpuUs: (cpuMsOf(app.pids()) - cpu0) * 1000 };
  };

  const relayRoom: RelayRoom = await openRelayRoom(relay, RECEIVERS + 2);
  let relayT = tracker(relayRoom.sockets.length);
  for (const s of relayRoom.sockets) s.on('moved', (m: { key: string }) => relayT.got(m.key));
  let relayK = 0;
  const runRelay = async () => {
    relayT = tracker(relayRoom.sockets.length);
    const t = relayT;
    const cpu0 = cpuMsOf([relay.pid]);
    await paced(RECEIVERS, opts.seconds, async (i) => {
      const key = `r${relayK++}`;
      t.sent(key);
      await emit(relayRoom.sockets[i]!, 'move', { room: relayRoom.name, key, cardId: `card${i}`, to: NUMERIC_BUCKETS[relayK % 9] });
    });
    await sleep(300);
    return { lat: t.lat, cpuUs: (cpuMsOf([relay.pid]) - cpu0) * 1000 };
  };

  // Poinz: users 1..50 estimate every 500 ms; an estimate's event carries its command's id
  const poinzRoom = poinz ? await openPoinzRoom(poinz, RECEIVERS + 2) : null;
  let poinzT = tracker(RECEIVERS + 2);
  for (const s of poinzRoom?.sockets ?? [])
    s.on('event', (e: PoinzEvent) => {
      if (e.name === 'storyEstimateGiven' && e.correlationId) poinzT.got(e.correlationId);
    });
  let poinzK = 0;
  const runPoinz = async () => {
    if (!poinz || !poinzRoom) throw new Error('Poinz is not running');
    poinzT = tracker(poinzRoom.sockets.length);
    const t = poinzT;
    const cpu0 = cpuMsOf([poinz.pid]);
    await paced(RECEIVERS, opts.seconds, async (i) => {
      const u = i + 1;
      // the tracker's clock starts before the emit, as the app's and the relay's do
      const id = randomUUID();
      t.sent(id);
      estimate(poinzRoom.sockets[u]!, poinzRoom, u, POINZ_VALUES[poinzK++ % POINZ_VALUES.length]!, id);
    });
    await sleep(300);
    return { lat: t.lat, cpuUs: (cpuMsOf([poinz.pid]) - cpu0) * 1000 };
  };

  const result = await alternate(
    app,
    opts.rounds,
    { app: runApp, relay: runRelay, poinz: poinz ? runPoinz : undefined },
    'everyone moving',
  );
  // every receiver saw every version up to the last one; in order, where one process serves the
  // room (across processes an event can overtake another, and the client then asks for a snapshot)
  const last = Math.max(...acked.map((a) => a.version));
  // (each from the first version it saw: people joined one after another)
  const receiversMissingEvents = versions.filter((v) => new Set(v).size !== last - Math.min(...v) + 1 || Math.max(...v) !== last).length;
  const outOfOrderDeliveries = versions.reduce((n, v) => n + v.filter((x, j) => j > 0 && x !== v[j - 1]! + 1).length, 0);
  // acknowledged means durable: every acked move must be in the database's log (SQLite or Postgres)
  const missing = missingFromLog((await boardInDatabase(app.db, room.sessionId)).events, acked).length;
  closeRoom(room);
  closeRoom(relayRoom);
  if (poinzRoom) closePoinzRoom(poinzRoom);
  return {
    participants: RECEIVERS,
    receivers: all.length,
    movesPerSecondEach: 2,
    secondsPerRound: opts.seconds,
    movesSent: sent,
    movesAcked: acked.length,
    movesRefused: refused,
    acknowledgedButNotInDatabase: missing,
    receiversMissingEvents,
    outOfOrderDeliveries,
    ...result,
  };
}
