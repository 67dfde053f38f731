// `node --import tsx scripts/bench/write-path.ts [moves] [perTick]`: the server's write path in
// this one process, no sockets: moves go through the room service and the group-commit writer
// into a SQLite file, `perTick` of them per event-loop turn. Prints CPU microseconds per move,
// so a change to the hot path can be judged apart from socket and machine noise.
// Run it with `node --cpu-prof --import tsx ...` to see where the time goes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../db';
import { createBoardCache } from '../../server/services/boards';
import { execute, join as joinRoom } from '../../server/services/rooms';
import { createWorkshop } from '../../server/services/workshops';
import { createWriter } from '../../server/services/writer';
import { NUMERIC_BUCKETS } from './rooms';

const moves = Number(process.argv[2] ?? 20000);
const perTick = Number(process.argv[3] ?? 1);
const cards = Number(process.env.BENCH_CARDS ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'me-write-'));
const store = openSqliteStore(join(dir, 'w.db'));
const boards = createBoardCache();
const writer = createWriter({ store, boards, now: Date.now, publish: () => undefined, evict: async () => undefined });
const deps = { store, boards, writer, now: Date.now };
const w = await createWorkshop(deps, { name: 'W', items: Array.from({ length: cards }, (_, i) => `Item ${i}`) });
const me = (await joinRoom(deps, { sessionId: w.sessionId, name: 'F', facilitatorSecret: w.facilitatorSecret })).me;
const m = { sessionId: w.sessionId, personId: me.participantId };
await execute(deps, m, { type: 'phase.set', phase: 'review' }, []);
const ids = (await boards.current(store.read, w.sessionId))!.cards.map((c) => c.id);

let k = 0;
async function run(n: number) {
  const end = k + n;
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  while (k < end) {
    const batch: Promise<unknown>[] = [];
    for (let i = 0; i < perTick && k < end; i++, k++) {
      batch.push(execute(deps, m, { type: 'card.move', cardId: ids[k % ids.length]!, to: NUMERIC_BUCKETS[Math.floor(k / ids.length) % 9]! }, []));
    }
    await Promise.all(batch);
  }
  const d = process.cpuUsage(t0);
  return { cpuUsPerMove: +((d.user + d.system) / n).toFixed(1), wallUsPerMove: +(((performance.now() - w0) * 1000) / n).toFixed(1) };
}

await run(Math.min(2000, moves));
console.log(JSON.stringify({ cards, perTick, moves, ...(await run(moves)) }));
await store.close();
rmSync(dir, { recursive: true, force: true });
