// `node --import tsx scripts/bench/write-path.ts [moves] [perTick] [ratePerSecond]`: the server's
// write path in this one process, no sockets: moves go through the room service and the
// group-commit writer into a SQLite file, `perTick` of them per event-loop turn, back to back
// or at `ratePerSecond`. Prints CPU microseconds per move (the checkpoint worker included), the
// time from submit to commit per move, and event-loop delay: a change to the hot path can be
// judged apart from socket and machine noise. BENCH_CHECKPOINT=sqlite: SQLite's own
// checkpoints inside commits instead of the worker (the comparison for PERF-3).
// Run it with `node --cpu-prof --import tsx ...` to see where the time goes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openSqliteStore } from '../../db';
import { createBoardCache } from '../../server/services/boards';
import { DEFAULT_QUOTAS } from '../../server/services/quotas';
import { execute, join as joinRoom } from '../../server/services/rooms';
import { createWorkshop } from '../../server/services/workshops';
import { createWriter } from '../../server/services/writer';
import { NUMERIC_BUCKETS } from './rooms';
import { stats } from './util';

const moves = Number(process.argv[2] ?? 20000);
const perTick = Number(process.argv[3] ?? 1);
const rate = Number(process.argv[4] ?? 0);
const cards = Number(process.env.BENCH_CARDS ?? 200);
const checkpoint = process.env.BENCH_CHECKPOINT === 'sqlite' ? false : undefined;
const dir = mkdtempSync(join(tmpdir(), 'me-write-'));
const store = openSqliteStore(join(dir, 'w.db'), checkpoint === false ? { checkpoint } : {});
const boards = createBoardCache();
// each batch's transaction time: on SQLite it runs on the event loop from begin to commit
let batchMs: number[] = [];
const writer = createWriter({
  store,
  boards,
  now: Date.now,
  publish: () => undefined,
  evict: async () => undefined,
  observe: (b) => void batchMs.push(b.ms),
});
const deps = { store, boards, writer, now: Date.now, quotas: DEFAULT_QUOTAS };
const w = await createWorkshop(deps, { name: 'W', items: Array.from({ length: cards }, (_, i) => `Item ${i}`) });
const me = (await joinRoom(deps, { sessionId: w.sessionId, name: 'F', facilitatorSecret: w.facilitatorSecret })).me;
const m = { sessionId: w.sessionId, personId: me.participantId };
await execute(deps, m, { type: 'phase.set', phase: 'review' }, []);
const ids = (await boards.current(store.read, w.sessionId))!.cards.map((c) => c.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let k = 0;
async function run(n: number) {
  const end = k + n;
  const lat: number[] = [];
  batchMs = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let tick = 0; k < end; tick++) {
    for (let i = 0; i < perTick && k < end; i++, k++) {
      const sent = performance.now();
      const move = execute(
        deps,
        m,
        { type: 'card.move', cardId: ids[k % ids.length]!, to: NUMERIC_BUCKETS[Math.floor(k / ids.length) % 9]! },
        [],
      );
      pending.push(move.then(() => void lat.push(performance.now() - sent)));
    }
    if (rate > 0) await sleep(Math.max(0, w0 + ((tick + 1) * perTick * 1000) / rate - performance.now()));
    else await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  loop.disable();
  const d = process.cpuUsage(t0);
  return {
    cpuUsPerMove: +((d.user + d.system) / n).toFixed(1),
    wallUsPerMove: +(((performance.now() - w0) * 1000) / n).toFixed(1),
    submitToCommitMs: stats(lat),
    transactionMs: { ...stats(batchMs), over5ms: batchMs.filter((x) => x > 5).length },
    eventLoopDelayMs: { p99: +(loop.percentile(99) / 1e6).toFixed(2), max: +(loop.max / 1e6).toFixed(2) },
  };
}

await run(Math.min(2000, moves));
console.log(
  JSON.stringify({
    cards,
    perTick,
    rate,
    checkpoints: checkpoint === false ? 'sqlite' : 'worker',
    moves,
    ...(await run(moves)),
    worker: store.checkpoints(),
  }),
);
await store.close();
rmSync(dir, { recursive: true, force: true });
