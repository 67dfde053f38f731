// `node --import tsx scripts/bench/report.ts <bench.json>`: the README's realtime table from one
// `npm run bench` result (saved with `npm run bench > bench.json`), so the table is never
// assembled by hand from several runs.
import { readFileSync } from 'node:fs';

interface Pooled {
  p50: number;
  p99: number;
}
interface PoinzSide {
  medianP50Ratio: number;
  medianP99Ratio: number;
  pooledMs: Pooled;
  serverCpuUsPerMove: number;
}
interface LatencyShape {
  rounds: { load1: number }[];
  /** a string when Poinz was not set up */
  poinz: PoinzSide | string;
  medianP50Ratio: number;
  medianP99Ratio: number;
  appPooledMs: Pooled;
  relayPooledMs: Pooled;
  appServerCpuUsPerMove: number;
  relayServerCpuUsPerMove: number;
}
interface Throughput {
  rounds: { load1: number }[];
  medianAppPersistedMovesPerSecond: number;
  medianRelayMessagesPerSecond: number;
  medianRatio: number;
  medianAppServerCpuUsPerMove: number;
  medianRelayServerCpuUsPerMessage: number;
}
interface FirstReceiver {
  firstReceiverP50Ms?: { app: number; relay: number; poinz?: number };
}
interface Result {
  machine: { cpus: number; cpu: string; node: string };
  server: string;
  oneMover?: LatencyShape & FirstReceiver & { movesPerRound: number };
  everyoneMoving?: LatencyShape & {
    movesSent: number;
    movesAcked: number;
    acknowledgedButNotInDatabase: number;
    receiversMissingEvents: number;
    outOfOrderDeliveries: number;
    secondsPerRound: number;
  };
  throughput?: { oneRoom: Throughput; perProcess: Throughput };
  memory?: { rooms: number; load1: number; appRssPerRoomKb: number; appHeapAfterGcPerRoomKb: number; relayRssPerRoomKb: number };
  abuse?: { rounds: { load1: number; quiet: Pooled; abused: Pooled; p99Ratio: number }[]; medianP99Ratio: number };
}

const file = process.argv[2];
if (!file) {
  console.error('usage: report.ts <bench.json>');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
// `npm run bench > file` also captures npm's two header lines
const r = JSON.parse(text.slice(text.indexOf('{'))) as Result;
const loads = (rounds: { load1: number }[]) => {
  const l = rounds.map((x) => x.load1);
  return `load ${Math.min(...l)}-${Math.max(...l)}`;
};
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
const rows: string[][] = [];
const o = r.oneMover;
if (o) {
  const n = o.rounds.length;
  rows.push([
    'one mover, 50 participants + projector, p50 (last receiver)',
    '<= bare relay',
    `${o.appPooledMs.p50} ms (relay ${o.relayPooledMs.p50} ms); median of ${n} round ratios ${o.medianP50Ratio}x; ${loads(o.rounds)}`,
    verdict(o.medianP50Ratio <= 1),
  ]);
  rows.push([
    'same, p99',
    '<= bare relay',
    `${o.appPooledMs.p99} ms (relay ${o.relayPooledMs.p99} ms); median ratio ${o.medianP99Ratio}x`,
    verdict(o.medianP99Ratio <= 1),
  ]);
  const p = o.poinz;
  if (typeof p !== 'string')
    rows.push([
      'same against Poinz (in memory, nothing persisted), p50 / p99',
      'p99 <= Poinz',
      `${o.appPooledMs.p50} / ${o.appPooledMs.p99} ms (Poinz ${p.pooledMs.p50} / ${p.pooledMs.p99} ms); median round ratios ${p.medianP50Ratio}x / ${p.medianP99Ratio}x`,
      verdict(p.medianP99Ratio <= 1),
    ]);
  const f = o.firstReceiverP50Ms;
  if (f)
    rows.push([
      'same, p50 until the first receiver has it (what comes before the broadcast: for the app, the durable commit)',
      '',
      `${f.app} ms (relay ${f.relay} ms${f.poinz !== undefined ? `, Poinz ${f.poinz} ms` : ''})`,
      '',
    ]);
  rows.push([
    'same, server CPU per move (fan-out to 52 sockets included)',
    '',
    `${o.appServerCpuUsPerMove} us (relay ${o.relayServerCpuUsPerMove} us${typeof p === 'string' ? '' : `, Poinz ${p.serverCpuUsPerMove} us`})`,
    '',
  ]);
}
const e = r.everyoneMoving;
if (e) {
  rows.push([
    `everyone moving: 50 x 2 moves/s, ${e.rounds.length} rounds of ${e.secondsPerRound} s, p99 (last receiver)`,
    '<= 1.5x bare relay',
    `${e.appPooledMs.p99} ms (relay ${e.relayPooledMs.p99} ms); median ratio ${e.medianP99Ratio}x (p50 ${e.appPooledMs.p50} vs ${e.relayPooledMs.p50} ms); ${loads(e.rounds)}`,
    verdict(e.medianP99Ratio <= 1.5),
  ]);
  const p = e.poinz;
  if (typeof p !== 'string')
    rows.push([
      'same against Poinz, p50 / p99',
      '',
      `${e.appPooledMs.p50} / ${e.appPooledMs.p99} ms (Poinz ${p.pooledMs.p50} / ${p.pooledMs.p99} ms); median round ratios ${p.medianP50Ratio}x / ${p.medianP99Ratio}x; CPU per move ${e.appServerCpuUsPerMove} us (Poinz ${p.serverCpuUsPerMove} us)`,
      '',
    ]);
  rows.push([
    'same, nothing lost',
    '0',
    `${e.movesSent} sent, ${e.movesAcked} acked, ${e.acknowledgedButNotInDatabase} acked but not in the database, ${e.receiversMissingEvents} receivers missing events, ${e.outOfOrderDeliveries} deliveries out of order`,
    verdict(e.acknowledgedButNotInDatabase === 0 && e.receiversMissingEvents === 0 && e.movesAcked === e.movesSent),
  ]);
}
const t = r.throughput;
if (t) {
  const p = t.perProcess;
  rows.push([
    'persisted moves per second per process (20 rooms x 5 movers, 4 in flight each)',
    '>= 0.5x bare relay',
    `${p.medianAppPersistedMovesPerSecond}/s (relay ${p.medianRelayMessagesPerSecond}/s); median ratio ${p.medianRatio}x; server CPU ${p.medianAppServerCpuUsPerMove} us/move (relay ${p.medianRelayServerCpuUsPerMessage} us); ${loads(p.rounds)}`,
    verdict(p.medianRatio >= 0.5),
  ]);
  const q = t.oneRoom;
  rows.push([
    'persisted moves per second, one room of 15 movers',
    '',
    `${q.medianAppPersistedMovesPerSecond}/s (relay ${q.medianRelayMessagesPerSecond}/s); median ratio ${q.medianRatio}x; ${q.medianAppServerCpuUsPerMove} us/move (relay ${q.medianRelayServerCpuUsPerMessage} us)`,
    '',
  ]);
}
const m = r.memory;
if (m) {
  rows.push([
    'memory per room of 15 participants + projector, 30 cards',
    '<= 0.6 MB',
    `${(m.appRssPerRoomKb / 1024).toFixed(2)} MB RSS, ${(m.appHeapAfterGcPerRoomKb / 1024).toFixed(2)} MB heap after GC (${m.rooms} rooms; relay RSS ${m.relayRssPerRoomKb} KB); load ${m.load1}`,
    verdict(m.appRssPerRoomKb <= 0.6 * 1024),
  ]);
}
const a = r.abuse;
if (a) {
  const q = a.rounds.map((x) => x.quiet.p99);
  const b = a.rounds.map((x) => x.abused.p99);
  rows.push([
    "abuse: one mover's ack p99 (50 participants + projector) while two hostile clients use every limit",
    '< 2x quiet',
    `${Math.min(...b)}-${Math.max(...b)} ms against ${Math.min(...q)}-${Math.max(...q)} ms quiet; median of ${a.rounds.length} round ratios ${a.medianP99Ratio}x; ${loads(a.rounds)}`,
    verdict(a.medianP99Ratio < 2),
  ]);
}
console.log(`${r.server}; ${r.machine.cpus} cores (${r.machine.cpu}), Node ${r.machine.node.replace(/^v/, '')}\n`);
console.log('| what | target | measured | |\n| --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
