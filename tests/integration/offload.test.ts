import { afterEach, describe, expect, it } from 'vitest';
import { computePlan } from '../../domain/planning';
import { decodeJsonBody, previewFromBytes } from '../../server/http/json-body';
import { createOffload, OffloadBusy, type Offload } from '../../server/offload/pool';

// RATE-PLAN-2, BODY-6 (docs/hardening.md): POST /api/plan and large bodies run in the offload thread, never on the
// event loop, and a burst beyond its queue is refused at once instead of piling up.

const input = { backlog: { totalAp: 240 }, velocity: { unit: 'AP', history: [18, 22, 25, 20] }, monteCarlo: { trials: 2000 } };
/** the worst input that passes validation: about 30 million draws */
const worst = {
  backlog: { totalAp: 100_000 },
  velocity: { unit: 'AP', history: [0.001, 1000] },
  monteCarlo: { trials: 200_000, maxSprintsPerTrial: 10_000, horizon: 0 },
};

let planner: Offload | undefined;
afterEach(async () => {
  await planner?.close();
  planner = undefined;
});

describe('RATE-PLAN-2 the planner runs off the event loop, with a bounded queue', () => {
  it('RATE-PLAN-2 the thread answers what computePlan answers, errors included', async () => {
    planner = createOffload();
    expect(await planner.plan(input)).toEqual(computePlan(input));
    const bad = await planner.plan({ velocity: { unit: 'AP', history: [-1] } });
    expect(bad.ok).toBe(false);
    expect(bad).toEqual(computePlan({ velocity: { unit: 'AP', history: [-1] } }));
  });

  it('RATE-PLAN-2 the event loop keeps turning while the worst plan runs', async () => {
    planner = createOffload();
    await planner.plan(input); // the thread is up
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      ticks++;
    }, 5);
    const started = performance.now();
    const r = await planner.plan(worst);
    const took = performance.now() - started;
    clearInterval(timer);
    expect(r.ok).toBe(true);
    // the plan took many timer periods, and the loop turned through them instead of stalling once
    expect(ticks).toBeGreaterThan(2);
    expect(longest).toBeLessThan(took);
  });

  it('RATE-PLAN-2 plans beyond the queue are refused at once', async () => {
    planner = createOffload({ queue: 1 });
    const all = await Promise.allSettled(Array.from({ length: 6 }, () => planner!.plan(worst)));
    const busy = all.filter((x) => x.status === 'rejected' && x.reason instanceof OffloadBusy).length;
    const done = all.filter((x) => x.status === 'fulfilled').length;
    // one running and one waiting at most; the rest refused
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThanOrEqual(2);
    expect(busy).toBe(6 - done);
  });
});

describe('RATE-PLAN-2 the thread reports its own heap for the soak bench', () => {
  it('RATE-PLAN-2 no thread, no figure (asking starts none); a running thread gives its heap', async () => {
    planner = createOffload();
    expect(await planner.memory()).toBeNull();
    expect(await planner.memory()).toBeNull();
    await planner.plan(input);
    const m = await planner.memory();
    expect(m?.heapUsedBytes).toBeGreaterThan(0);
    expect(m?.heapTotalBytes).toBeGreaterThanOrEqual(m?.heapUsedBytes ?? Infinity);
  });
});

describe('BODY-6 large JSON bodies are decoded off the event loop, with the same answers', () => {
  it('BODY-6 the thread decodes as the event loop does: value, bad UTF-8, bad JSON, too deep', async () => {
    planner = createOffload();
    const cases = [
      Buffer.from(JSON.stringify({ text: 'Title;Points\n'.repeat(20_000), format: 'csv' })),
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      Buffer.from('{"a": [1, 2,'),
      Buffer.from(`${'['.repeat(40)}${']'.repeat(40)}`),
    ];
    // the body's buffer moves to the thread: the answer on the event loop is taken first
    const inline = cases.map((bytes) => decodeJsonBody(bytes, 32));
    const threaded = [];
    for (const bytes of cases) threaded.push(await planner.json(bytes, 32));
    expect(threaded).toEqual(inline);
    expect(threaded[0]!.ok).toBe(true);
    expect(threaded[1]).toMatchObject({ ok: false, status: 400 });
    expect(threaded[2]).toMatchObject({ ok: false, status: 400 });
    expect(threaded[3]).toMatchObject({ ok: false, status: 422 });
  });

  it('BODY-6 an import preview in the thread is the one computed inline', async () => {
    planner = createOffload();
    const existing = { keys: ['K-1'], titles: ['Login'], items: [{ key: 'K-1', title: 'Login' }], itemCount: 1 };
    const csv = [
      'Key;Summary;Story Points',
      'K-1;Login;3',
      'K-2;Logout;5',
      ...Array.from({ length: 300 }, (_, i) => `K-${i + 3};Item ${i} ${'x'.repeat(100)};2`),
    ].join('\n');
    const bodies = [JSON.stringify({ text: csv, format: 'csv' }), JSON.stringify({ text: csv, format: 'nope' })];
    for (const body of bodies) {
      const inline = previewFromBytes(Buffer.from(body), 32, existing);
      expect(await planner.preview(Buffer.from(body), 32, existing)).toEqual(inline);
    }
    const ok = await planner.preview(Buffer.from(bodies[0]!), 32, existing);
    expect(ok.ok && ok.preview.ok && ok.preview.rows.filter((r) => r.status === 'new')).toHaveLength(301);
    expect(await planner.preview(Buffer.from(bodies[1]!), 32, existing)).toMatchObject({ ok: false, status: 400 });
  });
});
