import type { Points } from './calibration';

export type StatusCode = 'complete' | 'ok' | 'at_risk' | 'over_budget' | 'no_budget';

export type Status = {
  /**
   * complete: nothing left; over_budget: sprints needed (mean velocity) > sprints the budget covers;
   * at_risk: fits at the mean but not at the Monte Carlo 85 % figure; ok: fits both; no_budget: no budget given
   */
  code: StatusCode;
  message: string;
  sprintsNeeded: number;
  /** Monte Carlo 85 % sprints; null without Monte Carlo or beyond its cap */
  sprintsNeeded85: number | null;
  sprintsCovered: number | null;
};

/** PLAN-REV-STATUS */
export function statusOf(
  sprintsNeeded: number,
  sprintsNeeded85: number | null,
  hasMonteCarlo: boolean,
  sprintsCovered: number | null,
): Status {
  const base = { sprintsNeeded, sprintsNeeded85, sprintsCovered };
  if (sprintsNeeded === 0) return { code: 'complete', message: 'no scope is left', ...base };
  if (sprintsCovered === null)
    return { code: 'no_budget', message: `at least ${sprintsNeeded} more sprints needed; no budget given`, ...base };
  const needed = `at least ${sprintsNeeded} more ${sprintsNeeded === 1 ? 'sprint' : 'sprints'} needed, budget left for ${sprintsCovered}`;
  if (sprintsNeeded > sprintsCovered)
    return { code: 'over_budget', message: `${needed}: the budget runs out before the scope is done`, ...base };
  if (hasMonteCarlo && (sprintsNeeded85 === null || sprintsNeeded85 > sprintsCovered)) {
    const mc = sprintsNeeded85 === null ? 'beyond the simulation cap' : String(sprintsNeeded85);
    return { code: 'at_risk', message: `${needed}, but at 85 % confidence ${mc} sprints are needed`, ...base };
  }
  return { code: 'ok', message: needed, ...base };
}

export type Review = {
  /** index of the last recorded sprint */
  sprint: number;
  /** 1. what the last sprint cost (actual if recorded, else planned) */
  sprintCostMinor: number | null;
  sprintCostIsActual: boolean;
  /** 2. budget left */
  budgetLeftMinor: number | null;
  /** 3. whole sprints the budget left still pays for */
  sprintsBudgetLasts: number | null;
  /** 4. AP-to-SP factor before and after the last sprint's refined reference items */
  factor: { before: number | null; after: number | null; changed: boolean; changePercent: number | null };
  /** 5. remaining scope */
  remaining: Points;
  /** 6. mean velocity of all sprints so far */
  meanVelocity: Points;
  /** 7. scope that fits into the sprints the budget still covers: mean velocity, Monte Carlo 85 % */
  scopeThatFits: { mean: Points | null; pessimistic: Points | null };
  status: Status;
};

export function factorChange(before: number | null, after: number | null): Review['factor'] {
  const changed = before !== after;
  const changePercent = before !== null && after !== null ? ((after - before) / before) * 100 : null;
  return { before, after, changed, changePercent };
}
