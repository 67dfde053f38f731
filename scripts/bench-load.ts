// `npm run bench`: the realtime load benchmark (method in docs/hardening.md, figures in the README).
// Starts the real server (no Next, BENCH_HOOKS=1) and a bare socket.io relay as child processes,
// drives both with real socket.io clients from this process over loopback, alternating round by
// round, and prints JSON on stdout (progress on stderr). The latency shapes also run Poinz, the
// open-source planning-poker server, when `npm run bench:poinz-setup` has made its checkout:
//   oneMover        one person moves cards one after another; 50 participants and a projector receive
//   everyoneMoving  50 participants move 2 cards a second each; nothing may be lost
//   throughput      persisted moves per second, one room of 15 and 20 rooms of 5, after a warm-up
//   memory          server memory per room of 15 participants and a projector
//   abuse           one mover's acks, quiet and while two hostile clients use every limit to the full (own server, default limits)
// Modes:
//   --cluster       two app processes on Postgres and Redis (scripts/services.mjs), clients split across them
//   --soak          one long-lived server under mixed traffic, a line per minute (BENCH_SOAK_MINUTES, default 10)
//   --only=a,b      run only these shapes (oneMover, everyoneMoving, throughput, memory, abuse)
// Knobs: BENCH_ROUNDS (5), BENCH_MOVES per one-mover round (300), BENCH_SECONDS per everyone-moving
// round (15), BENCH_CARDS per board (200), BENCH_CPU_PROF=<dir> (server .cpuprofile files).
import { cpus, totalmem } from 'node:os';
import { abuse } from './bench/abuse';
import { everyoneMoving, oneMover } from './bench/latency';
import { memory } from './bench/memory';
import { POINZ_DIR, startPoinz, type PoinzTarget } from './bench/poinz';
import { soak } from './bench/soak';
import { startClusterApp, startRelay, startSqliteApp, type AppTarget, type RelayTarget } from './bench/targets';
import { throughput } from './bench/throughput';
import { load1, round, say } from './bench/util';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const want = (shape: string) => !only || only.includes(shape);
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const ROUNDS = num('BENCH_ROUNDS', 5);
const CARDS = num('BENCH_CARDS', 200);

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memGb: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  load1AtStart: load1(),
};

const start = flag('cluster') ? startClusterApp : startSqliteApp;
let app: AppTarget | undefined;
let relay: RelayTarget | undefined;
let poinz: PoinzTarget | null = null;
const out: Record<string, unknown> = { machine };
// a shape that throws must not leave its servers running
process.on('exit', () => {
  relay?.stop();
  poinz?.stop();
  for (const pid of app?.pids() ?? []) {
    try {
      process.kill(pid);
    } catch {
      // already gone
    }
  }
});
try {
  app = await start();
  out.server = app.label;
  say(`bench: ${app.label}; load ${machine.load1AtStart}`);
  if (flag('soak')) {
    out.soak = await soak(app, {
      minutes: num('BENCH_SOAK_MINUTES', 10),
      actors: num('BENCH_SOAK_ACTORS', 8),
      seed: num('BENCH_SEED', 1),
      intervalS: num('BENCH_SOAK_INTERVAL', 60),
    });
  } else {
    relay = await startRelay();
    poinz = want('oneMover') || want('everyoneMoving') ? await startPoinz() : null;
    if (!poinz) say(`bench: Poinz is not set up in ${POINZ_DIR} (npm run bench:poinz-setup); the latency shapes run without it`);
    if (want('oneMover'))
      out.oneMover = await oneMover(app, relay, poinz, { rounds: ROUNDS, moves: num('BENCH_MOVES', 300), cards: CARDS });
    if (want('everyoneMoving'))
      out.everyoneMoving = await everyoneMoving(app, relay, poinz, {
        rounds: Math.max(1, Math.round(ROUNDS / 2) + 0),
        seconds: num('BENCH_SECONDS', 15),
        cards: CARDS,
      });
    if (want('throughput')) {
      const t = { rounds: Math.max(1, Math.round(ROUNDS / 2)), seconds: 5, warmupS: 2, cards: CARDS };
      out.throughput = {
        oneRoom: await throughput(app, relay, { ...t, rooms: 1, perRoom: 15 }),
        perProcess: await throughput(app, relay, { ...t, rooms: 20, perRoom: 5 }),
      };
    }
    if (want('memory')) {
      // a fresh server: the rooms above must not count
      await app.dispose();
      app = await start();
      out.memory = await memory(app, relay, 40);
    }
    // single process only: the limits it measures are per process without Redis
    if (want('abuse') && !flag('cluster'))
      out.abuse = await abuse({ rounds: Math.max(2, Math.round(ROUNDS / 2)), moves: num('BENCH_ABUSE_MOVES', 300) });
  }
  out.load1AtEnd = load1();
  console.log(JSON.stringify(out, null, 2));
} finally {
  relay?.stop();
  poinz?.stop();
  await app?.dispose();
}
