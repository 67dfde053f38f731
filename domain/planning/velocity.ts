import { toPoints, type Points } from './calibration';
import type { ParsedPlanInput, SprintRecord, Unit } from './input';
import { mean } from './numeric';

export type Velocity = {
  unit: Unit;
  /** 'history' when there is at least one past sprint, else 'assumed' */
  source: 'history' | 'assumed';
  /** past sprint velocities in the plan unit that the figures use: velocity.history, then the sprint records (last `window` of them) */
  history: number[];
  fromHistoryInput: number;
  fromSprintRecords: number;
  /** PLAN-VEL-4: the window (last N sprints) or null for all */
  window: number | null;
  /** earlier sprints the window leaves out */
  outsideWindow: number;
  /** the sprint records in the history (numbers as recorded), null when none */
  includedRecords: { from: number; to: number } | null;
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

/** PLAN-VEL-4: how many of the earlier entries and of the records the last `window` sprints hold. */
export function windowOf(earlier: number, records: number, window: number | undefined) {
  const total = earlier + records;
  const keep = window === undefined ? total : Math.min(window, total);
  const fromRecords = Math.min(records, keep);
  return { fromEarlier: keep - fromRecords, fromRecords, outside: total - keep };
}

/** PLAN-VEL-1/2/4. Assumes validate.ts passed (positive mean, convertible records). */
export function resolveVelocity(input: ParsedPlanInput, factor: number | null): Velocity {
  const unit = input.velocity.unit;
  const fromRecords = input.sprints.map((r) => recordDone(r, unit, factor) ?? 0);
  const all = [...input.velocity.history, ...fromRecords];
  const w = windowOf(input.velocity.history.length, fromRecords.length, input.velocity.window);
  const history = all.slice(w.outside);
  const source = history.length > 0 ? 'history' : 'assumed';
  const m = source === 'history' ? mean(history) : (input.velocity.assumed ?? 0);
  const recorded = input.sprints.length;
  return {
    unit,
    source,
    history,
    fromHistoryInput: w.fromEarlier,
    fromSprintRecords: w.fromRecords,
    window: input.velocity.window ?? null,
    outsideWindow: w.outside,
    includedRecords: w.fromRecords === 0 ? null : { from: recorded - w.fromRecords + 1, to: recorded },
    mean: m,
    meanPoints: toPoints(m, unit, factor),
  };
}
