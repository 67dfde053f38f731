import { describe, expect, it } from 'vitest';
import { nearestRank, percentileOfCounts, scopePercentile, simulateSprintCounts } from '../../../domain/planning';
import { planOf } from './fixtures';

/**
 * Exact distribution of the number of sprints a bootstrap trial needs: dynamic programming
 * over the not-yet-done partial sums (all < R). Returns P(N <= k) for k = 0..maxK.
 */
function exactSprintCdf(history: number[], R: number, maxK = 200): number[] {
  let open = new Map<number, number>([[0, 1]]);
  const cdf = [0];
  let done = 0;
  for (let k = 1; k <= maxK && open.size > 0; k++) {
    const next = new Map<number, number>();
    for (const [s, p] of open) {
      for (const v of history) {
        const q = p / history.length;
        if (s + v >= R) done += q;
        else next.set(s + v, (next.get(s + v) ?? 0) + q);
      }
    }
    open = next;
    cdf.push(done);
  }
  return cdf;
}

/** Exact distribution of the sum of n draws: P(sum = s). */
function exactSumPmf(history: number[], n: number): Map<number, number> {
  let pmf = new Map<number, number>([[0, 1]]);
  for (let k = 0; k < n; k++) {
    const next = new Map<number, number>();
    for (const [s, p] of pmf) for (const v of history) next.set(s + v, (next.get(s + v) ?? 0) + p / history.length);
    pmf = next;
  }
  return pmf;
}

/** Nearest-rank percentile of an exact CDF: smallest x with P(X <= x) >= q. */
function exactPercentile(cdf: number[], q: number): number {
  return cdf.findIndex((c) => c >= q);
}

// DKW inequality: P(sup_x |F_n(x) - F(x)| > eps) <= 2 exp(-2 n eps^2). With n = 100,000 trials and
// eps = 0.01 that is 2 e^-20 = 4e-9: a correct sampler passes for all but ~4 in a billion seeds.
// The seed is fixed, so the test is deterministic; the bound says the tolerance is not tuned to it.
const TRIALS = 100_000;
const EPS = 0.01;

describe('Monte Carlo against the exact distribution', () => {
  for (const [history, R] of [
    [[1, 2, 3], 10],
    [[2, 3, 5], 10],
    [[1, 2, 3, 5, 8], 30],
  ] as const) {
    it(`PLAN-MC-1 history [${history.join(', ')}], remaining ${R}: simulated CDF within ${EPS} of the exact one`, () => {
      const exact = exactSprintCdf([...history], R);
      const sim = simulateSprintCounts(history, R, TRIALS, 1000, 7);
      expect(sim.capped).toBe(0);
      let cum = 0;
      for (let k = 0; k < sim.counts.length; k++) {
        cum += sim.counts[k]!;
        const F = exact[Math.min(k, exact.length - 1)]!;
        expect(Math.abs(cum / TRIALS - F)).toBeLessThan(EPS);
      }
    });
  }

  // [1, 2, 3, 5, 8] with R = 30 is left out here: its exact P(N <= 10) = 0.859 is within EPS of 85 %
  for (const [history, R] of [
    [[1, 2, 3], 10],
    [[2, 3, 5], 10],
  ] as const) {
    it(`PLAN-MC-2 history [${history.join(', ')}], remaining ${R}: simulated 50/85/95 % equal the exact percentiles`, () => {
      const exact = exactSprintCdf([...history], R);
      const sim = simulateSprintCounts(history, R, TRIALS, 1000, 11);
      for (const q of [50, 85, 95]) {
        const x = exactPercentile(exact, q / 100);
        // precondition: the exact CDF is not within EPS of q near x, so DKW pins the simulated percentile
        expect(exact[x]! - q / 100).toBeGreaterThan(EPS);
        expect(q / 100 - exact[x - 1]!).toBeGreaterThan(EPS);
        expect(percentileOfCounts(sim, TRIALS, q)).toBe(x);
      }
    });
  }

  it('PLAN-MC-2 the exact figures for [1, 2, 3], remaining 10: 5, 6, 7 sprints', () => {
    const exact = exactSprintCdf([1, 2, 3], 10);
    expect([50, 85, 95].map((q) => exactPercentile(exact, q / 100))).toEqual([5, 6, 7]);
    const plan = planOf({ backlog: { totalAp: 10 }, velocity: { unit: 'AP', history: [1, 2, 3] }, monteCarlo: { trials: TRIALS } });
    expect(plan.monteCarlo?.percentiles.map((p) => p.sprints)).toEqual([5, 6, 7]);
  });

  it('PLAN-MC-5 the 85 % scope in N sprints equals the exact 15th percentile of the sum of N draws', () => {
    for (const [history, n] of [
      [[1, 2, 3], 4],
      [[2, 3, 5], 6],
    ] as const) {
      const pmf = [...exactSumPmf([...history], n).entries()].sort((a, b) => a[0] - b[0]);
      let c = 0;
      const cdf = pmf.map(([s, p]) => [s, (c += p)] as const);
      const at = cdf.findIndex(([, F]) => F >= 0.15);
      expect(cdf[at]![1] - 0.15).toBeGreaterThan(EPS);
      expect(0.15 - (cdf[at - 1]?.[1] ?? 0)).toBeGreaterThan(EPS);
      expect(scopePercentile(history, n, TRIALS, 3, 15)).toBe(cdf[at]![0]);
    }
  });

  it('PLAN-MC-2 nearest rank: the value at rank ceil(q n / 100)', () => {
    expect(nearestRank(50, 10)).toBe(5);
    expect(nearestRank(85, 10)).toBe(9);
    expect(nearestRank(85, 10_000)).toBe(8500);
    expect(nearestRank(15, 10_000)).toBe(1500);
    expect(nearestRank(95, 1)).toBe(1);
    expect(nearestRank(50, 11)).toBe(6);
  });
});

describe('Monte Carlo in the plan', () => {
  const input = {
    backlog: { totalAp: 47 },
    references: [{ ap: 3, sp: 24 }],
    velocity: { unit: 'SP', history: [20, 26, 24, 22, 28, 24] },
    sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
  };

  it('PLAN-MC-1 default 10,000 trials, seed 42; same seed same result, another seed may differ', () => {
    const a = planOf(input).monteCarlo!;
    expect(a).toMatchObject({ trials: 10_000, seed: 42, maxSprintsPerTrial: 1000, cappedTrials: 0, percentileRule: 'nearest-rank' });
    expect(planOf(input).monteCarlo).toEqual(a);
    const other = planOf({ ...input, monteCarlo: { seed: 43 } }).monteCarlo!;
    expect(other.histogram).not.toEqual(a.histogram);
  });

  it('PLAN-MC-4 percentiles with dates, and a histogram that adds up to all trials', () => {
    const mc = planOf(input).monteCarlo!;
    expect(mc.percentiles.map((p) => p.percent)).toEqual([50, 85, 95]);
    for (const p of mc.percentiles) {
      const bin = mc.histogram.find((b) => b.sprints === p.sprints)!;
      expect(bin.cumulative).toBeGreaterThanOrEqual(p.percent / 100);
      const before = mc.histogram.find((b) => b.sprints === p.sprints! - 1);
      expect(before === undefined || before.cumulative < p.percent / 100).toBe(true);
    }
    expect(mc.percentiles[0]).toMatchObject({ sprints: 16, date: '2025-08-17' });
    expect(mc.histogram.reduce((s, b) => s + b.trials, 0)).toBe(10_000);
    expect(mc.histogram.at(-1)!.cumulative).toBe(1);
    // consecutive sprint counts, zeros included, for a chart
    mc.histogram.forEach((b, i) => i > 0 && expect(b.sprints).toBe(mc.histogram[i - 1]!.sprints + 1));
  });

  it('PLAN-MC-3 trials that hit the cap are reported; a percentile among them is null', () => {
    const plan = planOf({
      backlog: { totalAp: 100 },
      velocity: { unit: 'AP', history: [0, 0, 0, 10] },
      monteCarlo: { trials: 1000, maxSprintsPerTrial: 20 },
    });
    const mc = plan.monteCarlo!;
    // P(at least 10 of 20 draws are the 10) is about 1.4 %: most trials hit the cap
    expect(mc.cappedTrials).toBeGreaterThan(900);
    expect(mc.percentiles.map((p) => p.sprints)).toEqual([null, null, null]);
    expect(mc.histogram.reduce((s, b) => s + b.trials, 0) + mc.cappedTrials).toBe(1000);
    expect(plan.warnings.find((w) => w.code === 'monte_carlo_capped')?.message).toMatch(/of 1000 trials were not done after 20 sprints/);
  });

  it('PLAN-MC-5 scope at the horizon with 85 % confidence, in the plan unit and both units', () => {
    const mc = planOf({ ...input, monteCarlo: { horizon: 10 } }).monteCarlo!;
    expect(mc.horizon).toBe(10);
    expect(mc.scopeAtHorizon.confidence).toBe(85);
    // 10 draws from a history with mean 24 and range 20..28: the 15th percentile is below 240
    expect(mc.scopeAtHorizon.value).toBeGreaterThan(200);
    expect(mc.scopeAtHorizon.value).toBeLessThan(240);
    expect(mc.scopeAtHorizon.points.ap).toBeCloseTo(mc.scopeAtHorizon.value / 8, 9);
    const zero = planOf({ ...input, monteCarlo: { horizon: 0 } }).monteCarlo!;
    expect(zero.scopeAtHorizon.value).toBe(0);
  });

  it('PLAN-MC-6 horizon defaults to the sprints the budget covers, else the sprints needed', () => {
    expect(planOf(input).monteCarlo!.horizon).toBe(16);
    const budgeted = planOf({ ...input, team: { people: 3, dayRateMinor: 80_000 }, budget: { sprints: 12 } });
    expect(budgeted.monteCarlo!.horizon).toBe(12);
  });

  it('PLAN-MC-1 more trials than the work limit: Monte Carlo is left out with a warning, not hung', () => {
    const plan = planOf({
      backlog: { totalAp: 100_000 },
      velocity: { unit: 'AP', history: [1, 2] },
      monteCarlo: { trials: 200_000, maxSprintsPerTrial: 10_000 },
    });
    expect(plan.monteCarlo).toBeNull();
    expect(plan.warnings.map((w) => w.code)).toContain('monte_carlo_too_large');
  });
});
