import { apToUnit, fromAp, type Points } from './calibration';
import type { PlanWarning } from './errors';
import type { ParsedPlanInput, SprintRecord, Unit } from './input';

export type Scope = {
  /** 'items': the backlog items are the current state; 'total': a start total plus sprint records */
  mode: 'items' | 'total';
  /** totalAp as given, or the sum of all items */
  initialAp: number;
  /** scope changes from the sprint records (applied in 'total' mode, already in the items otherwise) */
  addedAp: number;
  removedAp: number;
  total: Points;
  done: Points;
  remaining: Points;
  /** remaining scope in the plan unit */
  remainingInUnit: number;
};

/** Done AP of a record (doneAp, else doneSp / f). validate.ts ensures one is usable. */
export function recordDoneAp(rec: SprintRecord, factor: number | null): number {
  if (rec.doneAp !== undefined) return rec.doneAp;
  return rec.doneSp !== undefined && factor !== null ? rec.doneSp / factor : 0;
}

export function resolveScope(input: ParsedPlanInput, unit: Unit, factor: number | null, warnings: PlanWarning[]): Scope {
  let addedAp = 0;
  let removedAp = 0;
  for (const r of input.sprints) {
    addedAp += r.scopeAddedAp;
    removedAp += r.scopeRemovedAp;
  }
  const items = input.backlog.items;
  let initialAp: number;
  let totalAp: number;
  let doneAp: number;
  if (items !== undefined) {
    // PLAN-SCOPE-2
    const doneIds = new Set(input.sprints.flatMap((r) => r.doneItemIds));
    const known = new Set(items.map((i) => i.id));
    input.sprints.forEach((r, i) =>
      r.doneItemIds.forEach((id, j) => {
        if (!known.has(id)) {
          warnings.push({
            code: 'unknown_done_item',
            message: `done item "${id}" is not in the backlog`,
            path: `sprints.${i}.doneItemIds.${j}`,
          });
        }
      }),
    );
    initialAp = 0;
    doneAp = 0;
    for (const item of items) {
      initialAp += item.sizeAp;
      if (item.status === 'done' || doneIds.has(item.id)) doneAp += item.sizeAp;
    }
    totalAp = initialAp;
  } else {
    // PLAN-SCOPE-1
    initialAp = input.backlog.totalAp ?? 0;
    totalAp = initialAp + addedAp - removedAp;
    doneAp = 0;
    for (const r of input.sprints) doneAp += recordDoneAp(r, factor);
  }
  if (totalAp < 0) totalAp = 0;
  let remainingAp = totalAp - doneAp;
  if (remainingAp < 0) {
    warnings.push({
      code: 'scope_overdone',
      message: 'more points are done than the scope holds; remaining scope is taken as 0',
      path: 'backlog',
    });
    remainingAp = 0;
  }
  return {
    mode: items !== undefined ? 'items' : 'total',
    initialAp,
    addedAp,
    removedAp,
    total: fromAp(totalAp, factor),
    done: fromAp(doneAp, factor),
    remaining: fromAp(remainingAp, factor),
    remainingInUnit: apToUnit(remainingAp, unit, factor),
  };
}
