import { describe, expect, it } from 'vitest';
import { errorsOf, planOf } from './fixtures';

describe('velocity history and scope', () => {
  it('PLAN-VEL-1 history = velocity.history, then the sprint records; mean is the arithmetic mean', () => {
    const plan = planOf({
      backlog: { totalAp: 40 },
      velocity: { unit: 'AP', history: [5, 4] },
      sprints: [
        { index: 1, doneAp: 3 },
        { index: 2, doneAp: 2 },
        { index: 3, doneAp: 1 },
      ],
    });
    expect(plan.velocity).toMatchObject({
      source: 'history',
      history: [5, 4, 3, 2, 1],
      fromHistoryInput: 2,
      fromSprintRecords: 3,
      mean: 3,
    });
    const projectOnly = planOf({
      backlog: { totalAp: 40 },
      velocity: { unit: 'AP' },
      sprints: [1, 2, 3].map((i) => ({ index: i, doneAp: 4 - i })),
    });
    expect(projectOnly.velocity.mean).toBe(2); // the method: sprints of 3, 2 and 1 AP give 2
  });

  it('PLAN-VEL-2 an assumed velocity is ignored (with a warning) once there is a history', () => {
    const plan = planOf({ backlog: { totalAp: 40 }, velocity: { unit: 'AP', history: [4], assumed: 10 } });
    expect(plan.velocity).toMatchObject({ source: 'history', mean: 4 });
    expect(plan.warnings).toContainEqual({ code: 'assumed_velocity_ignored', message: expect.any(String), path: 'velocity.assumed' });
  });

  it('PLAN-VEL-3 a sprint with nothing done is allowed; a mean of 0 is not', () => {
    expect(planOf({ backlog: { totalAp: 12 }, velocity: { unit: 'AP', history: [0, 6] } }).forecast.sprintsNeeded).toBe(4);
    expect(errorsOf({ backlog: { totalAp: 12 }, velocity: { unit: 'AP', history: [0, 0, 0] } })).toMatchObject([
      { path: 'velocity.history', code: 'velocity_not_positive' },
    ]);
    expect(errorsOf({ backlog: { totalAp: 1e9 }, velocity: { unit: 'AP', assumed: 1e-3 } })).toMatchObject([
      { path: 'velocity.assumed', code: 'velocity_too_small' },
    ]);
  });

  it('PLAN-SCOPE-1 total mode: remaining = total + added - removed - done', () => {
    const plan = planOf({
      backlog: { totalAp: 47 },
      references: [{ ap: 3, sp: 24 }],
      velocity: { unit: 'AP' },
      sprints: [
        { index: 1, doneAp: 3, scopeAddedAp: 5 },
        { index: 2, doneSp: 16, scopeRemovedAp: 2 },
      ],
    });
    expect(plan.scope).toMatchObject({ mode: 'total', initialAp: 47, addedAp: 5, removedAp: 2 });
    expect(plan.scope.total).toEqual({ ap: 50, sp: 400 });
    expect(plan.scope.done).toEqual({ ap: 5, sp: 40 });
    expect(plan.scope.remaining).toEqual({ ap: 45, sp: 360 });
  });

  it('PLAN-SCOPE-1 more done than scope: remaining 0 with a warning, plan complete', () => {
    const plan = planOf({ backlog: { totalAp: 5 }, velocity: { unit: 'AP' }, sprints: [{ index: 1, doneAp: 8 }] });
    expect(plan.scope.remaining.ap).toBe(0);
    expect(plan.forecast.complete).toBe(true);
    expect(plan.warnings.map((w) => w.code)).toContain('scope_overdone');
  });

  it('PLAN-SCOPE-2 items mode: open items are the remaining scope; done by status or by a record', () => {
    const plan = planOf({
      backlog: {
        items: [
          { id: 'a', sizeAp: 5, status: 'done' },
          { id: 'b', sizeAp: 3 },
          { id: 'c', sizeAp: 8 },
        ],
      },
      velocity: { unit: 'AP' },
      sprints: [{ index: 1, doneAp: 3, doneItemIds: ['b', 'zz'], scopeAddedAp: 8 }],
    });
    expect(plan.scope).toMatchObject({ mode: 'items', initialAp: 16, addedAp: 8 });
    expect(plan.scope.total.ap).toBe(16); // the list is the current scope: the record's change is only reported
    expect(plan.scope.done.ap).toBe(8);
    expect(plan.scope.remaining.ap).toBe(8);
    expect(plan.warnings).toContainEqual({
      code: 'unknown_done_item',
      message: 'done item "zz" is not in the backlog',
      path: 'sprints.0.doneItemIds.1',
    });
  });

  it('PLAN-ROUND-1 ceil for sprints needed, floor for sprints covered', () => {
    const plan = planOf({
      backlog: { totalAp: 10 },
      velocity: { unit: 'AP', assumed: 3 },
      team: { people: 1, dayRateMinor: 1000, daysPerSprint: 10 },
      budget: { amountMinor: 39_999 },
    });
    expect(plan.forecast.sprintsNeeded).toBe(4); // 3.33 up
    expect(plan.budget?.sprintsCovered).toBe(3); // 3.9999 down
    expect(plan.status.code).toBe('over_budget');
  });

  it('PLAN-ROUND-2 money stays integer; only per-person fractional costs round half up', () => {
    const b = planOf({
      backlog: { totalAp: 10 },
      velocity: { unit: 'AP', assumed: 3 },
      team: {
        members: [
          { dayRateMinor: 333, allocation: 0.5 },
          { dayRateMinor: 1, allocation: 0.25 },
        ],
        daysPerSprint: 3,
      },
    }).budget!;
    expect(b.lines.map((l) => l.costMinor)).toEqual([500, 1]); // 499.5 -> 500, 0.75 -> 1
    expect(b.costOfSprintsNeededMinor).toBe(501 * 4);
  });

  it('PLAN-ROUND-3 non-integer figures carry 12 significant digits, integers are exact', () => {
    const plan = planOf({ backlog: { totalAp: 47 }, references: [{ ap: 3, sp: 24 }], velocity: { unit: 'SP', assumed: 24 } });
    expect(plan.forecast.sprintsExact).toBe(15.6666666667);
    expect(plan.decay.scenarios[0]!.velocities[1]).toBe(22.8);
    expect(plan.scope.total.sp).toBe(376);
  });
});

describe('history window and changing velocity', () => {
  const input = {
    backlog: { totalAp: 60 },
    velocity: { unit: 'AP', history: [10, 10] },
    sprints: [
      { index: 1, doneAp: 2 },
      { index: 2, doneAp: 4 },
      { index: 3, doneAp: 6 },
    ],
  };

  it('PLAN-VEL-4 the window keeps the last N sprints of history + records; mean, range and Monte Carlo use only them', () => {
    const all = planOf(input).velocity;
    expect(all).toMatchObject({ history: [10, 10, 2, 4, 6], window: null, outsideWindow: 0, includedRecords: { from: 1, to: 3 } });
    const plan = planOf({ ...input, velocity: { ...input.velocity, window: 2 } });
    expect(plan.velocity).toMatchObject({
      history: [4, 6],
      mean: 5,
      fromHistoryInput: 0,
      fromSprintRecords: 2,
      window: 2,
      outsideWindow: 3,
      includedRecords: { from: 2, to: 3 },
    });
    expect(plan.range).toMatchObject({ low: 4, high: 6, sampleSize: 2 });
    // 60 - 12 done = 48 left at 4 or 6 per sprint: 8 to 12 sprints in every trial
    const mc = plan.monteCarlo!;
    expect(mc.histogram[0]!.sprints).toBeGreaterThanOrEqual(8);
    expect(mc.histogram.at(-1)!.sprints).toBeLessThanOrEqual(12);
  });

  it('PLAN-VEL-4 a window longer than the history keeps it all; one that reaches into the earlier history says how much', () => {
    expect(planOf({ ...input, velocity: { ...input.velocity, window: 50 } }).velocity).toMatchObject({
      outsideWindow: 0,
      fromHistoryInput: 2,
    });
    expect(planOf({ ...input, velocity: { ...input.velocity, window: 4 } }).velocity).toMatchObject({
      history: [10, 2, 4, 6],
      fromHistoryInput: 1,
      fromSprintRecords: 3,
    });
  });

  it('PLAN-VEL-4 a window of sprints that did nothing is an error at velocity.window', () => {
    const zero = {
      ...input,
      sprints: [...input.sprints, { index: 4, doneAp: 0 }, { index: 5, doneAp: 0 }],
      velocity: { ...input.velocity, window: 2 },
    };
    expect(errorsOf(zero)).toMatchObject([{ path: 'velocity.window', code: 'velocity_not_positive' }]);
  });

  it('PLAN-VEL-5 multipliers scale future sprints in the forecast, the range and the waterline; recorded ones are ignored with a warning', () => {
    const plan = planOf({
      backlog: {
        items: [
          { id: 'a', sizeAp: 10 },
          { id: 'b', sizeAp: 10 },
          { id: 'c', sizeAp: 10 },
        ],
      },
      velocity: {
        unit: 'AP',
        history: [10],
        multipliers: [
          { sprint: 1, factor: 0.5 },
          { sprint: 2, factor: 0.5 },
          { sprint: 3, factor: 1.5 },
        ],
      },
      budget: { sprints: 3 }, // 2 left after the recorded one
      sprints: [{ index: 1, doneAp: 10, doneItemIds: ['a'] }],
    });
    // sprint 1 is recorded: its multiplier is ignored; 20 AP left at 5 (sprint 2) + 15 (sprint 3)
    expect(plan.forecast).toMatchObject({ sprintsNeeded: 2, sprintsExact: 2 });
    expect(plan.warnings).toContainEqual({
      code: 'multiplier_in_past',
      message: 'sprint 1 is recorded already; its multiplier is ignored',
      path: 'velocity.multipliers.0',
    });
    expect(plan.waterline!.capacityAp.mean).toBe(20);
    expect(plan.range).toMatchObject({ scopeLow: 20, scopeHigh: 20 });
  });

  it('PLAN-VEL-5 two multipliers for one sprint are an error at the second', () => {
    const dup = {
      backlog: { totalAp: 10 },
      velocity: {
        unit: 'AP',
        assumed: 2,
        multipliers: [
          { sprint: 3, factor: 0.5 },
          { sprint: 3, factor: 1 },
        ],
      },
    };
    expect(errorsOf(dup)).toMatchObject([{ path: 'velocity.multipliers.1.sprint', code: 'duplicate_sprint' }]);
  });
});
