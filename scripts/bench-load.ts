// `npm run bench`: the realtime load benchmark (docs/hardening.md, README "Measured").
// Starts the real server (no Next) and a bare socket.io relay as child processes, drives them
// with real socket.io clients from this process over loopback, and prints JSON:
//   oneMover       one person moves cards one after another; 50 participants and a projector receive
//   everyoneMoving 50 participants move 2 cards a second each for 30 s (BENCH_SECONDS); nothing may be lost
//   throughput     persisted moves per second, one room and many rooms, clients pipelining
//   memory         server resident memory per room of 15 participants
// Latency is from the mover's emit to each receiver's event, on one clock (this process).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import type { VersionedEvent } from '../domain/board';
import type { JoinAck, MoveAck, WatchAck } from '../domain/protocol';
import { AppProcess } from '../tests/e2e/support/server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RECEIVERS = 50;
const ONE_MOVER_MOVES = Number(process.env.BENCH_MOVES ?? 500);
const WARMUP = 50;
const NUMERIC_BUCKETS = ['v1', 'v2', 'v3', 'v5', 'v8', 'v13', 'v20', 'v40', 'v100'];

type Sock = Socket;
const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 2) => +x.toFixed(d);

function stats(xs: number[]): { samples: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  return { samples: s.length, p50: round(q(0.5)), p95: round(q(0.95)), p99: round(q(0.99)), max: round(s.at(-1) ?? 0) };
}

/** resident memory (KB) and CPU time (ms) of a process, from /proc */
function proc(pid: number) {
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const cpuMs = (Number(f[11]) + Number(f[12])) * 10; // utime + stime in clock ticks of 10 ms
  return { rssKb, cpuMs };
}

function clientPercent(from: NodeJS.CpuUsage, seconds: number) {
  const d = process.cpuUsage(from);
  return round((d.user + d.system) / 1e4 / seconds, 0);
}

const emit = <T>(s: Sock, e: string, p: unknown) => new Promise<T>((r) => s.emit(e, p, r));

function connect(url: string): Promise<Sock> {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

async function startApp(): Promise<AppProcess> {
  // one mover moving back to back is no person: lift the per-connection limit for the benchmark
  const app = new AppProcess({ NO_NEXT: '1', LOG_LEVEL: 'warn', SOCKET_RATE_PER_SECOND: '100000', SOCKET_RATE_BURST: '100000', LIMIT_CREATE_WORKSHOP: '100000/1', LIMIT_API: '100000/1' });
  await app.start();
  return app;
}

async function startRelay(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/relay.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

interface Room {
  sessionId: string;
  fac: Sock;
  people: { s: Sock; id: string }[];
  projector?: Sock;
  cards: string[];
}

async function openRoom(app: AppProcess, cards: number, people: number, projector: boolean): Promise<Room> {
  const w = await app.createWorkshop('Bench', Array.from({ length: cards }, (_, i) => `Backlog item ${i + 1} with a realistic title`));
  const fac = await connect(app.url);
  const fj = await emit<JoinAck>(fac, 'room:join', { sessionId: w.sessionId, name: 'Facilitator', facilitatorSecret: w.facilitatorSecret });
  if (!fj.ok) throw new Error(fj.error.message);
  const joined: Room['people'] = [];
  for (let i = 0; i < people; i++) {
    const s = await connect(app.url);
    const a = await emit<JoinAck>(s, 'room:join', { sessionId: w.sessionId, name: `P${i + 1}` });
    if (!a.ok) throw new Error(a.error.message);
    joined.push({ s, id: a.me.participantId });
  }
  let proj: Sock | undefined;
  if (projector) {
    proj = await connect(app.url);
    const a = await emit<WatchAck>(proj, 'room:watch', { sessionId: w.sessionId });
    if (!a.ok) throw new Error(a.error.message);
  }
  const r = await emit<{ ok: boolean }>(fac, 'room:command', { type: 'phase.set', phase: 'review' });
  if (!r.ok) throw new Error('phase.set refused');
  return { sessionId: w.sessionId, fac, people: joined, ...(proj ? { projector: proj } : {}), cards: fj.snapshot.cards.map((c) => c.id) };
}

const closeAll = (socks: Sock[]) => socks.forEach((s) => s.disconnect());

/**
 * One mover, moves one after another: the time from each emit to its arrival at every receiver.
 * The app and the bare relay are measured by this same loop, so their ratio compares like with like.
 */
async function fanout(receivers: Sock[], event: string, counts: (payload: unknown) => boolean, send: (n: number) => Promise<void>) {
  const lat: number[] = [];
  let t0 = 0;
  let got = 0;
  let done: () => void = () => {};
  let measuring = false;
  for (const s of receivers) {
    s.on(event, (payload: unknown) => {
      if (!counts(payload)) return;
      if (measuring) lat.push(now() - t0);
      if (++got === receivers.length) done();
    });
  }
  for (let n = 0; n < WARMUP + ONE_MOVER_MOVES; n++) {
    measuring = n >= WARMUP;
    got = 0;
    const all = new Promise<void>((r) => (done = r));
    t0 = now();
    await Promise.all([send(n), all]);
  }
  return lat;
}

async function oneMoverApp(app: AppProcess) {
  const room = await openRoom(app, 20, RECEIVERS, true);
  const receivers = [...room.people.map((p) => p.s), room.projector!];
  const lat = await fanout(
    receivers,
    'room:event',
    (e) => (e as VersionedEvent).event.type === 'card.moved',
    async (n) => {
      const a = await emit<MoveAck>(room.fac, 'card:move', { cardId: room.cards[n % room.cards.length], to: NUMERIC_BUCKETS[Math.floor(n / room.cards.length) % NUMERIC_BUCKETS.length] });
      if (!a.ok) throw new Error(`move refused: ${a.error.code}`);
    },
  );
  closeAll([room.fac, ...receivers]);
  return lat;
}

async function oneMoverRelay(url: string) {
  const receivers = await Promise.all(Array.from({ length: RECEIVERS + 1 }, () => connect(url)));
  const mover = await connect(url);
  for (const s of receivers) await emit(s, 'join', 'room');
  const lat = await fanout(
    receivers,
    'moved',
    () => true,
    async (n) => {
      await emit(mover, 'move', { room: 'room', cardId: `card${n % 20}`, to: NUMERIC_BUCKETS[n % 9] });
    },
  );
  closeAll([mover, ...receivers]);
  return lat;
}

/** 50 participants move their own card every 500 ms for SECONDS; every receiver must see every move, in order, and the database must hold every acked one. */
async function everyoneMoving(app: AppProcess) {
  const room = await openRoom(app, RECEIVERS, RECEIVERS, true);
  const all = [room.fac, ...room.people.map((p) => p.s), room.projector!];
  const sent = new Map<string, number[]>(room.people.map((p) => [p.id, []]));
  const lat: number[] = [];
  const versions: number[][] = all.map(() => []);
  all.forEach((s, i) => {
    const seen = new Map<string, number>();
    s.on('room:event', (e: VersionedEvent) => {
      versions[i]!.push(e.version);
      if (e.event.type !== 'card.moved' || !e.by) return;
      const k = seen.get(e.by) ?? 0;
      seen.set(e.by, k + 1);
      const t0 = sent.get(e.by)?.[k];
      if (t0 !== undefined) lat.push(now() - t0);
    });
  });
  const acked: { version: number; cardId: string; to: string }[] = [];
  let refused = 0;
  const cpu0 = proc(app.pid!).cpuMs;
  const client0 = process.cpuUsage();
  const start = now();
  const until = start + SECONDS * 1000;
  await Promise.all(
    room.people.map(async (p, i) => {
      const cardId = room.cards[i]!;
      await sleep(Math.random() * 500);
      const pending: Promise<void>[] = [];
      for (let k = 0, next = now(); next < until; k++, next += 500) {
        const to = NUMERIC_BUCKETS[k % NUMERIC_BUCKETS.length]!;
        sent.get(p.id)!.push(now());
        pending.push(
          emit<MoveAck>(p.s, 'card:move', { cardId, to }).then((a) => {
            if (a.ok) acked.push({ version: a.version, cardId, to });
            else refused++;
          }),
        );
        await sleep(Math.max(0, next + 500 - now()));
      }
      await Promise.all(pending);
    }),
  );
  const elapsed = (now() - start) / 1000;
  const cpu = (proc(app.pid!).cpuMs - cpu0) / 10 / elapsed;
  const clientCpu = clientPercent(client0, elapsed);
  await sleep(500);
  // every receiver saw one contiguous run of versions up to the last one
  const last = Math.max(...acked.map((a) => a.version));
  const gapsOrLoss = versions.filter((v) => v.some((x, j) => j > 0 && x !== v[j - 1]! + 1) || v.at(-1) !== last).length;
  const db = new Database(app.dbPath, { readonly: true });
  // the ack carries the last version of the move: card.moved, or card.flagged right after it (ping-pong)
  const get = db.prepare('select payload from events where session_id = ? and version between ? and ?');
  const missing = acked.filter((a) => {
    const rows = get.all(room.sessionId, a.version - 1, a.version) as { payload: string }[];
    return !rows.some((r) => {
      const e = JSON.parse(r.payload) as { type: string; cardId: string; to: string };
      return e.type === 'card.moved' && e.cardId === a.cardId && e.to === a.to;
    });
  }).length;
  db.close();
  closeAll(all);
  return {
    participants: RECEIVERS,
    movesPerSecondEach: 2,
    seconds: SECONDS,
    movesSent: [...sent.values()].reduce((n, l) => n + l.length, 0),
    movesAcked: acked.length,
    movesRefused: refused,
    acknowledgedButNotInDatabase: missing,
    receiversWithGapsOrLoss: gapsOrLoss,
    serverCpuPercent: round(cpu, 0),
    clientCpuPercent: clientCpu,
    latencyMs: stats(lat),
  };
}

/** Each participant keeps `window` moves in flight for `seconds`; counts persisted (acked) moves. */
async function throughput(app: AppProcess, rooms: number, perRoom: number, seconds: number, window = 4) {
  const opened: Room[] = [];
  for (let r = 0; r < rooms; r++) opened.push(await openRoom(app, perRoom, perRoom, false));
  let acked = 0;
  let refused = 0;
  const cpu0 = proc(app.pid!).cpuMs;
  const client0 = process.cpuUsage();
  const start = now();
  const until = start + seconds * 1000;
  await Promise.all(
    opened.flatMap((room) =>
      room.people.map(async (p, i) => {
        const cardId = room.cards[i]!;
        let k = 0;
        const lane = async () => {
          while (now() < until) {
            const a = await emit<MoveAck>(p.s, 'card:move', { cardId, to: NUMERIC_BUCKETS[k++ % NUMERIC_BUCKETS.length] });
            if (a.ok) acked++;
            else refused++;
          }
        };
        // lanes of one client share a card: a lane may find the card already there (no_change), which is not counted
        await Promise.all(Array.from({ length: window }, lane));
      }),
    ),
  );
  const elapsed = (now() - start) / 1000;
  const cpu = (proc(app.pid!).cpuMs - cpu0) / 10 / elapsed;
  const clientCpu = clientPercent(client0, elapsed);
  for (const room of opened) closeAll([room.fac, ...room.people.map((p) => p.s)]);
  return {
    rooms,
    participantsPerRoom: perRoom,
    seconds,
    persistedMovesPerSecond: Math.round(acked / elapsed),
    refusedNoChange: refused,
    serverCpuPercent: round(cpu, 0),
    clientCpuPercent: clientCpu,
    // what one fully busy server core would persist at this cost per move
    atOneServerCore: Math.round(acked / elapsed / Math.max(0.01, cpu / 100)),
  };
}

/** Server resident memory per room of 15 participants (each joined, 30 moves in the log). */
async function memory(app: AppProcess, rooms: number) {
  const warm = await openRoom(app, 30, 15, false);
  await sleep(500);
  const before = proc(app.pid!).rssKb;
  const opened: Room[] = [];
  for (let r = 0; r < rooms; r++) {
    const room = await openRoom(app, 30, 15, true);
    for (let n = 0; n < 30; n++) await emit(room.people[n % 15]!.s, 'card:move', { cardId: room.cards[n], to: NUMERIC_BUCKETS[n % 9] });
    opened.push(room);
  }
  await sleep(1000);
  const after = proc(app.pid!).rssKb;
  for (const room of [warm, ...opened]) closeAll([room.fac, ...room.people.map((p) => p.s), ...(room.projector ? [room.projector] : [])]);
  return { rooms, participantsPerRoom: 15, projectorPerRoom: 1, cardsPerRoom: 30, rssBeforeMb: round(before / 1024, 1), rssAfterMb: round(after / 1024, 1), perRoomKb: Math.round((after - before) / rooms) };
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memGb: round(totalmem() / 2 ** 30, 1), node: process.version, platform: `${process.platform} ${process.arch}` };
const relay = await startRelay();
let app = await startApp();
try {
  // interleaved, twice each, so JIT warm-up and noise of the machine hit both alike
  const bareRuns = [await oneMoverRelay(relay.url)];
  const appRuns = [await oneMoverApp(app)];
  bareRuns.push(await oneMoverRelay(relay.url));
  appRuns.push(await oneMoverApp(app));
  const bare = stats(bareRuns.flat());
  const mover = stats(appRuns.flat());
  relay.stop();
  const everyone = await everyoneMoving(app);
  const perRoom = await throughput(app, 1, 15, 5);
  const perProcess = await throughput(app, 20, 5, 5);
  await app.dispose();
  app = await startApp();
  const mem = await memory(app, 40);
  console.log(
    JSON.stringify(
      {
        machine,
        oneMover: {
          receivers: `${RECEIVERS} participants + 1 projector`,
          moves: ONE_MOVER_MOVES,
          runs: 2,
          appLatencyMs: mover,
          bareRelayLatencyMs: bare,
          overP50: round(mover.p50 / bare.p50),
          overP99: round(mover.p99 / bare.p99),
        },
        everyoneMoving: everyone,
        throughput: { perRoom, perProcess },
        memory: mem,
      },
      null,
      2,
    ),
  );
} finally {
  relay.stop();
  await app.dispose();
}
