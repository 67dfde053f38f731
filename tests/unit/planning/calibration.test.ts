import { describe, expect, it } from 'vitest';
import { errorsOf, planOf } from './fixtures';

describe('calibration and units', () => {
  it('PLAN-CAL-1 factor is sum SP over sum AP (pooled, not a mean of ratios)', () => {
    const plan = planOf({
      backlog: { totalAp: 40 },
      references: [
        { ap: 3, sp: 24 },
        { ap: 5, sp: 30 },
      ],
      velocity: { unit: 'SP', assumed: 27 },
    });
    expect(plan.calibration.factor).toBe(54 / 8);
    expect(plan.calibration.factor).not.toBe((8 + 6) / 2);
    expect(plan.calibration.referenceCount).toBe(2);
  });

  it('PLAN-CAL-2 total SP = total AP x factor', () => {
    const plan = planOf({ backlog: { totalAp: 47 }, references: [{ ap: 2, sp: 13 }], velocity: { unit: 'SP', assumed: 20 } });
    expect(plan.scope.total.sp).toBe(47 * 6.5);
    expect(plan.forecast.remaining).toBe(305.5);
  });

  it('PLAN-CAL-3 without a reference item: not calibrated, SP figures null, AP planning still works', () => {
    const plan = planOf({ backlog: { totalAp: 47 }, velocity: { unit: 'AP', history: [3, 2, 4] } });
    expect(plan.calibration).toMatchObject({ calibrated: false, factor: null, referenceCount: 0 });
    expect(plan.scope.total).toEqual({ ap: 47, sp: null });
    expect(plan.velocity.meanPoints).toEqual({ ap: 3, sp: null });
    expect(plan.monteCarlo?.scopeAtHorizon.points.sp).toBeNull();
    expect(plan.unit).toBe('AP');
    expect(plan.forecast.sprintsNeeded).toBe(16);
    expect(plan.warnings.map((w) => w.code)).toContain('not_calibrated');
  });

  it('PLAN-CAL-3 a velocity in SP without a reference item is an error at references', () => {
    expect(errorsOf({ backlog: { totalAp: 47 }, velocity: { unit: 'SP', assumed: 24 } })).toEqual([
      { path: 'references', code: 'calibration_required', message: expect.stringContaining('reference item') },
    ]);
  });

  it('PLAN-CAL-4 refined reference items in sprint records re-calibrate; same id replaces', () => {
    const input = {
      backlog: { totalAp: 47 },
      references: [{ id: 'ref-1', ap: 3, sp: 24 }],
      velocity: { unit: 'SP', history: [24] },
      sprints: [
        { index: 1, doneSp: 24 },
        { index: 2, doneSp: 20, references: [{ id: 'ref-1', ap: 3, sp: 27 }] },
      ],
    };
    const plan = planOf(input);
    expect(plan.calibration.factor).toBe(9);
    expect(plan.calibration.initialFactor).toBe(8);
    expect(plan.calibration.referenceCount).toBe(1);
    expect(plan.review?.factor).toEqual({ before: 8, after: 9, changed: true, changePercent: 12.5 });
    // done AP is doneSp / current factor: (24 + 20) / 9
    expect(plan.scope.done.ap).toBeCloseTo(44 / 9, 9);

    const added = planOf({ ...input, sprints: [{ index: 1, doneSp: 24, references: [{ ap: 5, sp: 30 }] }] });
    expect(added.calibration.factor).toBe(54 / 8);
    expect(added.calibration.referenceCount).toBe(2);
  });

  it('PLAN-CAL-4 factor unchanged when the last sprint refined nothing', () => {
    const plan = planOf({
      backlog: { totalAp: 47 },
      references: [{ ap: 3, sp: 24 }],
      velocity: { unit: 'AP', history: [] },
      sprints: [{ index: 1, doneAp: 3 }],
    });
    expect(plan.review?.factor).toEqual({ before: 8, after: 8, changed: false, changePercent: 0 });
  });

  it('PLAN-UNIT-1 the plan unit is the velocity unit; records in the other unit are converted', () => {
    const ap = planOf({
      backlog: { totalAp: 47 },
      references: [{ ap: 3, sp: 24 }],
      velocity: { unit: 'AP', history: [3] },
      sprints: [{ index: 1, doneSp: 16 }],
    });
    expect(ap.unit).toBe('AP');
    expect(ap.velocity.history).toEqual([3, 2]);
    expect(ap.scope.remaining).toEqual({ ap: 45, sp: 360 });
    expect(ap.forecast.remaining).toBe(45);
    expect(ap.forecast.sprintsNeeded).toBe(18);

    const sp = planOf({
      backlog: { totalAp: 47 },
      references: [{ ap: 3, sp: 24 }],
      velocity: { unit: 'SP', history: [24] },
      sprints: [{ index: 1, doneAp: 2 }],
    });
    expect(sp.velocity.history).toEqual([24, 16]);
    expect(sp.forecast.remaining).toBe(360);
    expect(sp.velocity.meanPoints).toEqual({ ap: 2.5, sp: 20 });
  });
});
