// The webhook messages from the app's own data: a locked session, a recorded sprint (INT-HOOK-9, INT-HOOK-10).
import { computePlan } from '../planning';
import { backlogRows, workshopPlanInput, type WorkshopPlanning } from '../workshop';
import { roundTo1 } from '../backlog/export';
import { lockedTotals, sprintRecordedData, type SessionLockedData, type SprintRecordedData } from './webhook';

type Ref = SessionLockedData['workshop'];

/** INT-HOOK-9: a locked session's message: its items' sizes (AP, null = unplaced or "?") and the session's factor. */
export function sessionLockedMessage(
  workshop: Ref,
  session: Ref,
  sizes: readonly (number | null)[],
  factor: number | null,
): { event: 'session.locked' } & SessionLockedData {
  return { event: 'session.locked', workshop, session, totals: lockedTotals(sizes, factor) };
}

/**
 * INT-HOOK-10: the message of the workshop's latest sprint record, with the figures of the plan
 * computed from the workshop's data after the record (the planning views' plan). When no plan can
 * be computed (no velocity yet), the remaining AP are the sized items neither done nor dropped and
 * the forecast and budget are left out (null). No record: null.
 */
export function sprintRecordedMessage(workshop: Ref, data: WorkshopPlanning): ({ event: 'sprint.recorded' } & SprintRecordedData) | null {
  const last = [...data.sprints].sort((a, b) => a.index - b.index).at(-1);
  if (!last) return null;
  const sprint = {
    index: last.index,
    doneAp: roundTo1(last.doneAp),
    scopeAddedAp: roundTo1(last.scopeAddedAp),
    scopeRemovedAp: roundTo1(last.scopeRemovedAp),
  };
  const result = computePlan(workshopPlanInput(data, data.settings));
  if (result.ok) return { event: 'sprint.recorded', ...sprintRecordedData(workshop, sprint, result.plan) };
  const ap = backlogRows(data)
    .filter((r) => !r.done && !r.dropped && r.size.sizeAp !== null)
    .reduce((sum, r) => sum + (r.size.sizeAp ?? 0), 0);
  return {
    event: 'sprint.recorded',
    workshop,
    sprint,
    remaining: { ap: roundTo1(ap), sp: null },
    sprintsNeeded: null,
    budgetSprintsLeft: null,
  };
}
