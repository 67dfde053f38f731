import { sprintEndDate, type Calendar } from './calendar';
import { FLAT, sprintsWith, type Schedule } from './capacity';
import type { Unit } from './input';
import { ceilTol, MAX_SPRINTS } from './numeric';

export type Forecast = {
  unit: Unit;
  /** remaining scope and mean velocity used, in `unit` */
  remaining: number;
  velocity: number;
  /** remaining / velocity, not rounded (with multipliers: whole sprints plus the share of the last one) */
  sprintsExact: number;
  /** whole sprints still needed: sprintsExact rounded up */
  sprintsNeeded: number;
  complete: boolean;
  sprintsRecorded: number;
  /** number of the last needed sprint counted from the project start (recorded + needed); null if none */
  finishSprint: number | null;
  /** last day of the last needed sprint; null without a calendar */
  targetDate: string | null;
};

/** Last day of sprint `sprintNumber` counted from the start, or null (no calendar, sprint 0). */
export function dateOfSprint(cal: Calendar | null, sprintNumber: number | null): string | null {
  if (cal === null || sprintNumber === null || sprintNumber < 1) return null;
  return sprintEndDate(cal, sprintNumber);
}

/** PLAN-FC-1: sprints at a constant velocity; velocity > 0. */
export function sprintsAt(remaining: number, velocity: number): number {
  return remaining <= 0 ? 0 : ceilTol(remaining / velocity);
}

/** Sprints at a velocity that may be 0 or tiny: null means never (or beyond MAX_SPRINTS). */
export function sprintsAtOrNever(remaining: number, velocity: number, schedule: Schedule = FLAT): number | null {
  if (remaining <= 0) return 0;
  if (!(velocity > 0) || remaining / velocity > MAX_SPRINTS) return null;
  return sprintsWith(remaining, velocity, schedule)?.needed ?? null;
}

export function forecast(
  unit: Unit,
  remaining: number,
  velocity: number,
  sprintsRecorded: number,
  cal: Calendar | null,
  schedule: Schedule = FLAT,
): Forecast {
  // PLAN-FC-1, PLAN-VEL-5: velocity > 0 (validate.ts) and remaining / velocity <= MAX_SPRINTS (plan.ts)
  const s = sprintsWith(remaining, velocity, schedule) ?? { exact: remaining / velocity, needed: sprintsAt(remaining, velocity) };
  const sprintsExact = s.exact;
  const sprintsNeeded = s.needed;
  const finish = sprintsRecorded + sprintsNeeded;
  return {
    unit,
    remaining,
    velocity,
    sprintsExact,
    sprintsNeeded,
    complete: sprintsNeeded === 0,
    sprintsRecorded,
    finishSprint: finish === 0 ? null : finish,
    targetDate: dateOfSprint(cal, finish), // PLAN-FC-2
  };
}
