// After each sprint: the record's defaults and the burn-up chart's series (rules WS-TRK-1..5).
import type { Plan } from '../planning';
import { deriveSizes, totalAp, type ItemSize } from './sizes';
import type { SprintBody, SprintEntry, WorkshopPlanning } from './wire';

export type RecordFigures = Pick<SprintEntry, 'doneAp' | 'scopeAddedAp' | 'scopeRemovedAp'>;

/** WS-TRK-1: AP figures a record leaves out are the sums of the sizes of its listed items. */
export function recordFigures(
  body: Pick<SprintBody, 'doneItemIds' | 'doneAp' | 'addedItemIds' | 'droppedItemIds' | 'scopeAddedAp' | 'scopeRemovedAp'>,
  sizes: ReadonlyMap<string, ItemSize>,
): RecordFigures {
  return {
    doneAp: body.doneAp ?? totalAp(sizes, body.doneItemIds ?? []),
    scopeAddedAp: body.scopeAddedAp ?? totalAp(sizes, body.addedItemIds ?? []),
    scopeRemovedAp: body.scopeRemovedAp ?? totalAp(sizes, body.droppedItemIds ?? []),
  };
}

/** A record's scope change and finished scope, in AP at today's sizes. */
export type SprintScope = { index: number; doneAp: number; addedAp: number; removedAp: number };

/**
 * WS-TRK-4: a record's added (dropped, done) scope is the sum of today's sizes of the items it
 * lists, each item counted once: in the first record that lists it (an item already in the
 * backlog listed again, or listed in two sprints, is not added twice). Today's sizes, so the
 * burn-up adds up to the same total as the backlog and the waterline. A record that lists no
 * added (dropped) items keeps the AP figure it was recorded with; finished scope comes only
 * from listed items (points done without a finished item are velocity, not scope).
 */
export function sprintScopes(records: readonly SprintEntry[], sizes: ReadonlyMap<string, ItemSize>): SprintScope[] {
  const seen = { added: new Set<string>(), dropped: new Set<string>(), done: new Set<string>() };
  const firstTime = (ids: readonly string[], set: Set<string>) => {
    const fresh = ids.filter((id) => !set.has(id));
    fresh.forEach((id) => set.add(id));
    return totalAp(sizes, fresh);
  };
  return [...records]
    .sort((a, b) => a.index - b.index)
    .map((r) => ({
      index: r.index,
      doneAp: firstTime(r.doneItemIds, seen.done),
      addedAp: r.addedItemIds.length > 0 ? firstTime(r.addedItemIds, seen.added) : r.scopeAddedAp,
      removedAp: r.droppedItemIds.length > 0 ? firstTime(r.droppedItemIds, seen.dropped) : r.scopeRemovedAp,
    }));
}

/** WS-TRK-4: items a new record may list as added scope: in the backlog, not done, not dropped, not added before. */
export function addableIds(data: Pick<WorkshopPlanning, 'sprints'>): (id: string) => boolean {
  const used = new Set(data.sprints.flatMap((s) => [...s.addedItemIds, ...s.doneItemIds, ...s.droppedItemIds]));
  return (id) => !used.has(id);
}

export type BurnUpPoint = {
  sprint: number;
  /** cumulative AP reported done (recorded sprints) */
  done: number | null;
  /** the total scope after the sprint (AP): steps where scope was added or dropped */
  scope: number | null;
  /** forecast from the last recorded sprint at the mean velocity, and at the range's low/high velocity */
  mean: number | null;
  low: number | null;
  high: number | null;
};

/** Velocity of the plan unit in AP. */
function inAp(plan: Plan, value: number): number | null {
  if (plan.unit === 'AP') return value;
  return plan.calibration.factor ? value / plan.calibration.factor : null;
}

const MAX_FORECAST_SPRINTS = 60;

/**
 * WS-TRK-2: the scope line runs backwards from today's total: after sprint k it is the current
 * total minus the scope added (plus the scope dropped) in later sprints (WS-TRK-4 figures).
 * WS-TRK-5: the done line is the finished items at today's sizes, so after the last record it is
 * exactly total - remaining, where the forecast starts.
 * WS-TRK-3: the forecast starts at the done scope after the last record (total - remaining) and
 * runs at the mean velocity, and at the low and high velocity of the range when there is one,
 * until it reaches the total (at most 60 sprints ahead).
 */
export function burnUp(
  plan: Plan,
  data: Pick<WorkshopPlanning, 'sprints' | 'sessions'> & Partial<Pick<WorkshopPlanning, 'items'>>,
): BurnUpPoint[] {
  const records = sprintScopes(data.sprints, deriveSizes(data.sessions, data.items));
  const total = plan.scope.total.ap;
  const n = records.length;
  const points: BurnUpPoint[] = [];
  let later = records.reduce((s, r) => s + r.addedAp - r.removedAp, 0);
  let done = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) {
      const r = records[k - 1]!;
      done += r.doneAp;
      later -= r.addedAp - r.removedAp;
    }
    points.push({ sprint: k, done: round(done), scope: round(Math.max(total - later, 0)), mean: null, low: null, high: null });
  }
  const start = total - plan.scope.remaining.ap;
  const mean = inAp(plan, plan.velocity.mean);
  const low = plan.range ? inAp(plan, plan.range.low) : null;
  const high = plan.range ? inAp(plan, plan.range.high) : null;
  if (plan.scope.remaining.ap <= 0 || mean === null || mean <= 0) return points;
  const slowest = low !== null && low > 0 ? low : mean;
  const ahead = Math.min(Math.ceil((total - start) / slowest - 1e-9), MAX_FORECAST_SPRINTS);
  const line = (v: number | null, j: number) => (v === null ? null : round(Math.min(start + v * j, total)));
  points[n] = { ...points[n]!, mean: round(start), low: low === null ? null : round(start), high: high === null ? null : round(start) };
  for (let j = 1; j <= ahead; j++) {
    points.push({ sprint: n + j, done: null, scope: round(total), mean: line(mean, j), low: line(low, j), high: line(high, j) });
  }
  return points;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
