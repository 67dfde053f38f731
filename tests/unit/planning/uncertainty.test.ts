import { describe, expect, it } from 'vitest';
import { percentileOfCounts, simulateSprintCounts, type PlanInput } from '../../../domain/planning';
import {
  expectOverSum,
  finishCdfWithGrowth,
  quantile,
  simulatedCdf,
  sumPmf,
  TOLERANCE,
  TRIALS,
  uniformCdf,
  workCdfWithGrowth,
} from './exact';
import { planOf } from './fixtures';

// Every check: the simulated P(done within k sprints) (or a percentile) against the exact value
// by enumeration, with the DKW tolerance of exact.ts (0.01 at 100,000 trials, fails with
// probability 4e-9 for a correct sampler). Velocities are drawn from [1, 2, 3] AP.
const V = [1, 2, 3];
const base = (extra: Partial<PlanInput> = {}): PlanInput => ({
  backlog: { totalAp: 10 },
  velocity: { unit: 'AP', history: V },
  monteCarlo: { trials: TRIALS, seed: 5 },
  ...extra,
});

/** P(D_k >= R): the plain bootstrap's CDF. */
const plainCdf = (R: number, k: number) => expectOverSum(V, k, (d) => (d >= R ? 1 : 0));

function expectCdf(histogram: { sprints: number; cumulative: number }[], exact: (k: number) => number, kMax: number) {
  for (let k = 0; k <= kMax; k++) expect(Math.abs(simulatedCdf(histogram, k) - exact(k)), `k = ${k}`).toBeLessThan(TOLERANCE);
}

describe('scope growth, split and risks against exact enumeration', () => {
  it('PLAN-GROW-1 growth of 0..10 % of the remaining 10 AP per sprint: P(done within k) equals the exact value', () => {
    const mc = planOf(base({ scopeGrowth: { low: 0, high: 10 } })).monteCarlo!;
    const exact = finishCdfWithGrowth(V, 10, 0, 1, 10);
    expectCdf(mc.histogram, (k) => exact[k]!, 10);
    // growth slows the project down: fewer trials done within 6 sprints than without
    expect(exact[6]!).toBeLessThan(plainCdf(10, 6) - 0.1);
  });

  it('PLAN-SPLIT-1 a split of 1..1.5 on an unrefined total: done within k iff D_k >= s x 10', () => {
    const mc = planOf(base({ split: { low: 1, high: 1.5 } })).monteCarlo!;
    expectCdf(mc.histogram, (k) => expectOverSum(V, k, (d) => uniformCdf(d / 10, 1, 1.5)), 12);
  });

  it('PLAN-SPLIT-1 refined items are not split: 4 AP refined + 6 AP unrefined need 4 + 6 s', () => {
    const plan = planOf(
      base({
        backlog: {
          items: [
            { id: 'a', sizeAp: 4, refined: true },
            { id: 'b', sizeAp: 6 },
          ],
        },
        split: { low: 1, high: 1.5 },
      }),
    );
    expectCdf(plan.monteCarlo!.histogram, (k) => expectOverSum(V, k, (d) => uniformCdf((d - 4) / 6, 1, 1.5)), 12);
  });

  it('PLAN-RISK-1 a risk of 30 % adding 2..6 AP: 0.7 P(D_k >= 10) + 0.3 P(D_k >= 10 + W)', () => {
    const mc = planOf(base({ risks: [{ likelihoodPercent: 30, impact: { unit: 'AP', low: 2, high: 6 } }] })).monteCarlo!;
    const exact = (k: number) => 0.7 * plainCdf(10, k) + 0.3 * expectOverSum(V, k, (d) => uniformCdf(d - 10, 2, 6));
    expectCdf(mc.histogram, exact, 12);
  });

  it('PLAN-RISK-2 a risk of 25 % losing 1 or 2 whole sprints shifts the plain distribution', () => {
    const mc = planOf(base({ risks: [{ likelihoodPercent: 25, impact: { unit: 'sprints', low: 1, high: 2 } }] })).monteCarlo!;
    const F = (k: number) => (k < 0 ? 0 : plainCdf(10, k));
    expectCdf(mc.histogram, (k) => 0.75 * F(k) + 0.25 * ((F(k - 1) + F(k - 2)) / 2), 12);
  });

  it('PLAN-RISK-1 two risks together are independent events', () => {
    const mc = planOf(
      base({
        risks: [
          { likelihoodPercent: 50, impact: { unit: 'AP', low: 4, high: 4 } },
          { likelihoodPercent: 20, impact: { unit: 'sprints', low: 1, high: 1 } },
        ],
      }),
    ).monteCarlo!;
    const F = (R: number, k: number) => (k < 0 ? 0 : plainCdf(R, k));
    const exact = (k: number) => 0.5 * (0.8 * F(10, k) + 0.2 * F(10, k - 1)) + 0.5 * (0.8 * F(14, k) + 0.2 * F(14, k - 1));
    expectCdf(mc.histogram, exact, 14);
  });

  it('PLAN-VEL-5 multipliers: sprint 2 at half speed, sprint 3 at none', () => {
    const multipliers = [
      { sprint: 2, factor: 0.5 },
      { sprint: 3, factor: 0 },
    ];
    const plan = planOf(base({ velocity: { unit: 'AP', history: V, multipliers } }));
    const m = (j: number) => (j === 2 ? 0.5 : j === 3 ? 0 : 1);
    expectCdf(plan.monteCarlo!.histogram, (k) => expectOverSum(V, k, (d) => (d >= 10 ? 1 : 0), m), 12);
    // deterministic: 2 + 1 + 0 + 2 + 2 + 2 = 9 after 6 sprints, 11 after 7; the 7th is half needed
    expect(plan.forecast).toMatchObject({ sprintsNeeded: 7, sprintsExact: 6.5 });
  });

  it('PLAN-TP-3 throughput in items with a split of 1..1.5 on the 4 unrefined of 6 open items', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, sizeAp: 3, refined: i < 2 }));
    const tp = planOf(base({ backlog: { items }, split: { low: 1, high: 1.5 }, throughput: { history: [1, 2, 2, 3] } })).throughput!;
    expect(tp.remainingItems).toBe(6);
    const exact = (k: number) => expectOverSum([1, 2, 2, 3], k, (d) => uniformCdf((d - 2) / 4, 1, 1.5));
    expectCdf(tp.monteCarlo!.histogram, exact, 8);
  });

  it('PLAN-MC-5 backlog work within 4 sprints with growth: the simulated 15th percentile lies between the exact 14th and 16th', () => {
    const mc = planOf(base({ scopeGrowth: { low: 0, high: 10 }, monteCarlo: { trials: TRIALS, seed: 9, horizon: 4 } })).monteCarlo!;
    const cdf = workCdfWithGrowth(V, 4, 0, 1);
    const lo = quantile(cdf, 0.15 - TOLERANCE, 0, 12);
    const hi = quantile(cdf, 0.15 + TOLERANCE, 0, 12);
    expect(hi - lo).toBeGreaterThan(0.1); // the check has teeth: a wrong model lands outside
    expect(mc.scopeAtHorizon.value).toBeGreaterThanOrEqual(lo - 1e-9);
    expect(mc.scopeAtHorizon.value).toBeLessThanOrEqual(hi + 1e-9);
  });

  it("PLAN-WL-2 each item's probability of being done within the budgeted sprints, with a split on the unrefined ones", () => {
    const plan = planOf({
      backlog: {
        items: [
          { id: 'a', sizeAp: 3, refined: true },
          { id: 'b', sizeAp: 2 },
          { id: 'c', sizeAp: 5 },
        ],
      },
      velocity: { unit: 'AP', history: V },
      budget: { sprints: 3 },
      split: { low: 1, high: 1.5 },
      monteCarlo: { trials: TRIALS, seed: 13 },
    });
    const exact = [
      expectOverSum(V, 3, (d) => (d >= 3 ? 1 : 0)),
      expectOverSum(V, 3, (d) => uniformCdf((d - 3) / 2, 1, 1.5)),
      expectOverSum(V, 3, (d) => uniformCdf((d - 3) / 7, 1, 1.5)),
    ];
    const got = plan.waterline!.items.map((i) => i.probability!);
    // Hoeffding per item: P(|p - p_n| > 0.01) <= 2 e^-20 at 100,000 trials
    got.forEach((p, i) => expect(Math.abs(p - exact[i]!), `item ${i}`).toBeLessThan(TOLERANCE));
    expect(exact[0]).toBeGreaterThan(exact[2]! + 0.3);
  });
});

describe('neutral uncertainty changes nothing', () => {
  const input: PlanInput = {
    backlog: { items: Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, sizeAp: [1, 2, 3, 5, 8][i % 5]! })) },
    references: [{ ap: 1, sp: 8 }],
    velocity: { unit: 'SP', history: [20, 26, 24, 22, 28] },
    sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
    budget: { sprints: 3 },
  };

  it('PLAN-MC-7 growth 0..0, split 1..1, a risk of 0 % and multipliers of 1 give the same plan figures as none', () => {
    const plain = planOf(input);
    const neutral = planOf({
      ...input,
      velocity: { ...input.velocity, multipliers: [{ sprint: 2, factor: 1 }] },
      scopeGrowth: { low: 0, high: 0 },
      split: { low: 1, high: 1 },
      risks: [{ likelihoodPercent: 0, impact: { unit: 'AP', low: 5, high: 9 } }],
    });
    for (const key of ['forecast', 'range', 'waterline', 'status', 'answers'] as const) expect(neutral[key]).toEqual(plain[key]);
    expect({ ...neutral.monteCarlo, draws: 0 }).toEqual({ ...plain.monteCarlo, draws: 0 });
  });

  it('PLAN-MC-7 without the new inputs the plan runs the plain bootstrap (same draws as simulateSprintCounts) and has no throughput', () => {
    const plan = planOf(input);
    expect(plan.throughput).toBeNull();
    const counts = simulateSprintCounts(plan.velocity.history, plan.scope.remainingInUnit, 10_000, 1000, 42);
    expect(plan.monteCarlo!.percentiles.map((p) => p.sprints)).toEqual([50, 85, 95].map((q) => percentileOfCounts(counts, 10_000, q)));
    expect(plan.monteCarlo!.histogram.map((b) => b.trials)).toEqual(
      [...counts.counts].filter((_, k) => k >= plan.monteCarlo!.histogram[0]!.sprints).slice(0, plan.monteCarlo!.histogram.length),
    );
  });
});

describe('throughput', () => {
  it('PLAN-TP-1 history = throughput.history, then the items listed done per sprint record; remaining = open items', () => {
    const plan = planOf({
      backlog: { items: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, sizeAp: 2 })) },
      velocity: { unit: 'AP', history: [] },
      sprints: [
        { index: 1, doneAp: 4, doneItemIds: ['a', 'b'] },
        { index: 2, doneAp: 2, doneItemIds: ['c'] },
      ],
      throughput: { history: [3] },
    });
    expect(plan.throughput).toMatchObject({
      unit: 'items',
      history: [3, 2, 1],
      fromHistoryInput: 1,
      fromSprintRecords: 2,
      mean: 2,
      remainingItems: 2,
    });
    expect(plan.throughput).toMatchObject({ sprintsExact: 1, sprintsNeeded: 1, finishSprint: 3 });
  });

  it('PLAN-TP-1 with a total in AP the open items are given; without them it is an error', () => {
    const plan = planOf({
      backlog: { totalAp: 40 },
      velocity: { unit: 'AP', history: [5] },
      throughput: { history: [2, 4], remainingItems: 9 },
    });
    expect(plan.throughput).toMatchObject({ remainingItems: 9, mean: 3, sprintsNeeded: 3 });
  });

  it('PLAN-TP-2 the deterministic throughput forecast uses the velocity multipliers', () => {
    const plan = planOf({
      backlog: { totalAp: 40 },
      velocity: { unit: 'AP', history: [5], multipliers: [{ sprint: 1, factor: 0.5 }] },
      throughput: { history: [2], remainingItems: 4 },
    });
    // 1 + 2 = 3 after 2 sprints, the 3rd half needed
    expect(plan.throughput).toMatchObject({ sprintsNeeded: 3, sprintsExact: 2.5 });
  });

  it('PLAN-TP-3 throughput trials see the same risk events as the points trials (shared parameters)', () => {
    // a certain risk that loses 3 sprints: both forecasts move by exactly 3
    const sure = { likelihoodPercent: 100, impact: { unit: 'sprints' as const, low: 3, high: 3 } };
    const input: PlanInput = {
      backlog: { totalAp: 10 },
      velocity: { unit: 'AP', history: [5] },
      throughput: { history: [1], remainingItems: 2 },
    };
    const plain = planOf(input);
    const risky = planOf({ ...input, risks: [sure] });
    expect(risky.monteCarlo!.percentiles.map((p) => p.sprints)).toEqual(plain.monteCarlo!.percentiles.map((p) => p.sprints! + 3));
    expect(risky.throughput!.monteCarlo!.percentiles.map((p) => p.sprints)).toEqual(
      plain.throughput!.monteCarlo!.percentiles.map((p) => p.sprints! + 3),
    );
  });
});

describe('exact enumeration helpers', () => {
  it('sumPmf adds up to 1 and has the right mean', () => {
    const pmf = sumPmf(V, 4);
    let total = 0;
    let mean = 0;
    for (const [s, p] of pmf) {
      total += p;
      mean += s * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(8, 12);
  });
});
