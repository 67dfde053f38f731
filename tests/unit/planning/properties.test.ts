import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan, type Plan, type PlanInput } from '../../../domain/planning';
import { planOf } from './fixtures';

const size = fc.constantFrom(0, 1, 2, 3, 5, 8, 13, 20, 40, 100);
const points = (max: number) => fc.oneof(fc.integer({ min: 0, max }), fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true }));

/**
 * Plan of a generated input. A tiny velocity against a big scope (> 1,000,000 sprints) is a
 * documented input error; such cases are skipped (fc.pre), everything else must give a plan.
 */
function planOrSkip(input: PlanInput): Plan {
  const r = computePlan(input);
  if (!r.ok) {
    fc.pre(!(r.errors.length === 1 && r.errors[0]!.code === 'velocity_too_small'));
    throw new Error(JSON.stringify(r.errors));
  }
  return r.plan;
}

/** Any valid input: every section optional or in one of its forms, small Monte Carlo to stay fast. */
const validInput: fc.Arbitrary<PlanInput> = fc
  .record({
    refs: fc.array(fc.record({ ap: fc.integer({ min: 1, max: 20 }), sp: fc.integer({ min: 1, max: 120 }) }), { maxLength: 3 }),
    unit: fc.constantFrom('AP' as const, 'SP' as const),
    backlog: fc.oneof(
      fc.record({ totalAp: points(2000) }),
      fc.record({ items: fc.array(fc.record({ sizeAp: size, done: fc.boolean() }), { maxLength: 25 }) }),
    ),
    history: fc.array(points(60), { maxLength: 12 }),
    assumed: fc.double({ min: 0.05, max: 100, noNaN: true, noDefaultInfinity: true }),
    calendar: fc.option(
      fc.record({
        y: fc.integer({ min: 1990, max: 2100 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
        weeks: fc.integer({ min: 1, max: 4 }),
      }),
    ),
    team: fc.option(
      fc.oneof(
        fc.record({
          people: fc.integer({ min: 1, max: 12 }),
          dayRateMinor: fc.integer({ min: 20_000, max: 200_000 }),
          daysPerSprint: fc.integer({ min: 1, max: 20 }),
        }),
        fc.record({
          members: fc.array(
            fc.record({
              dayRateMinor: fc.integer({ min: 20_000, max: 200_000 }),
              allocation: fc.double({ min: 0.2, max: 1, noNaN: true }),
            }),
            { minLength: 1, maxLength: 6 },
          ),
          daysPerSprint: fc.double({ min: 1, max: 20, noNaN: true }),
        }),
      ),
    ),
    // budgets of up to a few hundred sprints: the Monte Carlo horizon defaults to the sprints covered
    budget: fc.option(
      fc.oneof(
        fc.record({ amountMinor: fc.integer({ min: 0, max: 50_000_000 }) }),
        fc.record({ sprints: fc.integer({ min: 0, max: 60 }) }),
      ),
    ),
    records: fc.array(
      fc.record({ done: points(40), cost: fc.option(fc.integer({ min: 0, max: 5_000_000 })), added: points(10), removed: points(5) }),
      { maxLength: 5 },
    ),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    // the uncertainty inputs, each optional
    growth: fc.option(fc.tuple(fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }))),
    split: fc.option(fc.tuple(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }))),
    risks: fc.array(
      fc.record({
        p: fc.double({ min: 0, max: 100, noNaN: true }),
        sprints: fc.boolean(),
        a: fc.integer({ min: 0, max: 20 }),
        b: fc.integer({ min: 0, max: 20 }),
      }),
      { maxLength: 3 },
    ),
    window: fc.option(fc.integer({ min: 1, max: 8 })),
    multipliers: fc.array(fc.record({ sprint: fc.integer({ min: 1, max: 30 }), factor: fc.double({ min: 0, max: 2, noNaN: true }) }), {
      maxLength: 3,
    }),
    throughput: fc.option(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 })),
    finishBy: fc.option(fc.integer({ min: 0, max: 3000 })),
  })
  .map((r): PlanInput => {
    const unit = r.refs.length === 0 ? 'AP' : r.unit;
    const history = [...r.history];
    const records = r.records.map((x) => ({ ...x }));
    if (history.length + records.length > 0 && [...history, ...records.map((x) => x.done)].every((v) => v === 0)) {
      if (history.length > 0) history[0] = 1;
      else records[0]!.done = 1;
    }
    const budget = r.budget !== null && 'amountMinor' in r.budget && r.team === null ? { sprints: 10 } : r.budget;
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      backlog:
        'totalAp' in r.backlog
          ? r.backlog
          : { items: r.backlog.items.map((it, i) => ({ id: `i${i}`, sizeAp: it.sizeAp, status: it.done ? 'done' : 'open' })) },
      references: r.refs,
      velocity: {
        unit,
        history,
        assumed: r.assumed,
        // a window over sprints that did nothing is an error: only where it keeps a positive mean
        ...(r.window !== null &&
        [...history, ...records.map((x) => x.done)].slice(-r.window).some((v) => v > 0) &&
        (r.throughput === null || [...r.throughput, ...records.map(() => 0)].slice(-r.window).some((v) => v > 0))
          ? { window: r.window }
          : {}),
        multipliers: [...new Map(r.multipliers.map((m) => [m.sprint, m])).values()],
      },
      ...(r.calendar === null
        ? {}
        : { sprint: { startDate: `${r.calendar.y}-${pad(r.calendar.m)}-${pad(r.calendar.d)}`, lengthWeeks: r.calendar.weeks } }),
      ...(r.team === null ? {} : { team: r.team }),
      ...(budget === null ? {} : { budget }),
      sprints: records.map((x, i) => ({
        index: i + 1,
        ...(unit === 'AP' ? { doneAp: x.done } : { doneSp: x.done }),
        ...(x.cost === null ? {} : { actualCostMinor: x.cost }),
        scopeAddedAp: x.added,
        scopeRemovedAp: x.removed,
      })),
      monteCarlo: { trials: 300, seed: r.seed, maxSprintsPerTrial: 300 },
      ...(r.growth === null ? {} : { scopeGrowth: { low: Math.min(...r.growth), high: Math.max(...r.growth) } }),
      ...(r.split === null ? {} : { split: { low: Math.min(...r.split), high: Math.max(...r.split) } }),
      risks: r.risks.map((x) => ({
        likelihoodPercent: x.p,
        impact: { unit: x.sprints ? ('sprints' as const) : ('AP' as const), low: Math.min(x.a, x.b), high: Math.max(x.a, x.b) },
      })),
      ...(r.throughput === null
        ? {}
        : { throughput: { history: r.throughput.some((x) => x > 0) ? r.throughput : [1], remainingItems: 12 } }),
      ...(r.finishBy === null || r.calendar === null
        ? {}
        : {
            questions: {
              finishBy: new Date(Date.UTC(r.calendar.y, r.calendar.m - 1, r.calendar.d + r.finishBy)).toISOString().slice(0, 10),
            },
          }),
    };
  });

/** Every number in a value, with its path. */
function numbersIn(value: unknown, path = 'plan', out: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => numbersIn(v, `${path}.${i}`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) numbersIn(v, `${path}.${k}`, out);
  return out;
}

const inf = (x: number | null) => x ?? Number.POSITIVE_INFINITY; // null sprints = beyond the cap / never

describe('properties (fast-check)', () => {
  it('PLAN-IO-1 any valid input gives a plan without NaN or Infinity, as plain JSON', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const plan = planOrSkip(input);
        for (const [path, n] of numbersIn(plan)) if (!Number.isFinite(n)) throw new Error(`${path} = ${n}`);
        expect(JSON.parse(JSON.stringify(plan))).toStrictEqual(plan);
        const dates = JSON.stringify(plan).match(/"\d{4}-\d\d-\d\d"/g) ?? [];
        if (input.sprint === undefined) expect(dates).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('PLAN-IO-1 any JSON at all: never throws, either a plan or errors with string paths', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (junk) => {
        const r = computePlan(junk);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(typeof e.path === 'string' && e.code.length > 0 && e.message.length > 0).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('PLAN-IO-4 same seed, same result', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        expect(computePlan(structuredClone(input))).toStrictEqual(computePlan(input));
      }),
      { numRuns: 40 },
    );
  });

  it('PLAN-MC-2 percentiles are ordered: p50 <= p85 <= p95', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const mc = planOrSkip(input).monteCarlo;
        if (mc === null) return;
        const [p50, p85, p95] = mc.percentiles.map((p) => inf(p.sprints));
        expect(p50).toBeLessThanOrEqual(p85!);
        expect(p85).toBeLessThanOrEqual(p95!);
      }),
      { numRuns: 100 },
    );
  });

  it('PLAN-FC-1 more velocity never needs more sprints (deterministic and decay)', () => {
    fc.assert(
      fc.property(
        points(5000),
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (totalAp, v, k) => {
          const at = (assumed: number): Plan => planOf({ backlog: { totalAp }, velocity: { unit: 'AP', assumed } });
          const slow = at(v);
          const fast = at(v * k);
          expect(fast.forecast.sprintsNeeded).toBeLessThanOrEqual(slow.forecast.sprintsNeeded);
          fast.decay.scenarios.forEach((s, i) =>
            expect(inf(s.sprintsNeeded)).toBeLessThanOrEqual(inf(slow.decay.scenarios[i]!.sprintsNeeded)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('PLAN-MC-1 more velocity never needs more sprints (Monte Carlo, same seed, scaled history)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 10 }).filter((h) => h.some((v) => v > 0)),
        fc.integer({ min: 0, max: 400 }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (history, totalAp, k, seed) => {
          const at = (h: number[]) =>
            planOf({
              backlog: { totalAp },
              velocity: { unit: 'AP', history: h },
              monteCarlo: { trials: 500, seed, maxSprintsPerTrial: 500 },
            });
          const slow = at(history);
          const fast = at(history.map((v) => v * k));
          // same seed -> same draw indices; every trial's sum grows, so no trial needs more sprints
          fast.monteCarlo!.percentiles.forEach((p, i) =>
            expect(inf(p.sprints)).toBeLessThanOrEqual(inf(slow.monteCarlo!.percentiles[i]!.sprints)),
          );
          expect(fast.monteCarlo!.scopeAtHorizon.value).toBeGreaterThanOrEqual(
            slow.monteCarlo!.scopeAtHorizon.value * (fast.monteCarlo!.horizon === slow.monteCarlo!.horizon ? 1 : 0),
          );
          expect(inf(fast.range!.sprintsAtLow)).toBeLessThanOrEqual(inf(slow.range!.sprintsAtLow));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('PLAN-MON-3 money adds up to the cent: lines, recorded sprints, remaining, projected total', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const b = planOrSkip(input).budget;
        if (b === null) return;
        const ints = [
          b.costPerSprintMinor,
          b.amountMinor,
          b.spentMinor,
          b.remainingMinor,
          b.costOfSprintsNeededMinor,
          b.projectedTotalMinor,
          b.overrunMinor,
        ];
        for (const x of ints) if (x !== null) expect(Number.isSafeInteger(x)).toBe(true);
        if (b.costPerSprintMinor === null) return;
        expect(b.lines.reduce((s, l) => s + l.costMinor, 0)).toBe(b.costPerSprintMinor);
        expect(b.recordedSprints.reduce((s, r) => s + r.costMinor!, 0)).toBe(b.spentMinor);
        expect(b.costOfSprintsNeededMinor).toBe(b.costPerSprintMinor * b.sprintsNeeded);
        expect(b.projectedTotalMinor).toBe(b.spentMinor! + b.costOfSprintsNeededMinor!);
        // n sprints one by one cost the same as n x cost per sprint
        let total = b.spentMinor!;
        for (let i = 0; i < b.sprintsNeeded; i++) total += b.costPerSprintMinor;
        expect(total).toBe(b.projectedTotalMinor);
        if (b.amountMinor !== null) {
          expect(b.spentMinor! + b.remainingMinor!).toBe(b.amountMinor);
          const covered = b.sprintsCovered!;
          expect(covered * b.costPerSprintMinor).toBeLessThanOrEqual(Math.max(0, b.remainingMinor!));
          if (b.remainingMinor! >= 0) expect((covered + 1) * b.costPerSprintMinor).toBeGreaterThan(b.remainingMinor!);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('PLAN-WL-2 the pessimistic line is where an item is done in at least trials - r + 1 trials; without a split, where cumulative AP <= the 85 % capacity', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const plan = planOrSkip(input);
        const wl = plan.waterline;
        if (wl === null || plan.monteCarlo === null) return;
        const n = plan.monteCarlo.trials;
        const needed = (n - Math.ceil(0.15 * n) + 1) / n;
        for (const item of wl.items.filter((i) => !i.done)) {
          expect(item.aboveLine.pessimistic).toBe(item.probability! >= needed - 1e-12);
          if (input.split === undefined) {
            const cap = wl.capacityAp.pessimistic!;
            expect(item.aboveLine.pessimistic).toBe(cap >= item.cumulativeAp - 1e-9 * Math.max(1, item.cumulativeAp));
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it('PLAN-MC-7 more growth or a likelier, bigger risk never finishes sooner (same seed: same draws per trial)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (history, totalAp, growth, likelihood, seed) => {
          const at = (g: number, p: number, high: number) =>
            planOf({
              backlog: { totalAp },
              velocity: { unit: 'AP', history },
              scopeGrowth: { low: 0, high: g },
              risks: [{ likelihoodPercent: p, impact: { unit: 'AP', low: 0, high } }],
              monteCarlo: { trials: 400, seed, maxSprintsPerTrial: 400, horizon: 5 },
            }).monteCarlo!;
          const calm = at(growth, likelihood, 10);
          const rough = at(growth * 1.5, Math.min(100, likelihood + 20), 20);
          rough.percentiles.forEach((p, i) => expect(inf(p.sprints)).toBeGreaterThanOrEqual(inf(calm.percentiles[i]!.sprints)));
          expect(rough.scopeAtHorizon.value).toBeLessThanOrEqual(calm.scopeAtHorizon.value);
        },
      ),
      { numRuns: 80 },
    );
  });
});
