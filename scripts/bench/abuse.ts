// The abuse shape (#10, docs/hardening.md "Nobody can tie it up"): one mover in a 50-person room,
// first quiet, then while two hostile clients send the most expensive inputs the limits let
// through, alternately. The server runs with its default limits (not the bench's lifted ones);
// the two attackers come from addresses of their own through a trusted proxy header, the room
// from 127.0.0.1. The figure is the mover's ack latency (emit until the server's answer).
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import type { MoveAck } from '../../domain/protocol';
import type { Tally } from './attacker';
import { closeRoom, NUMERIC_BUCKETS, openRoom } from './rooms';
import { startSqliteApp, type AppTarget } from './targets';
import { cpuMsOf, emit, load1, median, now, ratio, round, say, sleep, stats, type Sock, type Stats } from './util';

/** BENCH_ABUSE=plan,socket,...: only these attacks (to see what each costs) */
const kinds = (process.env.BENCH_ABUSE ?? 'plan,code,socket,create,session,items,preview').split(',');

/** a person moving fast: ten moves a second (the default socket budget is 20 a second) */
const MOVE_EVERY_MS = 100;

/** a hostile client in a child process (./attacker.ts); `stop` closes its stdin and returns what it got */
function spawnAttacker(app: AppTarget, address: string, roomId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/attacker.ts', app.urls[0]!, address, roomId, kinds.join(',')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // a real attacker's CPU is not this machine's: at the lowest priority its sending uses what the server and the room leave
  if (child.pid) setPriority(child.pid, 19);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    async stop(): Promise<Record<string, Tally>> {
      child.stdin.end();
      await exited;
      return JSON.parse(out || '{}') as Record<string, Tally>;
    },
  };
}

/** the mover's acks, paced like a person, for `moves` moves */
async function moveFor(mover: Sock, cards: string[], moves: number, offset: number): Promise<number[]> {
  const lat: number[] = [];
  let next = now();
  for (let n = 0; n < moves; n++) {
    const t0 = now();
    const a = await emit<MoveAck>(mover, 'card:move', {
      cardId: cards[(offset + n) % cards.length],
      to: NUMERIC_BUCKETS[(offset + n) % NUMERIC_BUCKETS.length],
    });
    if (!a.ok && a.error.code !== 'no_change') throw new Error(`move refused: ${a.error.code}`);
    lat.push(now() - t0);
    next += MOVE_EVERY_MS;
    await sleep(Math.max(0, next - now()));
  }
  return lat;
}

interface AbuseRound {
  round: number;
  load1: number;
  quiet: Stats;
  abused: Stats;
  p99Ratio: number;
  serverCpuPercentAbused: number;
  attackers: Record<string, Tally>[];
}

export async function abuse(opts: { rounds: number; moves: number }) {
  // the attackers' addresses come from X-Forwarded-For, as behind one nginx on this host
  const app = await startSqliteApp({ lifted: false, env: { TRUST_PROXY: 'loopback' } });
  const rounds: AbuseRound[] = [];
  try {
    const room = await openRoom(app, { cards: 200, people: 50, projector: true });
    for (let r = 0; r < opts.rounds; r++) {
      const l = load1();
      const quiet = await moveFor(room.fac, room.cards, opts.moves, r * 2 * opts.moves);
      const cpu0 = cpuMsOf(app.pids());
      const t0 = now();
      const profiled = await app.profile(`abuse-round${r + 1}`);
      const attacks = [1, 2].map((i) => spawnAttacker(app, `198.51.100.${10 * r + i}`, room.sessionId));
      const abused = await moveFor(room.fac, room.cards, opts.moves, (r * 2 + 1) * opts.moves);
      await profiled();
      const cpu = (cpuMsOf(app.pids()) - cpu0) / (now() - t0);
      const tallies = await Promise.all(attacks.map((a) => a.stop()));
      const q = stats(quiet);
      const a = stats(abused);
      rounds.push({
        round: r + 1,
        load1: l,
        quiet: q,
        abused: a,
        p99Ratio: ratio(a.p99, q.p99),
        serverCpuPercentAbused: round(cpu * 100, 0),
        attackers: tallies,
      });
      say(
        `  abuse round ${r + 1}: quiet ack p50 ${q.p50} p99 ${q.p99} | abused p50 ${a.p50} p99 ${a.p99} (${ratio(a.p99, q.p99)}x), server CPU ${round(cpu * 100, 0)} % | load ${l}`,
      );
      say(`    attacker 1: ${JSON.stringify(tallies[0])}`);
    }
    closeRoom(room);
  } finally {
    await app.dispose();
  }
  return {
    room: '50 participants + projector, 200 cards, the facilitator moving 10 cards a second',
    attackers:
      'two addresses, each: worst /api/plan, 2 MB import previews on a workshop of its own, workshops of 500 items, sessions of all 500 items of its own workshop, 500 items added at a time, unknown join codes, and a socket in the room asking for snapshots, timelines and projector views; every loop as fast as answered, waiting out 429s',
    rounds,
    medianP99Ratio: median(rounds.map((x) => x.p99Ratio)),
  };
}
