import { describe, expect, it } from 'vitest';
import { medianInterval } from '../../../domain/planning';
import { planOf } from './fixtures';

/** P(Bin(n, 1/2) <= k) by exact integer binomial coefficients (BigInt). */
function binomCdfHalf(n: number, k: number): number {
  let c = 1n;
  let sum = 0n;
  for (let i = 0; i <= k; i++) {
    sum += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  return Number((sum * 10n ** 15n) / 2n ** BigInt(n)) / 1e15;
}

describe('velocity range (confidence interval for the median)', () => {
  it('PLAN-RNG-1 ranks for n = 5, 6, 10, 20', () => {
    expect(medianInterval(5)).toEqual({ lowRank: 1, highRank: 5, coverage: 0.9375, sufficient: true });
    expect(medianInterval(6)).toEqual({ lowRank: 1, highRank: 6, coverage: 0.96875, sufficient: true });
    expect(medianInterval(10)).toMatchObject({ lowRank: 2, highRank: 9, sufficient: true });
    expect(medianInterval(10).coverage).toBeCloseTo(1 - (2 * 11) / 1024, 12);
    expect(medianInterval(20)).toMatchObject({ lowRank: 6, highRank: 15 });
    expect(medianInterval(20).coverage).toBeCloseTo(1 - (2 * 21700) / 1048576, 12);
  });

  it('PLAN-RNG-1 the narrowest interval with coverage >= 90 % for every n from 5 to 300', () => {
    for (let n = 5; n <= 300; n++) {
      const ci = medianInterval(n);
      const l = ci.lowRank;
      expect(ci.highRank).toBe(n + 1 - l);
      expect(ci.coverage).toBeCloseTo(1 - 2 * binomCdfHalf(n, l - 1), 9);
      expect(ci.coverage).toBeGreaterThanOrEqual(0.9);
      expect(1 - 2 * binomCdfHalf(n, l)).toBeLessThan(0.9); // one rank narrower is not enough
    }
  });

  it('PLAN-RNG-2 fewer than 5 sprints: min..max with the actual coverage, flagged', () => {
    expect(medianInterval(4)).toEqual({ lowRank: 1, highRank: 4, coverage: 0.875, sufficient: false });
    expect(medianInterval(3)).toEqual({ lowRank: 1, highRank: 3, coverage: 0.75, sufficient: false });
    expect(medianInterval(1)).toEqual({ lowRank: 1, highRank: 1, coverage: 0, sufficient: false });
    const plan = planOf({ backlog: { totalAp: 20 }, velocity: { unit: 'AP', history: [3, 1, 2, 4] } });
    expect(plan.range).toMatchObject({ low: 1, high: 4, coverage: 0.875, sufficient: false, targetCoverage: 0.9 });
    expect(plan.warnings.find((w) => w.code === 'range_low_coverage')?.message).toContain('87.5 %');
  });

  it('PLAN-RNG-3 low/high velocity times the horizon, and sprints needed at each', () => {
    const plan = planOf({
      backlog: { totalAp: 47 },
      references: [{ ap: 3, sp: 24 }],
      velocity: { unit: 'SP', history: [24, 20, 28, 22, 26, 24] },
      sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
    });
    const r = plan.range!;
    expect(r).toMatchObject({
      rule: 'median-order-statistics',
      sampleSize: 6,
      lowRank: 1,
      highRank: 6,
      low: 20,
      high: 28,
      sufficient: true,
    });
    expect(r.horizon).toBe(16); // no budget: the deterministic sprints needed
    expect(r.scopeLow).toBe(320);
    expect(r.scopeHigh).toBe(448);
    expect(r.sprintsAtLow).toBe(19); // 376 / 20 = 18.8
    expect(r.sprintsAtHigh).toBe(14); // 376 / 28 = 13.4
    expect(r.dateAtHigh).toBe('2025-07-20');
  });

  it('PLAN-RNG-3 a low velocity of 0 never finishes: null, not Infinity', () => {
    const plan = planOf({ backlog: { totalAp: 20 }, velocity: { unit: 'AP', history: [0, 0, 3, 4, 5] } });
    expect(plan.range).toMatchObject({ low: 0, high: 5, sprintsAtLow: null, dateAtLow: null, sprintsAtHigh: 4 });
  });
});
