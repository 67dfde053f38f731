import type { Calendar } from './calendar';
import { dateOfSprint } from './forecast';
import type { Unit } from './input';
import { atLeast, ceilTol } from './numeric';

export type DecayScenario = {
  ratePercent: number;
  /** v_n = v_1 (1 - p)^(n - 1) for n = 1..sprints */
  velocities: number[];
  /** running sum of velocities */
  cumulative: number[];
  /** v_1 / p: what can ever be delivered */
  maxDeliverable: number;
  /** true when the remaining scope is never finished (R >= v_1 / p) */
  never: boolean;
  sprintsNeeded: number | null;
  targetDate: string | null;
};

export type Decay = { unit: Unit; v1: number; remaining: number; sprints: number; scenarios: DecayScenario[] };

/** Delivered after n sprints: v_1 (1 - q^n) / p. */
function deliveredAfter(n: number, v1: number, p: number): number {
  return (v1 * -Math.expm1(n * Math.log1p(-p))) / p; // log1p/expm1 keep tiny p accurate
}

/**
 * PLAN-DEC-2: N = ceil(ln(1 - R p / v_1) / ln(1 - p)) for R < v_1 / p, else null ("never").
 * The closed form can land a hair off an integer, so N is then checked against the
 * delivered sum (with tolerance): N is the smallest n whose sum reaches R.
 */
export function decaySprintsNeeded(remaining: number, v1: number, p: number): number | null {
  if (remaining <= 0) return 0;
  if (remaining * p >= v1 * (1 - 1e-9)) return null; // at or beyond the limit: never
  let n = Math.max(1, ceilTol(Math.log1p(-(remaining * p) / v1) / Math.log1p(-p)));
  // the closed form is off by at most one step; bounded loops keep a bad case cheap
  for (let i = 0; i < 3 && n > 1 && atLeast(deliveredAfter(n - 1, v1, p), remaining); i++) n -= 1;
  for (let i = 0; i < 3 && !atLeast(deliveredAfter(n, v1, p), remaining); i++) n += 1;
  return n;
}

export function decayScenarios(
  unit: Unit,
  v1: number,
  remaining: number,
  ratesPercent: readonly number[],
  sprints: number,
  sprintsRecorded: number,
  cal: Calendar | null,
): Decay {
  const scenarios = ratesPercent.map((ratePercent): DecayScenario => {
    const p = ratePercent / 100;
    const velocities: number[] = [];
    const cumulative: number[] = [];
    let total = 0;
    for (let n = 1; n <= sprints; n++) {
      const v = v1 * Math.pow(1 - p, n - 1); // PLAN-DEC-1, not iterated: no drift
      total += v;
      velocities.push(v);
      cumulative.push(total);
    }
    const needed = decaySprintsNeeded(remaining, v1, p);
    return {
      ratePercent,
      velocities,
      cumulative,
      maxDeliverable: v1 / p,
      never: needed === null,
      sprintsNeeded: needed,
      targetDate: needed === null ? null : dateOfSprint(cal, sprintsRecorded + needed),
    };
  });
  return { unit, v1, remaining, sprints, scenarios };
}
