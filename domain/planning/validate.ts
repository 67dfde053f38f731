import { factorOf, referencesAfter } from './calibration';
import { parseIsoDate } from './dates';
import { planError, type PlanError } from './errors';
import type { ParsedPlanInput } from './input';
import { costLines, resolveDaysPerSprint } from './budget';

// Rules that span fields. Runs after the schema passed; collects every error it finds.

export function validate(input: ParsedPlanInput): PlanError[] {
  const errors: PlanError[] = [];
  const err = (path: string, code: PlanError['code'], message: string) => errors.push(planError(path, code, message));

  // backlog: items or a total
  const { items, totalAp } = input.backlog;
  if (items !== undefined && totalAp !== undefined) err('backlog', 'conflict', 'give either items or totalAp, not both');
  if (items === undefined && totalAp === undefined) err('backlog', 'one_of_required', 'give the backlog items or its totalAp');
  if (items !== undefined) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) err(`backlog.items.${i}.id`, 'duplicate_id', `item id "${item.id}" appears twice`);
      seen.add(item.id);
    });
  }

  // PLAN-CAL-3: SP velocity against an AP backlog needs a factor
  const factor = factorOf(referencesAfter(input.references, input.sprints, input.sprints.length)).factor;
  if (input.velocity.unit === 'SP' && factor === null) {
    err('references', 'calibration_required', 'velocity in SP needs at least one reference item (AP and SP) to convert the backlog');
  }

  // sprint records: 1, 2, 3, ... each with done points we can use
  input.sprints.forEach((r, i) => {
    if (r.index !== i + 1)
      err(`sprints.${i}.index`, 'sprint_index_order', `expected sprint ${i + 1}: records are numbered 1, 2, 3, ... in order`);
    if (r.doneAp === undefined && r.doneSp === undefined) {
      err(`sprints.${i}.doneAp`, 'one_of_required', 'give the done points as doneAp or doneSp');
    } else if (r.doneAp === undefined && factor === null) {
      err(`sprints.${i}.doneSp`, 'calibration_required', 'doneSp needs a reference item to convert to AP; give doneAp');
    }
  });

  // PLAN-VEL-2/3: a positive velocity
  const history = input.velocity.history;
  const recorded = input.sprints.flatMap((r) => r.doneAp ?? r.doneSp ?? []); // records without points have their own error
  if (history.length === 0 && recorded.length === 0) {
    if (input.velocity.assumed === undefined) {
      err('velocity.history', 'velocity_required', 'give a velocity history (one or more past sprints) or an assumed velocity');
    }
  } else if ([...history, ...recorded].every((v) => v === 0)) {
    err(
      history.length > 0 ? 'velocity.history' : 'sprints',
      'velocity_not_positive',
      'the mean velocity is 0: at least one sprint must have done points',
    );
  } else if (lastOf([...history, ...recorded], input.velocity.window).every((v) => v === 0)) {
    err('velocity.window', 'velocity_not_positive', `${lastSprints(input.velocity.window)} no done points: the mean velocity would be 0`);
  }

  // PLAN-FC-3: a calendar needs a start date and one length
  const cal = input.sprint;
  if (cal !== undefined) {
    if (cal.startDate === undefined) err('sprint.startDate', 'required', 'a start date is needed to turn sprints into dates');
    if (cal.lengthDays !== undefined && cal.lengthWeeks !== undefined)
      err('sprint', 'conflict', 'give either lengthDays or lengthWeeks, not both');
    if (cal.lengthDays === undefined && cal.lengthWeeks === undefined)
      err('sprint.lengthWeeks', 'one_of_required', 'give the sprint length as lengthWeeks or lengthDays');
    const length = cal.lengthDays ?? (cal.lengthWeeks ?? 0) * 7;
    const start = cal.startDate === undefined ? null : parseIsoDate(cal.startDate);
    if (start !== null && length > 0) {
      cal.skipStartDates.forEach((d, i) => {
        const day = parseIsoDate(d);
        if (day === null || day < start || (day - start) % length !== 0) {
          err(
            `sprint.skipStartDates.${i}`,
            'not_a_sprint_start',
            `${d} is not the start of a sprint (start ${cal.startDate}, every ${length} days)`,
          );
        }
      });
    }
  }

  // PLAN-MON-2: team as people x rate, or members
  const team = input.team;
  if (team !== undefined) {
    if (team.members !== undefined) {
      if (team.people !== undefined || team.dayRateMinor !== undefined)
        err('team', 'conflict', 'give either people and dayRateMinor, or members, not both');
    } else {
      if (team.people === undefined) err('team.people', 'required', 'give the number of people (or a members list)');
      if (team.dayRateMinor === undefined) err('team.dayRateMinor', 'required', 'give the day rate in minor units (or a members list)');
    }
    const needsTeamDays = team.members === undefined || team.members.some((m) => m.daysPerSprint === undefined);
    if (needsTeamDays && resolveDaysPerSprint(input) === null) {
      err('team.daysPerSprint', 'days_per_sprint_required', 'give the working days per sprint (or the sprint length in weeks)');
    }
  }

  // budget: an amount or a number of sprints; an amount needs a team to price a sprint
  const budget = input.budget;
  if (budget !== undefined) {
    if (budget.amountMinor !== undefined && budget.sprints !== undefined)
      err('budget', 'conflict', 'give either amountMinor or sprints, not both');
    if (budget.amountMinor === undefined && budget.sprints === undefined)
      err('budget', 'one_of_required', 'give the budget as amountMinor or as sprints');
    if (budget.amountMinor !== undefined && team === undefined)
      err('team', 'team_required', 'a budget amount needs the team to know the cost per sprint');
    if (team !== undefined && errors.length === 0) {
      const lines = costLines(team, resolveDaysPerSprint(input));
      if (lines !== null && lines.every((l) => l.costMinor === 0))
        err('team', 'cost_not_positive', 'a sprint of this team costs 0; day rates must be positive');
    }
  }

  validateUncertainty(input, err);
  return errors;
}

type Report = (path: string, code: PlanError['code'], message: string) => void;

/** The ranges, risks, multipliers and throughput of a forecast (PLAN-GROW, PLAN-SPLIT, PLAN-RISK, PLAN-VEL-5, PLAN-TP). */
function validateUncertainty(input: ParsedPlanInput, err: Report): void {
  const range = (path: string, r: { low: number; high: number } | undefined) => {
    if (r !== undefined && r.low > r.high) err(`${path}.high`, 'low_above_high', `must be at least the low value (${r.low})`);
  };
  range('scopeGrowth', input.scopeGrowth);
  range('split', input.split);
  input.risks.forEach((risk, i) => {
    const path = `risks.${i}.impact`;
    const { unit, low, high } = risk.impact;
    if (unit === 'sprints') {
      for (const [key, v] of [
        ['low', low],
        ['high', high],
      ] as const) {
        if (!Number.isInteger(v)) err(`${path}.${key}`, 'not_an_integer', 'must be a whole number of sprints');
        else if (v > MAX_LOST_SPRINTS) err(`${path}.${key}`, 'too_big', `must be at most ${MAX_LOST_SPRINTS}`);
      }
    }
    range(path, risk.impact);
  });

  const seen = new Set<number>();
  input.velocity.multipliers.forEach((m, i) => {
    if (seen.has(m.sprint)) err(`velocity.multipliers.${i}.sprint`, 'duplicate_sprint', `sprint ${m.sprint} has a multiplier already`);
    seen.add(m.sprint);
  });

  const tp = input.throughput;
  if (tp !== undefined) {
    const counts = [...tp.history, ...input.sprints.map((r) => r.doneItemIds.length)];
    if (counts.length === 0) {
      err(
        'throughput.history',
        'throughput_history_required',
        'the throughput forecast needs items done per sprint: a history or sprint records',
      );
    } else if (counts.every((c) => c === 0)) {
      err(
        tp.history.length > 0 ? 'throughput.history' : 'sprints',
        'throughput_not_positive',
        'no sprint finished an item: the throughput is 0',
      );
    } else if (lastOf(counts, input.velocity.window).every((c) => c === 0)) {
      err(
        'velocity.window',
        'throughput_not_positive',
        `${lastSprints(input.velocity.window)} no finished item: the throughput would be 0`,
      );
    }
    if (input.backlog.items === undefined && input.backlog.totalAp !== undefined && tp.remainingItems === undefined) {
      err('throughput.remainingItems', 'remaining_items_required', 'with backlog.totalAp, give the number of open items');
    }
  }
}

/** PLAN-VEL-4: the last `window` entries (all without a window). */
const lastOf = <T>(list: readonly T[], window: number | undefined): readonly T[] => (window === undefined ? list : list.slice(-window));

const lastSprints = (n: number | undefined) => (n === 1 ? 'the last sprint has' : `the last ${n} sprints have`);

/** A risk costs at most this many whole sprints. */
const MAX_LOST_SPRINTS = 1000;
