import { describe, expect, it } from 'vitest';
import { errorsOf, planOf } from './fixtures';

const base = { backlog: { totalAp: 20 }, velocity: { unit: 'AP', assumed: 5 } };

describe('deterministic forecast', () => {
  it('PLAN-FC-1 sprints needed is the unrounded quotient rounded up', () => {
    expect(planOf({ ...base, backlog: { totalAp: 21 } }).forecast).toMatchObject({ sprintsExact: 4.2, sprintsNeeded: 5 });
    expect(planOf(base).forecast).toMatchObject({ sprintsExact: 4, sprintsNeeded: 4, complete: false });
  });

  it('PLAN-FC-1 floating-point noise does not add a sprint (0.07 / 0.01 = 7.000000000000001)', () => {
    expect(0.07 / 0.01).toBeGreaterThan(7);
    const plan = planOf({ backlog: { totalAp: 0.07 }, velocity: { unit: 'AP', assumed: 0.01 } });
    expect(plan.forecast.sprintsNeeded).toBe(7);
    expect(plan.forecast.sprintsExact).toBe(7); // 12 significant digits (PLAN-ROUND-3)
  });

  it('PLAN-FC-1 nothing left: 0 sprints, complete, no target date', () => {
    const plan = planOf({ ...base, backlog: { totalAp: 0 }, sprint: { startDate: '2025-01-06', lengthWeeks: 2 } });
    expect(plan.forecast).toMatchObject({ sprintsNeeded: 0, complete: true, finishSprint: null, targetDate: null });
    expect(plan.status.code).toBe('complete');
  });

  it('PLAN-FC-2 target date is the last day of the last needed sprint (weeks or days)', () => {
    const weeks = planOf({ ...base, sprint: { startDate: '2025-01-06', lengthWeeks: 2 } });
    expect(weeks.forecast.targetDate).toBe('2025-03-02'); // 4 x 14 days from Mon 6 Jan, ends on a Sunday
    const days = planOf({ ...base, sprint: { startDate: '2025-01-06', lengthDays: 10 } });
    expect(days.forecast.targetDate).toBe('2025-02-14');
    const one = planOf({ ...base, backlog: { totalAp: 5 }, sprint: { startDate: '2024-02-26', lengthWeeks: 1 } });
    expect(one.forecast.targetDate).toBe('2024-03-03'); // across 29 February
  });

  it('PLAN-FC-2 recorded sprints come first: the target is sprint recorded + needed', () => {
    const plan = planOf({
      backlog: { totalAp: 20 },
      velocity: { unit: 'AP', history: [] },
      sprint: { startDate: '2025-01-06', lengthWeeks: 1 },
      sprints: [
        { index: 1, doneAp: 5 },
        { index: 2, doneAp: 5 },
      ],
    });
    expect(plan.forecast).toMatchObject({ sprintsRecorded: 2, sprintsNeeded: 2, finishSprint: 4, targetDate: '2025-02-02' });
  });

  it('PLAN-FC-2 a skipped slot moves the following sprints one slot later', () => {
    const plan = planOf({ ...base, sprint: { startDate: '2025-01-06', lengthWeeks: 2, skipStartDates: ['2025-01-20'] } });
    expect(plan.forecast.targetDate).toBe('2025-03-16'); // 4 sprints + 1 skipped slot = 5 x 14 days
    const skipLast = planOf({ ...base, sprint: { startDate: '2025-01-06', lengthWeeks: 2, skipStartDates: ['2025-03-03'] } });
    expect(skipLast.forecast.targetDate).toBe('2025-03-02'); // after the finish: no effect
  });

  it('PLAN-FC-3 no calendar: dates are null and a warning says so', () => {
    const plan = planOf(base);
    expect(plan.forecast.targetDate).toBeNull();
    expect(plan.warnings.map((w) => w.code)).toContain('no_calendar');
  });

  it('PLAN-FC-3 a calendar without a start date is an error at sprint.startDate', () => {
    expect(errorsOf({ ...base, sprint: { lengthWeeks: 2 } })).toEqual([
      { path: 'sprint.startDate', code: 'required', message: 'a start date is needed to turn sprints into dates' },
    ]);
  });

  it('PLAN-FC-3 calendar errors: both lengths, no length, bad dates, skip dates off the grid', () => {
    expect(errorsOf({ ...base, sprint: { startDate: '2025-01-06', lengthWeeks: 2, lengthDays: 14 } })).toMatchObject([
      { path: 'sprint', code: 'conflict' },
    ]);
    expect(errorsOf({ ...base, sprint: { startDate: '2025-01-06' } })).toMatchObject([
      { path: 'sprint.lengthWeeks', code: 'one_of_required' },
    ]);
    expect(errorsOf({ ...base, sprint: { startDate: '2025-02-30', lengthWeeks: 2 } })).toMatchObject([
      { path: 'sprint.startDate', code: 'invalid_date' },
    ]);
    expect(errorsOf({ ...base, sprint: { startDate: '6.1.2025', lengthWeeks: 2 } })).toMatchObject([
      { path: 'sprint.startDate', code: 'invalid_date' },
    ]);
    expect(errorsOf({ ...base, sprint: { startDate: '2025-01-06', lengthWeeks: 2, skipStartDates: ['2025-01-13'] } })).toMatchObject([
      { path: 'sprint.skipStartDates.0', code: 'not_a_sprint_start' },
    ]);
  });
});
