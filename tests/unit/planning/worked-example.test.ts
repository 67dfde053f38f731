import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../domain/planning';
import { planOf, workedExample } from './fixtures';

describe("the method's worked example", () => {
  const plan = planOf(workedExample);

  it('PLAN-CAL-1 factor is sum SP over sum AP: 24 / 3 = 8', () => {
    expect(plan.calibration).toMatchObject({ calibrated: true, factor: 8, sumAp: 3, sumSp: 24, referenceCount: 1 });
  });

  it('PLAN-CAL-2 total SP = total AP x factor: 47 x 8 = 376', () => {
    expect(plan.scope.total).toEqual({ ap: 47, sp: 376 });
    expect(plan.scope.remaining).toEqual({ ap: 47, sp: 376 });
    expect(plan.unit).toBe('SP');
  });

  it('PLAN-FC-1 376 / 24 = 15.67 unrounded, 16 whole sprints', () => {
    expect(plan.forecast.velocity).toBe(24);
    expect(plan.forecast.sprintsExact).toBeCloseTo(15.67, 2);
    expect(plan.forecast.sprintsExact).toBeCloseTo(376 / 24, 9);
    expect(plan.forecast.sprintsNeeded).toBe(16);
  });

  it('PLAN-FC-2 target date is the last day of sprint 16: 2025-01-06 + 16 x 14 days - 1', () => {
    expect(plan.forecast.targetDate).toBe('2025-08-17');
  });

  it('PLAN-MON-2 cost per sprint = 3 x 800 EUR x 10 days = 24,000 EUR', () => {
    expect(plan.budget?.costPerSprintMinor).toBe(2_400_000);
    expect(formatMoney(2_400_000, 'EUR', 'en')).toBe('€24,000.00');
  });

  it('PLAN-MON-3 16 sprints cost 384,000 EUR; a 390,000 EUR budget covers 16 sprints', () => {
    const b = plan.budget!;
    expect(b.costOfSprintsNeededMinor).toBe(38_400_000);
    expect(b.projectedTotalMinor).toBe(38_400_000);
    expect(b.budgetedSprints).toBe(16);
    expect(b.sprintsCovered).toBe(16);
    expect(b.overrunMinor).toBe(0);
    expect(formatMoney(b.costOfSprintsNeededMinor!, 'EUR', 'de')).toBe('384.000,00\u00a0€');
    expect(plan.status.code).toBe('ok');
  });

  it('PLAN-VEL-2 an assumed velocity has no range and no Monte Carlo, and says so', () => {
    expect(plan.velocity.source).toBe('assumed');
    expect(plan.range).toBeNull();
    expect(plan.monteCarlo).toBeNull();
    expect(plan.warnings.map((w) => w.code)).toEqual(['range_needs_history', 'monte_carlo_needs_history']);
  });
});
