import type { PlanWarning } from './errors';
import type { ParsedPlanInput, TeamInput } from './input';
import { minorDigits } from './currencies';
import { addMinor, mulMinor, roundHalfUp } from './money';

export type CostLine = {
  name: string;
  people: number;
  dayRateMinor: number;
  days: number;
  allocation: number;
  /** people x round_half_up(dayRate x days x allocation) */
  costMinor: number;
};

export type Budget = {
  currency: string;
  minorDigits: number;
  daysPerSprint: number | null;
  /** sum of the lines; null without a team */
  costPerSprintMinor: number | null;
  lines: CostLine[];
  /** the whole budget (given, or budget.sprints x cost per sprint) */
  amountMinor: number | null;
  /** sprints the whole budget pays for */
  budgetedSprints: number | null;
  /** cost of each recorded sprint: actual if given, else the planned cost per sprint */
  recordedSprints: { index: number; costMinor: number | null; actual: boolean }[];
  spentMinor: number | null;
  remainingMinor: number | null;
  /** whole sprints the remaining budget still pays for (floor, >= 0) */
  sprintsCovered: number | null;
  /** deterministic sprints still needed and what they cost */
  sprintsNeeded: number;
  costOfSprintsNeededMinor: number | null;
  /** spent + cost of sprints needed */
  projectedTotalMinor: number | null;
  /** projected total beyond the budget (0 when it fits) */
  overrunMinor: number | null;
};

/** Days per sprint for costs: team.daysPerSprint, else 5 per calendar week of sprint length. */
export function resolveDaysPerSprint(input: Pick<ParsedPlanInput, 'team' | 'sprint'>): number | null {
  if (input.team?.daysPerSprint !== undefined) return input.team.daysPerSprint;
  const s = input.sprint;
  if (s?.lengthWeeks !== undefined) return 5 * s.lengthWeeks;
  if (s?.lengthDays !== undefined && s.lengthDays % 7 === 0) return (5 * s.lengthDays) / 7;
  return null;
}

/** PLAN-MON-2: cost lines of one sprint; null on overflow. */
export function costLines(team: TeamInput, days: number | null): CostLine[] | null {
  const lines: CostLine[] = [];
  if (team.members !== undefined) {
    for (const m of team.members) {
      const d = m.daysPerSprint ?? days ?? 0;
      const cost = roundHalfUp(m.dayRateMinor * d * m.allocation);
      if (!Number.isSafeInteger(cost)) return null;
      lines.push({ name: m.name, people: 1, dayRateMinor: m.dayRateMinor, days: d, allocation: m.allocation, costMinor: cost });
    }
  } else {
    const people = team.people ?? 0;
    const rate = team.dayRateMinor ?? 0;
    const d = days ?? 0;
    const cost = mulMinor(people, roundHalfUp(rate * d));
    if (cost === null) return null;
    lines.push({ name: '', people, dayRateMinor: rate, days: d, allocation: 1, costMinor: cost });
  }
  return lines;
}

export function budgetOf(input: ParsedPlanInput, sprintsNeeded: number, warnings: PlanWarning[]): Budget {
  const currency = input.currency;
  const days = resolveDaysPerSprint(input);
  const lines = input.team === undefined ? [] : costLines(input.team, days);
  let cps: number | null = null;
  if (lines !== null && input.team !== undefined) {
    cps = 0;
    for (const l of lines) cps = addMinor(cps, l.costMinor);
  }
  const overflow = () => warnings.push({ code: 'money_overflow', message: 'an amount is too large to compute exactly', path: 'team' });
  if (lines === null || (input.team !== undefined && cps === null)) overflow();

  // PLAN-MON-3
  const recordedSprints = input.sprints.map((r) => ({
    index: r.index,
    costMinor: r.actualCostMinor ?? cps,
    actual: r.actualCostMinor !== undefined,
  }));
  let spent: number | null = 0;
  for (const r of recordedSprints) spent = addMinor(spent, r.costMinor);

  const b = input.budget;
  let amount: number | null = null;
  let budgetedSprints: number | null = null;
  if (b?.amountMinor !== undefined) {
    amount = b.amountMinor;
    budgetedSprints = cps !== null && cps > 0 ? Math.floor(amount / cps) : null;
  } else if (b?.sprints !== undefined) {
    budgetedSprints = b.sprints;
    amount = cps === null ? null : mulMinor(b.sprints, cps);
  }
  const remaining = amount === null || spent === null ? null : amount - spent;
  let sprintsCovered: number | null = null;
  if (remaining !== null && cps !== null && cps > 0) sprintsCovered = Math.max(0, Math.floor(remaining / cps));
  else if (b?.sprints !== undefined && cps === null) sprintsCovered = Math.max(0, b.sprints - input.sprints.length);
  if (remaining !== null && remaining < 0) {
    warnings.push({ code: 'budget_overspent', message: 'the recorded sprints cost more than the budget', path: 'budget' });
  }

  const costNeeded = cps === null ? null : mulMinor(cps, sprintsNeeded);
  const projected = addMinor(spent, costNeeded);
  if (cps !== null && (costNeeded === null || projected === null)) overflow();
  return {
    currency,
    minorDigits: minorDigits(currency),
    daysPerSprint: days,
    costPerSprintMinor: cps,
    lines: lines ?? [],
    amountMinor: amount,
    budgetedSprints,
    recordedSprints,
    spentMinor: spent,
    remainingMinor: remaining,
    sprintsCovered,
    sprintsNeeded,
    costOfSprintsNeededMinor: costNeeded,
    projectedTotalMinor: projected,
    overrunMinor: projected === null || amount === null ? null : Math.max(0, projected - amount),
  };
}
