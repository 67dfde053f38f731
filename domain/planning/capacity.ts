// PLAN-VEL-5: velocity that changes over time. A multiplier scales the velocity of one future
// sprint (holidays 0.5, a new colleague 1.2); every other sprint runs at 1.
import type { PlanWarning } from './errors';
import { atLeast, ceilTol } from './numeric';

export type AppliedMultiplier = { sprint: number; factor: number };

export type Schedule = {
  /** factors[j] multiplies the velocity of remaining sprint j + 1 (the next sprint is j = 0); 1 after the end */
  factors: Float64Array;
  /** the multipliers in use, by sprint number from the project start, ascending */
  applied: AppliedMultiplier[];
};

export const FLAT: Schedule = { factors: new Float64Array(0), applied: [] };

/** Multipliers of sprints already recorded are ignored (warning): the records hold what happened. */
export function scheduleOf(multipliers: readonly AppliedMultiplier[], recorded: number, warnings: PlanWarning[]): Schedule {
  const applied: AppliedMultiplier[] = [];
  multipliers.forEach((m, i) => {
    if (m.sprint <= recorded) {
      warnings.push({
        code: 'multiplier_in_past',
        message: `sprint ${m.sprint} is recorded already; its multiplier is ignored`,
        path: `velocity.multipliers.${i}`,
      });
    } else {
      applied.push({ sprint: m.sprint, factor: m.factor });
    }
  });
  applied.sort((a, b) => a.sprint - b.sprint);
  const last = applied.at(-1)?.sprint ?? recorded;
  const factors = new Float64Array(last - recorded).fill(1);
  for (const m of applied) factors[m.sprint - recorded - 1] = m.factor;
  return { factors, applied };
}

/** Multiplier of remaining sprint k (1 = the next one). */
export function factorAt(s: Schedule, k: number): number {
  return k >= 1 && k <= s.factors.length ? s.factors[k - 1]! : 1;
}

/** Sum of the multipliers of the next `sprints` sprints: mean velocity x this = what they deliver. */
export function capacityOf(s: Schedule, sprints: number): number {
  let sum = 0;
  const n = Math.min(sprints, s.factors.length);
  for (let k = 0; k < n; k++) sum += s.factors[k]!;
  return sum + Math.max(0, sprints - n);
}

/**
 * PLAN-FC-1 with PLAN-VEL-5: sprints until the velocity x multipliers reach the remaining scope.
 * `exact` counts the last sprint by the share of it that is needed. Without multipliers this is
 * remaining / velocity and its ceiling. Velocity > 0; null when it is never reached.
 */
export function sprintsWith(remaining: number, velocity: number, s: Schedule): { exact: number; needed: number } | null {
  if (remaining <= 0) return { exact: 0, needed: 0 };
  if (!(velocity > 0)) return null;
  let done = 0;
  for (let k = 1; k <= s.factors.length; k++) {
    const step = velocity * s.factors[k - 1]!;
    if (atLeast(done + step, remaining)) return { exact: k - 1 + (remaining - done) / step, needed: k };
    done += step;
  }
  const rest = (remaining - done) / velocity;
  return { exact: s.factors.length + rest, needed: s.factors.length + ceilTol(rest) };
}
