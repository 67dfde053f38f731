import { describe, expect, it } from 'vitest';
import { CURRENCY_MINOR_DIGITS, formatMoney, minorDigits, minorToDecimalString } from '../../../domain/planning';
import { errorsOf, planOf, withExample } from './fixtures';

describe('money and budget', () => {
  it('PLAN-MON-1 ISO 4217 codes with their minor-unit digits; EUR by default', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(minorDigits('CLF')).toBe(4);
    expect(CURRENCY_MINOR_DIGITS.has('XAU')).toBe(false); // gold has no minor unit
    expect(planOf(withExample({ currency: undefined })).budget?.currency).toBe('EUR');
    expect(planOf(withExample({ currency: 'JPY' })).budget).toMatchObject({ currency: 'JPY', minorDigits: 0 });
  });

  it('PLAN-MON-1 an unknown currency is a field error', () => {
    for (const currency of ['XYZ', 'eur', 'EURO', '']) {
      expect(errorsOf(withExample({ currency }))).toEqual([
        { path: 'currency', code: 'unknown_currency', message: 'must be an ISO 4217 currency code such as EUR, USD or JPY' },
      ]);
    }
  });

  it('PLAN-MON-1 rates must be integers in minor units', () => {
    expect(errorsOf(withExample({ team: { people: 3, dayRateMinor: 800.5, daysPerSprint: 10 } }))).toMatchObject([
      { path: 'team.dayRateMinor', code: 'not_an_integer' },
    ]);
  });

  it('PLAN-MON-2 members with allocation and own days; per-person rounding half up', () => {
    const plan = planOf(
      withExample({
        sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
        team: {
          members: [
            { name: 'Ada', dayRateMinor: 80_000 },
            { name: 'Bob', dayRateMinor: 80_000, allocation: 0.5 },
            { name: 'Cy', dayRateMinor: 80_000, allocation: 1 / 3 },
            { name: 'Di', dayRateMinor: 1, daysPerSprint: 0.5 },
            { name: 'Ed', dayRateMinor: 90_001, allocation: 0.1, daysPerSprint: 3 },
          ],
        },
      }),
    );
    const b = plan.budget!;
    expect(b.daysPerSprint).toBe(10); // 2 weeks x 5 days
    expect(b.lines.map((l) => l.costMinor)).toEqual([800_000, 400_000, 266_667, 1, 27_000]);
    expect(b.costPerSprintMinor).toBe(800_000 + 400_000 + 266_667 + 1 + 27_000);
    // 90001 x 3 x 0.1 = 27000.3 -> 27000; 1 x 0.5 = 0.5 -> 1 (half up)
  });

  it('PLAN-MON-2 days per sprint: given, or 5 per week of sprint length, else an error', () => {
    const noDays = { people: 3, dayRateMinor: 80_000 };
    expect(planOf(withExample({ team: noDays, sprint: { startDate: '2025-01-06', lengthDays: 21 } })).budget?.daysPerSprint).toBe(15);
    expect(errorsOf(withExample({ team: noDays, sprint: { startDate: '2025-01-06', lengthDays: 10 } }))).toMatchObject([
      { path: 'team.daysPerSprint', code: 'days_per_sprint_required' },
    ]);
    expect(errorsOf(withExample({ team: noDays, sprint: undefined }))).toMatchObject([
      { path: 'team.daysPerSprint', code: 'days_per_sprint_required' },
    ]);
  });

  it('PLAN-MON-3 recorded sprints: actual cost if given, else planned; remaining budget; sprints covered (floor)', () => {
    const plan = planOf(
      withExample({
        velocity: { unit: 'SP', history: [] },
        sprints: [
          { index: 1, doneSp: 24 },
          { index: 2, doneSp: 20, actualCostMinor: 2_650_000 },
        ],
      }),
    );
    const b = plan.budget!;
    expect(b.recordedSprints).toEqual([
      { index: 1, costMinor: 2_400_000, actual: false },
      { index: 2, costMinor: 2_650_000, actual: true },
    ]);
    expect(b.spentMinor).toBe(5_050_000);
    expect(b.remainingMinor).toBe(39_000_000 - 5_050_000);
    expect(b.sprintsCovered).toBe(Math.floor(33_950_000 / 2_400_000)); // 14.1 -> 14
    // remaining 376 - 44 = 332 SP at a mean of 22: 15.09 -> 16 sprints
    expect(b.sprintsNeeded).toBe(16);
    expect(b.costOfSprintsNeededMinor).toBe(16 * 2_400_000);
    expect(b.projectedTotalMinor).toBe(5_050_000 + 16 * 2_400_000);
    expect(b.overrunMinor).toBe(5_050_000 + 16 * 2_400_000 - 39_000_000);
    expect(plan.status.code).toBe('over_budget');
  });

  it('PLAN-MON-3 a budget in sprints, with and without a team', () => {
    const withTeam = planOf(withExample({ budget: { sprints: 18 } })).budget!;
    expect(withTeam).toMatchObject({ amountMinor: 18 * 2_400_000, budgetedSprints: 18, sprintsCovered: 18 });
    const noTeam = planOf(
      withExample({ team: undefined, budget: { sprints: 18 }, velocity: { unit: 'SP', history: [] }, sprints: [{ index: 1, doneSp: 24 }] }),
    ).budget!;
    expect(noTeam).toMatchObject({
      costPerSprintMinor: null,
      amountMinor: null,
      spentMinor: null,
      budgetedSprints: 18,
      sprintsCovered: 17,
    });
  });

  it('PLAN-MON-3 budget errors: amount and sprints, neither, amount without a team, a team that costs 0', () => {
    expect(errorsOf(withExample({ budget: { amountMinor: 1, sprints: 2 } }))).toMatchObject([{ path: 'budget', code: 'conflict' }]);
    expect(errorsOf(withExample({ budget: {} }))).toMatchObject([{ path: 'budget', code: 'one_of_required' }]);
    expect(errorsOf(withExample({ team: undefined }))).toMatchObject([{ path: 'team', code: 'team_required' }]);
    expect(errorsOf(withExample({ team: { people: 3, dayRateMinor: 0, daysPerSprint: 10 } }))).toMatchObject([
      { path: 'team', code: 'cost_not_positive' },
    ]);
    expect(errorsOf(withExample({ budget: { amountMinor: -1 } }))).toMatchObject([
      { path: 'budget.amountMinor', code: 'must_not_be_negative' },
    ]);
  });

  it('PLAN-MON-4 formatMoney in de and en, exact for large amounts and other digit counts', () => {
    expect(formatMoney(38_400_000, 'EUR', 'de')).toBe('384.000,00\u00a0€');
    expect(formatMoney(38_400_000, 'EUR', 'en')).toBe('€384,000.00');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
    expect(formatMoney(1234, 'JPY', 'en')).toBe('¥1,234');
    expect(formatMoney(1234, 'KWD', 'en')).toBe('KWD\u00a01.234');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR', 'en')).toBe('€90,071,992,547,409.91');
    expect(minorToDecimalString(7, 'EUR')).toBe('0.07');
    expect(() => formatMoney(1.5, 'EUR')).toThrow(RangeError);
  });
});
