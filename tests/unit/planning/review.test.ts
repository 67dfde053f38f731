import { describe, expect, it } from 'vitest';
import { planOf } from './fixtures';

// The method's example: "remaining scope 17 AP, mean velocity 3 AP per sprint, at least 6 more
// sprints needed, budget left for 7 sprints" - fine. Then the velocity drops.
const team = { people: 3, dayRateMinor: 80_000, daysPerSprint: 10 }; // 24,000 EUR per sprint
const review = (totalAp: number, done: number[], extra: Record<string, unknown> = {}) =>
  planOf({
    backlog: { totalAp },
    references: [{ id: 'ref-1', ap: 3, sp: 24 }],
    velocity: { unit: 'AP', history: [] },
    team,
    budget: { amountMinor: 24_000_000 }, // 10 sprints
    sprints: done.map((d, i) => ({ index: i + 1, doneAp: d })),
    ...extra,
  });

describe('sprint review: the seven answers', () => {
  const plan = review(26, [3, 3, 3]);
  const r = plan.review!;

  it('PLAN-REV-1 what the last sprint cost (planned when no actual cost is recorded)', () => {
    expect(r.sprint).toBe(3);
    expect(r.sprintCostMinor).toBe(2_400_000);
    expect(r.sprintCostIsActual).toBe(false);
    const actual = review(26, [3, 3, 3], {
      sprints: [1, 2, 3].map((i) => ({ index: i, doneAp: 3, ...(i === 3 ? { actualCostMinor: 2_500_000 } : {}) })),
    });
    expect(actual.review).toMatchObject({ sprintCostMinor: 2_500_000, sprintCostIsActual: true, budgetLeftMinor: 24_000_000 - 7_300_000 });
  });

  it('PLAN-REV-2 budget left: 240,000 - 3 x 24,000 = 168,000 EUR', () => {
    expect(r.budgetLeftMinor).toBe(16_800_000);
  });

  it('PLAN-REV-3 the budget lasts 7 more sprints', () => {
    expect(r.sprintsBudgetLasts).toBe(7);
  });

  it('PLAN-REV-4 factor before and after the last sprint', () => {
    expect(r.factor).toEqual({ before: 8, after: 8, changed: false, changePercent: 0 });
  });

  it('PLAN-REV-5 remaining scope 17 AP = 136 SP', () => {
    expect(r.remaining).toEqual({ ap: 17, sp: 136 });
  });

  it('PLAN-REV-6 mean velocity: sprints of 3, 2 and 1 AP give 2', () => {
    expect(r.meanVelocity).toEqual({ ap: 3, sp: 24 });
    expect(review(23, [3, 2, 1]).review!.meanVelocity).toEqual({ ap: 2, sp: 16 });
  });

  it('PLAN-REV-7 scope that still fits into the 7 budgeted sprints: 21 AP at the mean', () => {
    expect(r.scopeThatFits.mean).toEqual({ ap: 21, sp: 168 });
    expect(r.scopeThatFits.pessimistic).toEqual({ ap: 21, sp: 168 }); // constant history: no spread
  });

  it('PLAN-REV-STATUS 17 AP at 3 AP per sprint: at least 6 sprints, budget for 7 - fine', () => {
    expect(plan.forecast.sprintsNeeded).toBe(6);
    expect(r.status).toEqual({
      code: 'ok',
      message: 'at least 6 more sprints needed, budget left for 7',
      sprintsNeeded: 6,
      sprintsNeeded85: 6,
      sprintsCovered: 7,
    });
    expect(plan.warnings.filter((w) => w.code.startsWith('sprints_'))).toEqual([]);
  });

  it('PLAN-REV-STATUS the velocity drops (3, 2, 1): 9 sprints needed, 7 budgeted - a clear warning', () => {
    const dropped = review(23, [3, 2, 1]);
    expect(dropped.review!.remaining.ap).toBe(17);
    expect(dropped.status).toMatchObject({ code: 'over_budget', sprintsNeeded: 9, sprintsCovered: 7 });
    expect(dropped.warnings).toContainEqual({
      code: 'sprints_exceed_budget',
      message: 'at least 9 more sprints needed, budget left for 7: the budget runs out before the scope is done',
      path: 'budget',
    });
  });

  it('PLAN-REV-STATUS the moment needed exceeds budgeted shows in the sprint it happens', () => {
    // sprint 4 is weak: 17 - 1 = 16 AP left at a mean of 10/4 = 2.5 -> 7 sprints, budget for 6
    const later = review(26, [3, 3, 3, 1]);
    expect(later.status).toMatchObject({ code: 'over_budget', sprintsNeeded: 7, sprintsCovered: 6 });
  });

  it('PLAN-REV-STATUS at risk: fits at the mean, not at the Monte Carlo 85 % figure', () => {
    const risky = review(27, [1, 5, 3]); // 18 AP left at a mean of 3: 6 sprints, budget for 7
    expect(risky.forecast.sprintsNeeded).toBe(6);
    expect(risky.status.code).toBe('at_risk');
    expect(risky.status.sprintsNeeded85).toBeGreaterThan(7);
    expect(risky.warnings.map((w) => w.code)).toContain('sprints_may_exceed_budget');
  });

  it('PLAN-REV-4 a refined reference item changes the factor; the review shows before and after', () => {
    const refined = review(26, [], {
      sprints: [
        { index: 1, doneAp: 3 },
        { index: 2, doneAp: 3, references: [{ id: 'ref-1', ap: 3, sp: 30 }] },
      ],
    });
    expect(refined.review!.factor).toEqual({ before: 8, after: 10, changed: true, changePercent: 25 });
    expect(refined.review!.remaining).toEqual({ ap: 20, sp: 200 });
  });

  it('PLAN-REV-STATUS no sprint recorded yet: no review, but a status', () => {
    const none = review(26, [], { velocity: { unit: 'AP', assumed: 3 } });
    expect(none.review).toBeNull();
    expect(none.status).toMatchObject({ code: 'ok', sprintsNeeded: 9, sprintsCovered: 10, sprintsNeeded85: null });
  });
});
