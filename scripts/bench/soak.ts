// `npm run bench -- --soak`: one long-lived server under mixed traffic, as a facilitator's server
// sees it over weeks, compressed: workshops created, used and abandoned (hundreds), people
// joining, leaving and coming back, moves in sorting, review and discussion, imports, plan and
// history requests. Every minute it prints the server's CPU per persisted move, event-loop delay
// p99, heap after a full GC, RSS and the sizes of its in-memory maps. The traffic comes from a
// seeded generator, so two runs send the same mix.
import type { VersionedEvent } from '../../domain/board';
import type { CommandAck, JoinAck, MoveAck, SyncAck } from '../../domain/protocol';
import { joinAs, NUMERIC_BUCKETS, urlOf, type AppRoom } from './rooms';
import type { AppTarget, HookStats } from './targets';
import { closeAll, connect, emit, load1, now, ratio, rng, round, say, sleep, stats, type Rng, type Sock } from './util';

/** the worked example of the method (docs/planning.md) */
const PLAN = {
  backlog: { totalAp: 47 },
  references: [{ id: 'ref-1', title: 'Login with e-mail', ap: 3, sp: 24 }],
  velocity: { unit: 'SP', assumed: 24 },
  sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
  team: { people: 3, dayRateMinor: 80000, daysPerSprint: 10 },
  budget: { amountMinor: 39000000 },
  currency: 'EUR',
};

interface Counters {
  moves: number;
  workshops: number;
  joins: number;
  leaves: number;
  imports: number;
  plans: number;
  errors: number;
  ackMs: number[];
}

const fresh = (): Counters => ({ moves: 0, workshops: 0, joins: 0, leaves: 0, imports: 0, plans: 0, errors: 0, ackMs: [] });

class Workshop {
  private readonly events: VersionedEvent[] = [];
  hands: Record<string, string> = {};
  flags = new Set<string>();
  constructor(
    readonly app: AppTarget,
    readonly room: AppRoom,
    readonly c: Counters,
  ) {
    room.fac.on('room:event', (e: VersionedEvent) => {
      this.events.push(e);
      if (e.event.type === 'cards.dealt') this.hands = e.event.hands;
      if (e.event.type === 'card.flagged') this.flags.add(e.event.cardId);
      if (e.event.type === 'card.unflagged') this.flags.delete(e.event.cardId);
    });
  }

  async command(cmd: object) {
    const a = await emit<CommandAck>(this.room.fac, 'room:command', cmd);
    if (!a.ok) this.c.errors++;
    return a.ok;
  }

  async move(s: Sock, cardId: string, to: string | null) {
    const t0 = now();
    const a = await emit<MoveAck>(s, 'card:move', { cardId, to });
    this.c.ackMs.push(now() - t0);
    if (a.ok) this.c.moves++;
    // no_change and wrong_phase are part of real traffic (two people grabbing one card)
    return a.ok;
  }

  async api(method: string, path: string, body?: unknown) {
    const res = await fetch(`${urlOf(this.app, 0)}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.room.secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) this.c.errors++;
    await res.arrayBuffer();
    return res.ok;
  }
}

/** workshop sizes in turn: every minute sees about the same mix (a random size made CPU per move swing by 10 % from minute to minute) */
const SIZES = [30, 200, 80, 160, 120];

async function openWorkshop(app: AppTarget, r: Rng, c: Counters, actor: number, n: number): Promise<Workshop> {
  const cards = SIZES[(actor + n) % SIZES.length]!;
  const w = await app.createWorkshop(
    `Soak ${actor}`,
    Array.from(
      { length: cards },
      (_, i) => `Item ${i + 1}: ${r.pick(['Login', 'Search', 'Checkout', 'Export', 'Report', 'Billing'])} ${r.int(1, 999)}`,
    ),
  );
  c.workshops++;
  const fac = await connect(urlOf(app, 0));
  const fj = await emit<JoinAck>(fac, 'room:join', { sessionId: w.sessionId, name: 'Facilitator', facilitatorSecret: w.facilitatorSecret });
  if (!fj.ok) throw new Error(fj.error.message);
  const projector = await connect(urlOf(app, 1));
  await emit(projector, 'room:watch', { sessionId: w.sessionId });
  const room: AppRoom = {
    sessionId: w.sessionId,
    workshopId: w.workshopId,
    secret: w.facilitatorSecret,
    fac,
    people: [],
    projector,
    cards: fj.snapshot.cards.map((x) => x.id),
    all: () => [fac, ...room.people.map((p) => p.s), projector],
  };
  return new Workshop(app, room, c);
}

/** one workshop (the actor's n-th) from creation to abandonment, about 20 s */
async function workshop(app: AppTarget, r: Rng, c: Counters, actor: number, n: number) {
  const ws = await openWorkshop(app, r, c, actor, n);
  const { room } = ws;
  try {
    // every third workshop imports a file in setup
    if ((actor + n) % 3 === 0) {
      const rows = Array.from(
        { length: 20 },
        (_, i) => `IMP-${actor}-${i};Imported item ${i};Some description ${r.int(1, 99)};${r.pick([1, 2, 3, 5, 8])}`,
      );
      if (
        await ws.api('POST', `/api/sessions/${room.sessionId}/import`, { text: `Key;Title;Description;Story Points\n${rows.join('\n')}` })
      )
        c.imports++;
    }
    const people = r.int(5, 15);
    for (let i = 0; i < people; i++) {
      room.people.push(await joinAs(app, i + 2, room.sessionId, `P${i + 1}`));
      c.joins++;
    }
    room.cards = await currentCards(ws);
    // silent sorting: everyone places a few of their own cards
    await ws.command({ type: 'phase.set', phase: 'sorting' });
    await waitFor(() => Object.keys(ws.hands).length > 0, 2000);
    const handOf = (id: string) => Object.entries(ws.hands).flatMap(([card, p]) => (p === id ? [card] : []));
    await Promise.all(
      room.people.map(async (p, i) => {
        for (const card of handOf(p.id).slice(0, 3)) {
          await sleep(200 + ((i * 53) % 300));
          await ws.move(p.s, card, r.pick(NUMERIC_BUCKETS));
        }
      }),
    );
    // silent review: anyone moves any card, about one move a second each; some leave and come back
    await ws.command({ type: 'phase.set', phase: 'review' });
    const reviewMs = r.int(8, 14) * 1000;
    const leavers = new Set(Array.from({ length: r.int(1, 3) }, () => r.int(0, room.people.length - 1)));
    const reviewEnd = now() + reviewMs;
    await Promise.all(
      room.people.map(async (_p, i) => {
        let left = false;
        while (now() < reviewEnd) {
          await sleep(700 + ((i * 97 + c.moves) % 600));
          const p = room.people[i]!;
          if (!left && leavers.has(i) && now() > reviewEnd - reviewMs / 2) {
            left = true;
            p.s.disconnect();
            c.leaves++;
            await sleep(1000);
            room.people[i] = await rejoin(app, i + 2, room.sessionId, p);
            c.joins++;
            continue;
          }
          await ws.move(p.s, r.pick(room.cards), r.pick([...NUMERIC_BUCKETS, 'v100']));
        }
      }),
    );
    // a late joiner looks at the history and the timeline
    const late = await joinAs(app, 1, room.sessionId, 'Late');
    room.people.push(late);
    c.joins++;
    await emit(late.s, 'card:history', { cardId: r.pick(room.cards) });
    await emit(late.s, 'room:timeline', {});
    // discussion: the facilitator settles a few flagged cards
    await ws.command({ type: 'phase.set', phase: 'discussion' });
    for (const card of [...ws.flags].slice(0, 5)) {
      await ws.move(room.fac, card, r.pick(NUMERIC_BUCKETS));
      await ws.command({ type: 'card.unflag', cardId: card });
    }
    await ws.command({ type: 'phase.set', phase: 'locked' });
    // the plan
    if (await ws.api('GET', `/api/workshops/${room.workshopId}/planning`)) c.plans++;
    if (await ws.api('POST', '/api/plan', PLAN)) c.plans++;
  } finally {
    // abandoned: nobody closes a workshop, they just leave
    closeAll(room.all());
  }
}

async function currentCards(ws: Workshop): Promise<string[]> {
  const a = await emit<SyncAck>(ws.room.fac, 'room:sync', {});
  if (!a.ok) throw new Error(a.error.message);
  return a.snapshot.cards.map((x) => x.id);
}

async function rejoin(app: AppTarget, i: number, sessionId: string, p: AppRoom['people'][number]) {
  const s = await connect(urlOf(app, i));
  const a = await emit<JoinAck>(s, 'room:join', { sessionId, participantId: p.id, participantToken: p.token });
  if (!a.ok) throw new Error(a.error.message);
  return { ...p, s };
}

async function waitFor(check: () => boolean, ms: number) {
  const deadline = now() + ms;
  while (!check() && now() < deadline) await sleep(10);
}

interface Minute {
  minute: number;
  workshopsSoFar: number;
  moves: number;
  joins: number;
  imports: number;
  plans: number;
  errors: number;
  serverCpuUsPerMove: number;
  serverCpuPercent: number;
  eventLoopDelayP99Ms: number;
  heapAfterGcMb: number;
  rssMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** the offload thread's heap (plans, previews): in the RSS, not in heapTotal */
  offloadHeapMb: number;
  boardsCached: number;
  sockets: number;
  moveAckP99Ms: number;
  load1: number;
}

const within = (last: number, second: number) => ({ second, last, change: ratio(last - second, second), ok: last <= second * 1.1 });

/**
 * The least-squares line through minutes 2..n (the first warms up): its change from minute 2 to
 * minute n, as a fraction of its value at minute 2. A single minute swings by about 10 % with
 * the traffic's mix; the line says whether the server gets slower with age.
 */
function trend(rows: Minute[], f: (m: Minute) => number) {
  const pts = rows.slice(1).map((m) => [m.minute, f(m)] as const);
  if (pts.length < 2) return undefined;
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  const slope = pts.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const first = pts[0]![0];
  const last = pts.at(-1)![0];
  const at = (x: number) => my + slope * (x - mx);
  return {
    perMinute: round(slope, 1),
    fitted: { first: round(at(first), 0), last: round(at(last), 0) },
    change: ratio(at(last) - at(first), at(first)),
  };
}

export async function soak(app: AppTarget, opts: { minutes: number; actors: number; seed: number; intervalS: number }) {
  const start = now();
  let stopped = false;
  // one object the actors count into; the sampler takes its figures and zeroes it each minute
  const c = fresh();
  let workshops = 0;
  const minutes: Minute[] = [];
  const sum = (hs: HookStats[], f: (h: HookStats) => number) => hs.reduce((n, h) => n + f(h), 0);
  let last = await app.hooks(true, true);
  let lastAt = now();

  const sampler = (async () => {
    for (let m = 1; m <= opts.minutes; m++) {
      await sleep(Math.max(0, start + m * opts.intervalS * 1000 - now()));
      const h = await app.hooks(true, true);
      const done = { ...c };
      Object.assign(c, fresh());
      workshops += done.workshops;
      const cpuUs = sum(h, (x) => x.cpuUs) - sum(last, (x) => x.cpuUs);
      const row: Minute = {
        minute: m,
        workshopsSoFar: workshops,
        moves: done.moves,
        joins: done.joins,
        imports: done.imports,
        plans: done.plans,
        errors: done.errors,
        serverCpuUsPerMove: round(cpuUs / Math.max(1, done.moves), 0),
        serverCpuPercent: round(cpuUs / 10 / (now() - lastAt), 0),
        eventLoopDelayP99Ms: Math.max(...h.map((x) => x.eventLoopDelay.p99Ms)),
        heapAfterGcMb: round(sum(h, (x) => x.heapUsedBytes) / 2 ** 20, 1),
        rssMb: round(sum(h, (x) => x.rssBytes) / 2 ** 20, 1),
        heapTotalMb: round(sum(h, (x) => x.heapTotalBytes) / 2 ** 20, 1),
        externalMb: round(sum(h, (x) => x.externalBytes) / 2 ** 20, 1),
        offloadHeapMb: round(sum(h, (x) => x.offloadHeapTotalBytes) / 2 ** 20, 1),
        boardsCached: sum(h, (x) => x.boards),
        sockets: sum(h, (x) => x.sockets),
        moveAckP99Ms: stats(done.ackMs).p99,
        load1: load1(),
      };
      last = h;
      lastAt = now();
      minutes.push(row);
      if (m === opts.minutes) stopped = true;
      say(
        `  minute ${m}: ${row.workshopsSoFar} workshops, ${row.moves} moves, CPU/move ${row.serverCpuUsPerMove} us, loop p99 ${row.eventLoopDelayP99Ms} ms, ` +
          `heap ${row.heapAfterGcMb} MB (of ${row.heapTotalMb}), RSS ${row.rssMb} MB (external ${row.externalMb}, offload thread ${row.offloadHeapMb}), boards ${row.boardsCached}, ack p99 ${row.moveAckP99Ms} ms, load ${row.load1}`,
      );
    }
  })();

  // the actors keep going until the last minute is sampled, so it sees the same mix as the others
  await Promise.all(
    Array.from({ length: opts.actors }, async (_, a) => {
      const r = rng(opts.seed + a);
      // actors start apart, so workshops do not all begin and end together
      await sleep(a * 1500);
      for (let n = 0; !stopped; n++) {
        try {
          await workshop(app, r, c, a, n);
        } catch (err) {
          c.errors++;
          say(`  actor ${a}: ${(err as Error).message}`);
        }
      }
    }),
  );
  await sampler;
  const second = minutes[1];
  const final = minutes.at(-1);
  return {
    minutes: opts.minutes,
    intervalSeconds: opts.intervalS,
    actors: opts.actors,
    seed: opts.seed,
    perMinute: minutes,
    // the targets: the last minute within 10 % of the second (the first one warms up)
    ...(second && final
      ? {
          cpuPerMove: within(final.serverCpuUsPerMove, second.serverCpuUsPerMove),
          cpuPerMoveTrend: trend(minutes, (m) => m.serverCpuUsPerMove),
          rssMbTrend: trend(minutes, (m) => m.rssMb),
          heapAfterGc: within(final.heapAfterGcMb, second.heapAfterGcMb),
        }
      : {}),
  };
}
