import type { Calendar } from './calendar';
import { capacityOf, FLAT, type Schedule } from './capacity';
import { dateOfSprint, sprintsAtOrNever } from './forecast';
import type { Unit } from './input';

export type MedianInterval = {
  /** 1-based ranks in the ascending history */
  lowRank: number;
  highRank: number;
  /** P(x_(low) <= median <= x_(high)) for any continuous distribution */
  coverage: number;
  /** false when even min..max covers less than the target (fewer than 5 sprints for 90 %) */
  sufficient: boolean;
};

/**
 * PLAN-RNG-1: distribution-free confidence interval for the median from order statistics.
 * [x_(l), x_(n+1-l)] covers the median with probability 1 - 2 P(B <= l - 1), B ~ Bin(n, 1/2).
 * Take the largest l (narrowest interval) whose coverage is still >= target.
 * PLAN-RNG-2: if l = 1 (min..max) is not enough, fall back to min..max and report its coverage.
 */
export function medianInterval(n: number, target = 0.9): MedianInterval {
  // binomial(n, 1/2) pmf by recurrence; 2^-n is still a normal double for n <= 1000
  let pmf = Math.pow(2, -n);
  let cdf = 0; // P(B <= l - 1)
  let best: MedianInterval | null = null;
  for (let l = 1; l <= (n + 1) / 2; l++) {
    cdf += pmf; // now P(B <= l - 1)
    pmf = (pmf * (n - (l - 1))) / l;
    const coverage = Math.max(0, 1 - 2 * cdf);
    if (coverage >= target) best = { lowRank: l, highRank: n + 1 - l, coverage, sufficient: true };
    else break;
  }
  if (best !== null) return best;
  return { lowRank: 1, highRank: n, coverage: Math.max(0, 1 - 2 * Math.pow(2, -n)), sufficient: false };
}

export type VelocityRange = MedianInterval & {
  unit: Unit;
  rule: 'median-order-statistics';
  targetCoverage: number;
  sampleSize: number;
  low: number;
  high: number;
  /** sprints the range is multiplied by (see PLAN-MC-6) */
  horizon: number;
  scopeLow: number;
  scopeHigh: number;
  /** sprints needed at the low / high velocity; null at a velocity of 0 (never) */
  sprintsAtLow: number | null;
  sprintsAtHigh: number | null;
  dateAtLow: string | null;
  dateAtHigh: string | null;
};

export function velocityRange(
  unit: Unit,
  history: readonly number[],
  remaining: number,
  horizon: number,
  sprintsRecorded: number,
  cal: Calendar | null,
  schedule: Schedule = FLAT,
  target = 0.9,
): VelocityRange {
  const sorted = [...history].sort((a, b) => a - b);
  const ci = medianInterval(sorted.length, target);
  const low = sorted[ci.lowRank - 1] ?? 0;
  const high = sorted[ci.highRank - 1] ?? 0;
  const sprintsAtLow = sprintsAtOrNever(remaining, low, schedule);
  const sprintsAtHigh = sprintsAtOrNever(remaining, high, schedule);
  const capacity = capacityOf(schedule, horizon); // = horizon without multipliers
  return {
    unit,
    rule: 'median-order-statistics',
    targetCoverage: target,
    sampleSize: sorted.length,
    ...ci,
    low,
    high,
    horizon,
    scopeLow: low * capacity,
    scopeHigh: high * capacity,
    sprintsAtLow,
    sprintsAtHigh,
    dateAtLow: sprintsAtLow === null ? null : dateOfSprint(cal, sprintsRecorded + sprintsAtLow),
    dateAtHigh: sprintsAtHigh === null ? null : dateOfSprint(cal, sprintsRecorded + sprintsAtHigh),
  };
}
