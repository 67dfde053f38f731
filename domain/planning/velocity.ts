import { toPoints, type Points } from './calibration';
import type { ParsedPlanInput, SprintRecord, Unit } from './input';
import { mean } from './numeric';

export type Velocity = {
  unit: Unit;
  /** 'history' when there is at least one past sprint, else 'assumed' */
  source: 'history' | 'assumed';
  /** past sprint velocities in the plan unit: velocity.history, then the sprint records */
  history: number[];
  fromHistoryInput: number;
  fromSprintRecords: number;
  /** arithmetic mean of the history, or the assumed velocity */
  mean: number;
  meanPoints: Points;
};

/** Done points of a record in the plan unit; converts with the current factor when only the other unit is given. */
export function recordDone(rec: SprintRecord, unit: Unit, factor: number | null): number | null {
  if (unit === 'AP') {
    if (rec.doneAp !== undefined) return rec.doneAp;
    return rec.doneSp !== undefined && factor !== null ? rec.doneSp / factor : null;
  }
  if (rec.doneSp !== undefined) return rec.doneSp;
  return rec.doneAp !== undefined && factor !== null ? rec.doneAp * factor : null;
}

/** PLAN-VEL-1/2. Assumes validate.ts passed (positive mean, convertible records). */
export function resolveVelocity(input: ParsedPlanInput, factor: number | null): Velocity {
  const unit = input.velocity.unit;
  const fromRecords = input.sprints.map((r) => recordDone(r, unit, factor) ?? 0);
  const history = [...input.velocity.history, ...fromRecords];
  const source = history.length > 0 ? 'history' : 'assumed';
  const m = source === 'history' ? mean(history) : (input.velocity.assumed ?? 0);
  return {
    unit,
    source,
    history,
    fromHistoryInput: input.velocity.history.length,
    fromSprintRecords: fromRecords.length,
    mean: m,
    meanPoints: toPoints(m, unit, factor),
  };
}
