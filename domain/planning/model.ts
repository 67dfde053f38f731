// What a Monte Carlo trial samples, from the plan input: the scope split into refined and
// unrefined work, growth, risks and the velocity multipliers, in the simulation's unit.
import { apToUnit } from './calibration';
import type { Schedule } from './capacity';
import type { BacklogItem, ParsedPlanInput, Unit } from './input';
import type { SimModel, SimRisk } from './simulate';

/** Open backlog items (not done) in priority order. */
export function openItems(input: ParsedPlanInput): BacklogItem[] {
  const doneIds = new Set(input.sprints.flatMap((r) => r.doneItemIds));
  return (input.backlog.items ?? []).filter((i) => i.status !== 'done' && !doneIds.has(i.id));
}

/** Remaining AP in items the split does not touch (refined) and in those it does. */
function scopeParts(input: ParsedPlanInput, remainingAp: number): { refinedAp: number; unrefinedAp: number } {
  if (input.backlog.items === undefined) return { refinedAp: 0, unrefinedAp: remainingAp };
  let refinedAp = 0;
  let unrefinedAp = 0;
  for (const i of openItems(input)) {
    if (i.refined) refinedAp += i.sizeAp;
    else unrefinedAp += i.sizeAp;
  }
  return { refinedAp, unrefinedAp };
}

/** The risks as the simulation samples them (scope risks in AP, converted per model by apScale). */
function simRisks(input: ParsedPlanInput): SimRisk[] {
  return input.risks.map((r) => ({
    likelihood: r.likelihoodPercent / 100,
    low: r.impact.low,
    high: r.impact.high,
    kind: r.impact.unit === 'sprints' ? 'sprints' : 'scope',
  }));
}

/** The points forecast's model: velocities and scope in the plan unit. */
export function pointsModel(
  input: ParsedPlanInput,
  unit: Unit,
  factor: number | null,
  history: readonly number[],
  remaining: number,
  remainingAp: number,
  schedule: Schedule,
): SimModel {
  const parts = scopeParts(input, remainingAp);
  return {
    values: history,
    remaining,
    refined: apToUnit(parts.refinedAp, unit, factor),
    unrefined: apToUnit(parts.unrefinedAp, unit, factor),
    split: input.split ?? null,
    growthPercent: input.scopeGrowth ?? null,
    risks: simRisks(input),
    apScale: apToUnit(1, unit, factor),
    factors: schedule.factors,
  };
}

/**
 * PLAN-TP-1: the throughput forecast's model, in items. A split multiplies the unrefined items'
 * count; a risk in AP becomes items at the open items' mean size (remaining AP / remaining items).
 */
export function itemsModel(
  input: ParsedPlanInput,
  history: readonly number[],
  remainingItems: number,
  remainingAp: number,
  schedule: Schedule,
): SimModel {
  const items = input.backlog.items === undefined ? null : openItems(input);
  const refined = items === null ? 0 : items.filter((i) => i.refined).length;
  const perAp = remainingAp > 0 ? remainingItems / remainingAp : 0;
  return {
    values: history,
    remaining: remainingItems,
    refined,
    unrefined: remainingItems - refined,
    split: input.split ?? null,
    growthPercent: input.scopeGrowth ?? null,
    risks: simRisks(input),
    apScale: perAp,
    factors: schedule.factors,
  };
}
