// The planning engine's input from a workshop's real data (rules WS-PLAN-1..4).
import type { PlanInput, ReferenceItem } from '../planning';
import { allRefs, type CalibrationRef } from './calibration';
import { deriveSizes, sizeOf, type ItemSize } from './sizes';
import { sprintScopes } from './tracking';
import type { PlanSettings, WorkshopPlanning } from './wire';

export type WorkshopData = Pick<WorkshopPlanning, 'sessions' | 'items' | 'sprints'>;

/** Items dropped from the scope by some sprint record. */
export function droppedIds(data: Pick<WorkshopData, 'sprints'>): Set<string> {
  return new Set(data.sprints.flatMap((s) => s.droppedItemIds));
}

/** The backlog in priority order with each item's size and state: what the views list. */
export type BacklogRow = {
  id: string;
  key: string | null;
  title: string;
  position: number;
  size: ItemSize;
  done: boolean;
  dropped: boolean;
};

export function backlogRows(data: WorkshopData): BacklogRow[] {
  const sizes = deriveSizes(data.sessions, data.items);
  const dropped = droppedIds(data);
  const done = new Set(data.sprints.flatMap((s) => s.doneItemIds));
  return [...data.items]
    .sort((a, b) => a.position - b.position)
    .map((i) => ({
      id: i.id,
      key: i.key,
      title: i.title,
      position: i.position,
      size: sizeOf(sizes, i.id),
      done: done.has(i.id),
      dropped: dropped.has(i.id),
    }));
}

const toRef = (r: CalibrationRef, title: string): ReferenceItem => ({ id: r.itemId, title, ap: r.ap, sp: r.sp });

/**
 * WS-PLAN-3: reference entries go where they were made: entries made before the first sprint
 * was recorded are the initial references; an entry made between the records of sprint k-1 and
 * sprint k (or after the last record) belongs to sprint k (or the last one), so the after-sprint
 * review answers "has the factor changed?". A later session's entry of an item never goes
 * before an earlier session's entry of it; within one window the latest session's entry wins.
 */
export function placeReferences(refs: readonly CalibrationRef[], recordedAt: readonly number[], titleOf: (id: string) => string) {
  // window 0 = initial; window k (1..n) = sprint record k
  const windowOf = (t: number) => {
    const k = recordedAt.findIndex((at) => t <= at);
    if (k === -1) return recordedAt.length; // after the last record (0 without records)
    return k === 0 ? 0 : k + 1;
  };
  const windows: Map<string, CalibrationRef>[] = Array.from({ length: recordedAt.length + 1 }, () => new Map());
  const lastWindow = new Map<string, number>();
  for (const r of refs) {
    const w = Math.max(windowOf(r.updatedAt), lastWindow.get(r.itemId) ?? 0);
    lastWindow.set(r.itemId, w);
    windows[w]!.set(r.itemId, r);
  }
  const list = (w: number) => [...windows[w]!.values()].map((r) => toRef(r, titleOf(r.itemId)));
  return { initial: list(0), perSprint: recordedAt.map((_, i) => list(i + 1)) };
}

/**
 * WS-PLAN-1: the backlog is the workshop's sized items in priority order, without dropped ones
 * (unsized items cannot be planned and are counted apart). Done = listed in a sprint record.
 * Reference items are `refined` (estimated in detail: a split range leaves them alone).
 * WS-PLAN-5: the saved uncertainty settings (window, multipliers, growth, split, risks,
 * throughput, a date asked about) go to the engine as they are; records carry their WS-TRK-4 scope.
 * WS-PLAN-2: the velocity history is the recorded sprints (after any earlier history in the settings);
 * the assumed velocity only stands in until there is a history, so it is left out then.
 * WS-PLAN-4: without saved settings the velocity is AP with no assumption (the engine asks for one).
 */
export function workshopPlanInput(data: WorkshopData, settings: PlanSettings | null): PlanInput {
  const rows = backlogRows(data);
  const titles = new Map(data.items.map((i) => [i.id, i.title]));
  const titleOf = (id: string) => titles.get(id) ?? '';
  const sprints = [...data.sprints].sort((a, b) => a.index - b.index);
  const refs = placeReferences(
    allRefs(data.sessions),
    sprints.map((s) => s.recordedAt),
    titleOf,
  );
  const s = settings ?? { velocity: { unit: 'AP' as const } };
  const refined = new Set(allRefs(data.sessions).map((r) => r.itemId));
  const scopes = sprintScopes(sprints, deriveSizes(data.sessions, data.items));
  const input: PlanInput = {
    backlog: {
      items: rows
        .filter((r) => !r.dropped && r.size.sizeAp !== null)
        .map((r) => ({ id: r.id, title: r.title, sizeAp: r.size.sizeAp!, ...(refined.has(r.id) ? { refined: true } : {}) })),
    },
    references: refs.initial,
    velocity: velocityOf(s.velocity, sprints.length),
    sprints: sprints.map((rec, i) => ({
      index: i + 1,
      doneAp: rec.doneAp,
      doneItemIds: rec.doneItemIds,
      ...(rec.costMinor !== null ? { actualCostMinor: rec.costMinor } : {}),
      scopeAddedAp: scopes[i]!.addedAp,
      scopeRemovedAp: scopes[i]!.removedAp,
      references: refs.perSprint[i] ?? [],
    })),
  };
  if (s.sprint) input.sprint = s.sprint;
  if (s.currency) input.currency = s.currency;
  if (s.team) input.team = s.team;
  if (s.budget) input.budget = s.budget;
  if (s.monteCarlo?.seed !== undefined) input.monteCarlo = { seed: s.monteCarlo.seed };
  if (s.scopeGrowth) input.scopeGrowth = s.scopeGrowth;
  if (s.split) input.split = s.split;
  if (s.risks && s.risks.length > 0) input.risks = s.risks;
  if (s.throughput) input.throughput = s.throughput;
  if (s.questions) input.questions = s.questions;
  return input;
}

function velocityOf(v: PlanSettings['velocity'], recorded: number): PlanSettings['velocity'] {
  if (v.assumed === undefined || (recorded === 0 && (v.history ?? []).length === 0)) return v;
  const { assumed: _assumed, ...rest } = v;
  return rest;
}

/** The items not yet sized in any counted session (not planned; a revisit session sizes them). */
export function unsizedRows(data: WorkshopData): BacklogRow[] {
  return backlogRows(data).filter((r) => r.size.sizeAp === null && !r.dropped);
}
