// Persisted moves per second: every mover keeps `window` moves in flight. After a warm-up, the
// app's acked (= committed) moves per second are compared with the bare relay's acked messages
// per second, same clients, same rooms, alternating round by round.
import type { MoveAck } from '../../domain/protocol';
import { closeRoom, NUMERIC_BUCKETS, openRelayRoom, openRoom, type AppRoom, type RelayRoom } from './rooms';
import type { AppTarget, RelayTarget } from './targets';
import { cpuMsOf, load1, median, now, ratio, round, say, sleep, emit } from './util';

const WINDOW = 4;

interface Lanes {
  /** sends one move on mover m's lane; resolves true if it was persisted (acked ok) */
  send(m: number, k: number): Promise<boolean>;
  movers: number;
}

async function drive(lanes: Lanes, warmupS: number, seconds: number, pids: number[]) {
  let counting = false;
  let acked = 0;
  let refused = 0;
  let cpu0 = 0;
  let client0 = process.cpuUsage();
  let t0 = 0;
  const stopAt = now() + (warmupS + seconds) * 1000;
  const countFrom = now() + warmupS * 1000;
  const k = new Array<number>(lanes.movers).fill(0);
  const lane = async (m: number) => {
    while (now() < stopAt) {
      if (!counting && now() >= countFrom) {
        counting = true;
        cpu0 = cpuMsOf(pids);
        client0 = process.cpuUsage();
        t0 = now();
      }
      const ok = await lanes.send(m, k[m]!++);
      if (!counting) continue;
      if (ok) acked++;
      else refused++;
    }
  };
  await Promise.all(Array.from({ length: lanes.movers * WINDOW }, (_, i) => lane(i % lanes.movers)));
  const elapsed = (now() - t0) / 1000;
  const cpuMs = cpuMsOf(pids) - cpu0;
  const client = process.cpuUsage(client0);
  return {
    clientCpuPercent: round((client.user + client.system) / 1e4 / elapsed, 0),
    perSecond: Math.round(acked / elapsed),
    refused,
    serverCpuPercent: round(cpuMs / 10 / elapsed, 0),
    serverCpuUsPer: round((cpuMs * 1000) / Math.max(1, acked), 0),
  };
}

export async function throughput(
  app: AppTarget,
  relay: RelayTarget,
  opts: { rooms: number; perRoom: number; cards: number; rounds: number; seconds: number; warmupS: number },
) {
  const rooms: AppRoom[] = [];
  for (let r = 0; r < opts.rooms; r++)
    rooms.push(await openRoom(app, { cards: Math.max(opts.cards, opts.perRoom), people: opts.perRoom, projector: false }));
  const relayRooms: RelayRoom[] = [];
  // the relay's rooms hold the movers and one listener, as the app's hold them and the facilitator
  for (let r = 0; r < opts.rooms; r++) relayRooms.push(await openRelayRoom(relay, opts.perRoom + 1));
  const movers = opts.rooms * opts.perRoom;
  const appLanes: Lanes = {
    movers,
    async send(m, k) {
      const room = rooms[Math.floor(m / opts.perRoom)]!;
      const i = m % opts.perRoom;
      // consecutive moves of one mover go to different buckets: none is refused as no_change
      const a = await emit<MoveAck>(room.people[i]!.s, 'card:move', {
        cardId: room.cards[i],
        to: NUMERIC_BUCKETS[k % NUMERIC_BUCKETS.length],
      });
      return a.ok;
    },
  };
  const relayLanes: Lanes = {
    movers,
    async send(m, k) {
      const room = relayRooms[Math.floor(m / opts.perRoom)]!;
      await emit(room.sockets[m % opts.perRoom]!, 'move', { room: room.name, cardId: `card${m}`, to: NUMERIC_BUCKETS[k % 9] });
      return true;
    },
  };
  const rounds = [];
  for (let r = 0; r < opts.rounds; r++) {
    const l = load1();
    const first = r % 2 === 0 ? 'relay' : 'app';
    let a: Awaited<ReturnType<typeof drive>> | undefined;
    let b: Awaited<ReturnType<typeof drive>> | undefined;
    for (const side of first === 'app' ? ['app', 'relay'] : ['relay', 'app']) {
      if (side === 'app') {
        const stop = await app.profile(`throughput-${opts.rooms}x${opts.perRoom}-round${r + 1}`);
        a = await drive(appLanes, opts.warmupS, opts.seconds, app.pids());
        await stop();
      } else b = await drive(relayLanes, opts.warmupS, opts.seconds, [relay.pid]);
      await sleep(300);
    }
    rounds.push({
      round: r + 1,
      first,
      load1: l,
      appPersistedMovesPerSecond: a!.perSecond,
      appRefused: a!.refused,
      appServerCpuPercent: a!.serverCpuPercent,
      appServerCpuUsPerMove: a!.serverCpuUsPer,
      appClientCpuPercent: a!.clientCpuPercent,
      relayMessagesPerSecond: b!.perSecond,
      relayServerCpuPercent: b!.serverCpuPercent,
      relayServerCpuUsPerMessage: b!.serverCpuUsPer,
      relayClientCpuPercent: b!.clientCpuPercent,
      ratio: ratio(a!.perSecond, b!.perSecond),
    });
    say(
      `  throughput ${opts.rooms}x${opts.perRoom} round ${r + 1}: app ${a!.perSecond}/s (server ${a!.serverCpuUsPer} us/move, ${a!.serverCpuPercent} %; ` +
        `client ${a!.clientCpuPercent} %) | relay ${b!.perSecond}/s (${b!.serverCpuUsPer} us/msg, ${b!.serverCpuPercent} %; client ${b!.clientCpuPercent} %) | load ${l}`,
    );
  }
  for (const room of rooms) closeRoom(room);
  for (const room of relayRooms) closeRoom(room);
  return {
    rooms: opts.rooms,
    moversPerRoom: opts.perRoom,
    cardsPerRoom: Math.max(opts.cards, opts.perRoom),
    inFlightPerMover: WINDOW,
    warmupSeconds: opts.warmupS,
    secondsPerRound: opts.seconds,
    rounds,
    medianAppPersistedMovesPerSecond: median(rounds.map((r) => r.appPersistedMovesPerSecond)),
    medianRelayMessagesPerSecond: median(rounds.map((r) => r.relayMessagesPerSecond)),
    medianRatio: median(rounds.map((r) => r.ratio)),
    medianAppServerCpuUsPerMove: median(rounds.map((r) => r.appServerCpuUsPerMove)),
    medianRelayServerCpuUsPerMessage: median(rounds.map((r) => r.relayServerCpuUsPerMessage)),
  };
}
