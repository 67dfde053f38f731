import { describe, expect, it } from 'vitest';
import { computePlan, type ErrorCode, type StatusCode, type WarningCode } from '../../../../domain/planning';
import en from '../../../../messages/plan.en.json';
import de from '../../../../messages/plan.de.json';
import {
  boundOf,
  defaultForm,
  DEFAULT_VELOCITY_UNIT,
  usesUncertainty,
  fieldOfError,
  formatMoneyRounded,
  formToInput,
  historyEntryOf,
  isoDateToUtc,
  lastWorkingDay,
  moneyForDisplay,
  nextMonday,
  parseDecimal,
  parseList,
  pointsDigits,
  roundTo,
  toMinorUnits,
  type PlanForm,
} from '../../../../domain/planning/view';

/** The method's worked example as a user types it into the form. */
const worked: PlanForm = {
  ...defaultForm({ totalAp: '47', startDate: '2025-01-06' }),
  references: [{ key: 'r1', title: 'Login', ap: '3', sp: '24' }],
  velocityUnit: 'SP',
  velocityAssumed: '24',
  sprintWeeks: '2',
  people: '3',
  dayRate: '800',
  daysPerSprint: '10',
  budgetMode: 'amount',
  budgetAmount: '390,000',
};

describe('plan view: parsing what a user types', () => {
  it.each([
    ['47', 'en', 47],
    ['  47 ', 'de', 47],
    ['24.5', 'en', 24.5],
    ['24,5', 'de', 24.5],
    ['24.5', 'de', 24.5], // the other convention's decimal point, not a thousands group
    ['24,5', 'en', 24.5],
    ['390,000', 'en', 390000],
    ['390.000', 'de', 390000],
    ['1,234.5', 'en', 1234.5],
    ['1.234,5', 'de', 1234.5],
    ['390 000', 'de', 390000],
    ['-5', 'en', -5],
    ['−5', 'de', -5],
    ['.5', 'en', 0.5],
  ])('PLAN-VIEW-1 %s in %s is %s', (text, locale, value) => {
    expect(parseDecimal(text, locale)).toEqual({ kind: 'number', value });
  });

  it.each(['abc', '1,2,3.4.5', '12..5', '-', '1e5', '5 SP', '1,23,456'])('PLAN-VIEW-1 %s is not a number', (text) => {
    expect(parseDecimal(text, 'en').kind).toBe('invalid');
  });

  it('PLAN-VIEW-1 empty is empty, not 0', () => {
    expect(parseDecimal('   ', 'en')).toEqual({ kind: 'empty' });
  });

  it('PLAN-VIEW-2 a velocity history: commas or spaces, or semicolons with locale decimals', () => {
    expect(parseList('24, 22,26  30', 'de')).toEqual([24, 22, 26, 30]);
    expect(parseList('22,5; 24; 19', 'de')).toEqual([22.5, 24, 19]);
    expect(parseList('22.5, 24,', 'en')).toEqual([22.5, 24]);
    expect(parseList('24, x, 22', 'en')).toEqual([24, 'x', 22]);
    expect(parseList('', 'en')).toEqual([]);
  });

  it('PLAN-VIEW-3 money in major units becomes integer minor units, half up', () => {
    expect(toMinorUnits(800, 2)).toBe(80000);
    expect(toMinorUnits(800.005, 2)).toBe(80001);
    expect(toMinorUnits(0.1 + 0.2, 2)).toBe(30);
    expect(toMinorUnits(800, 0)).toBe(800);
    expect(toMinorUnits(-5, 2)).toBe(-500);
  });
});

describe('plan view: form to computePlan input', () => {
  it('PLAN-VIEW-4 the worked example typed into the form gives the method result', () => {
    const built = formToInput(worked, 'en');
    expect(built.input).toEqual({
      backlog: { totalAp: 47 },
      references: [{ id: 'r1', title: 'Login', ap: 3, sp: 24 }],
      velocity: { unit: 'SP', assumed: 24 },
      currency: 'EUR',
      monteCarlo: { seed: 42 },
      sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
      team: { people: 3, dayRateMinor: 80000, daysPerSprint: 10 },
      budget: { amountMinor: 39000000 },
    });
    const r = computePlan(built.input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.plan.scope.total).toEqual({ ap: 47, sp: 376 });
    expect(r.plan.forecast.sprintsNeeded).toBe(16);
    expect(r.plan.budget?.costPerSprintMinor).toBe(2_400_000);
    expect(r.plan.budget?.costOfSprintsNeededMinor).toBe(38_400_000);
  });

  it('PLAN-VIEW-4 empty reference rows are skipped; sections without input are left out', () => {
    const form: PlanForm = {
      ...defaultForm({ totalAp: '10' }),
      references: [
        { key: 'a', title: '', ap: '', sp: '' },
        { key: 'b', title: '', ap: '2', sp: '10' },
      ],
      sprintWeeks: '',
      velocityUnit: 'AP',
      velocityAssumed: '3',
    };
    const built = formToInput(form, 'en');
    expect(built.referenceRows).toEqual(['b']);
    expect(built.input).toEqual({
      backlog: { totalAp: 10 },
      references: [{ id: 'b', ap: 2, sp: 10 }],
      velocity: { unit: 'AP', assumed: 3 },
      currency: 'EUR',
      monteCarlo: { seed: 42 },
    });
  });

  it('PLAN-VIEW-5 text that is not a number reaches the engine and comes back as an error at its field', () => {
    const form: PlanForm = {
      ...worked,
      references: [
        { key: 'x', title: '', ap: '', sp: '' },
        { key: 'y', title: '', ap: 'three', sp: '24' },
      ],
      velocityAssumed: '-5',
      velocityHistory: '',
    };
    const built = formToInput(form, 'en');
    const r = computePlan(built.input);
    if (r.ok) throw new Error('expected errors');
    const where = r.errors.map((e) => [fieldOfError(e, built), e.code]);
    expect(where).toContainEqual(['ref.y.ap', 'not_a_number']);
    expect(where).toContainEqual(['velocityAssumed', 'must_be_positive']);
  });

  it('PLAN-VIEW-5 every input path maps to a field', () => {
    const built = { referenceRows: ['k0', 'k1'] };
    const cases: [string, string][] = [
      ['backlog', 'totalAp'],
      ['backlog.totalAp', 'totalAp'],
      ['references', 'references'],
      ['references.1.sp', 'ref.k1.sp'],
      ['references.0', 'ref.k0.ap'],
      ['velocity.assumed', 'velocityAssumed'],
      ['velocity.history', 'velocityHistory'],
      ['velocity.history.3', 'velocityHistory'],
      ['velocity.unit', 'velocityUnit'],
      ['sprint.startDate', 'startDate'],
      ['sprint.lengthWeeks', 'sprintWeeks'],
      ['team', 'team'],
      ['team.people', 'people'],
      ['team.dayRateMinor', 'dayRate'],
      ['team.daysPerSprint', 'daysPerSprint'],
      ['currency', 'currency'],
      ['budget', 'budget'],
      ['budget.amountMinor', 'budgetAmount'],
      ['budget.sprints', 'budgetSprints'],
      ['monteCarlo.seed', 'seed'],
      ['sprints', 'general'],
    ];
    for (const [path, field] of cases) expect(fieldOfError({ path }, built)).toBe(field);
    expect(historyEntryOf({ path: 'velocity.history.2' })).toBe(3);
    expect(historyEntryOf({ path: 'velocity.history' })).toBeNull();
    expect(boundOf({ message: 'must be at least 0.001' })).toBe(0.001);
    expect(boundOf({ message: 'must be at most 52' })).toBe(52);
    expect(boundOf({ message: 'is required' })).toBeNull();
  });

  it("PLAN-VIEW-9 the optional forecast inputs: left out when empty, typed rows become the engine's lists", () => {
    expect(usesUncertainty(defaultForm())).toBe(false);
    const form: PlanForm = {
      ...worked,
      velocityHistory: '20, 26, 22',
      velocityWindow: '2',
      multipliers: [
        { key: 'x1', sprint: '8', factor: '0,5' },
        { key: 'x2', sprint: '', factor: '' },
      ],
      growthLow: '0',
      growthHigh: '10',
      splitLow: '1',
      splitHigh: '1.5',
      risks: [{ key: 'k1', title: ' Audit ', likelihood: '30', unit: 'sprints', low: '1', high: '' }],
      throughput: true,
      throughputHistory: '4, 6',
      remainingItems: '12',
      finishBy: '2025-06-30',
    };
    expect(usesUncertainty(form)).toBe(true);
    const built = formToInput(form, 'de');
    expect(built.input).toMatchObject({
      velocity: { unit: 'SP', history: [20, 26, 22], window: 2, multipliers: [{ sprint: 8, factor: 0.5 }] },
      scopeGrowth: { low: 0, high: 10 },
      split: { low: 1, high: 1.5 },
      // one side of a risk's range typed: a point
      risks: [{ title: 'Audit', likelihoodPercent: 30, impact: { unit: 'sprints', low: 1, high: 1 } }],
      throughput: { history: [4, 6], remainingItems: 12 },
      questions: { finishBy: '2025-06-30' },
    });
    expect(built.multiplierRows).toEqual(['x1']);
    expect(computePlan(built.input).ok).toBe(true);
  });

  it('PLAN-VIEW-9 errors of the optional inputs land at their row and field; one side of a growth range is asked for', () => {
    const form: PlanForm = {
      ...worked,
      multipliers: [
        { key: 'x1', sprint: '3', factor: '0.5' },
        { key: 'x2', sprint: '3', factor: '12' },
      ],
      growthLow: '5',
      growthHigh: '',
      risks: [{ key: 'k1', title: '', likelihood: '130', unit: 'AP', low: '8', high: '3' }],
    };
    const built = formToInput(form, 'en');
    const r = computePlan(built.input);
    if (r.ok) throw new Error('expected errors');
    const where = r.errors.map((e) => [fieldOfError(e, built), e.code]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['mult.x2.factor', 'too_big'],
        ['growthHigh', 'required'],
        ['risk.k1.likelihood', 'too_big'],
      ]),
    );
    const paths: [string, string][] = [
      ['velocity.window', 'velocityWindow'],
      ['velocity.multipliers.1.sprint', 'mult.x2.sprint'],
      ['velocity.multipliers.7', 'multipliers'],
      ['scopeGrowth.high', 'growthHigh'],
      ['split', 'splitLow'],
      ['risks.0.impact.high', 'risk.k1.high'],
      ['risks.0.title', 'risk.k1.title'],
      ['throughput.remainingItems', 'remainingItems'],
      ['throughput.history.2', 'throughputHistory'],
      ['questions.finishBy', 'finishBy'],
    ];
    for (const [path, field] of paths) expect(fieldOfError({ path }, built)).toBe(field);
  });

  it('PLAN-VIEW-9 the velocity unit starts as AP on every planning page', () => {
    expect(defaultForm().velocityUnit).toBe('AP');
    expect(DEFAULT_VELOCITY_UNIT).toBe('AP');
  });

  it('PLAN-VIEW-5 a negative history entry is reported by its entry number', () => {
    const built = formToInput({ ...worked, velocityHistory: '24, -3, 20' }, 'en');
    const r = computePlan(built.input);
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => [fieldOfError(e, built), historyEntryOf(e), e.code])).toEqual([
      ['velocityHistory', 2, 'must_not_be_negative'],
    ]);
  });
});

describe('plan view: display rounding', () => {
  it('PLAN-VIEW-6 money: no cents for large sums or whole amounts, exact cents for small ones', () => {
    expect(moneyForDisplay(38_400_000, 'EUR')).toEqual({ decimal: '384000', digits: 0 });
    expect(moneyForDisplay(38_400_050, 'EUR')).toEqual({ decimal: '384001', digits: 0 });
    expect(moneyForDisplay(38_400_049, 'EUR')).toEqual({ decimal: '384000', digits: 0 });
    expect(moneyForDisplay(1250, 'EUR')).toEqual({ decimal: '12.50', digits: 2 });
    expect(moneyForDisplay(5, 'EUR')).toEqual({ decimal: '0.05', digits: 2 });
    expect(moneyForDisplay(-99_950, 'EUR')).toEqual({ decimal: '-999.50', digits: 2 });
    expect(moneyForDisplay(-100_000_050, 'EUR')).toEqual({ decimal: '-1000001', digits: 0 });
    expect(moneyForDisplay(800, 'JPY')).toEqual({ decimal: '800', digits: 0 });
    expect(formatMoneyRounded(2_400_000, 'EUR', 'en')).toBe('€24,000');
    expect(formatMoneyRounded(38_400_000, 'EUR', 'de')).toBe('384.000\u00a0€');
    expect(formatMoneyRounded(1250, 'EUR', 'de')).toBe('12,50\u00a0€');
  });

  it('PLAN-VIEW-6 points and factors', () => {
    expect(roundTo(15.6666666667, 1)).toBe(15.7);
    expect(roundTo(1.05, 1)).toBe(1.1);
    expect(roundTo(-0.04, 1)).toBe(0);
    expect(pointsDigits(22.8)).toBe(1);
    expect(pointsDigits(376)).toBe(0);
  });

  it('PLAN-VIEW-7 the last working day of a sprint that ends on a weekend is the Friday before', () => {
    expect(lastWorkingDay('2025-08-17')).toBe('2025-08-15'); // Sunday
    expect(lastWorkingDay('2025-08-16')).toBe('2025-08-15'); // Saturday
    expect(lastWorkingDay('2025-08-15')).toBe('2025-08-15'); // Friday
    expect(lastWorkingDay('2025-08-11')).toBe('2025-08-11'); // Monday
    expect(lastWorkingDay('2025-02-30')).toBeNull();
  });

  it('PLAN-VIEW-7 dates', () => {
    expect(isoDateToUtc('2025-08-17')?.toISOString()).toBe('2025-08-17T00:00:00.000Z');
    expect(isoDateToUtc('2025-02-30')).toBeNull();
    expect(nextMonday(new Date('2025-01-06T10:00:00Z'))).toBe('2025-01-06');
    expect(nextMonday(new Date('2025-01-07T10:00:00Z'))).toBe('2025-01-13');
    expect(nextMonday(new Date('2025-01-12T23:00:00Z'))).toBe('2025-01-13');
  });
});

describe('plan view: catalogs', () => {
  // Record<Code, true>: the type checker fails here when the engine gains a code
  const errorCodes: Record<ErrorCode, true> = {
    required: true,
    not_a_number: true,
    not_an_integer: true,
    not_a_string: true,
    not_an_object: true,
    not_an_array: true,
    invalid_type: true,
    must_be_positive: true,
    must_not_be_negative: true,
    too_small: true,
    too_big: true,
    too_few: true,
    too_many: true,
    invalid_option: true,
    invalid_date: true,
    unknown_currency: true,
    unknown_field: true,
    invalid: true,
    one_of_required: true,
    conflict: true,
    calibration_required: true,
    velocity_required: true,
    velocity_not_positive: true,
    velocity_too_small: true,
    duplicate_id: true,
    sprint_index_order: true,
    not_a_sprint_start: true,
    team_required: true,
    days_per_sprint_required: true,
    cost_not_positive: true,
    low_above_high: true,
    duplicate_sprint: true,
    throughput_history_required: true,
    throughput_not_positive: true,
    remaining_items_required: true,
  };
  const warningCodes: Record<WarningCode, true> = {
    not_calibrated: true,
    assumed_velocity_ignored: true,
    unknown_done_item: true,
    scope_overdone: true,
    no_calendar: true,
    range_low_coverage: true,
    range_needs_history: true,
    monte_carlo_needs_history: true,
    monte_carlo_capped: true,
    monte_carlo_too_large: true,
    budget_overspent: true,
    money_overflow: true,
    sprints_exceed_budget: true,
    sprints_may_exceed_budget: true,
    monte_carlo_limited: true,
    multiplier_in_past: true,
    finish_by_needs_calendar: true,
  };
  const statusCodes: Record<StatusCode, true> = { complete: true, ok: true, at_risk: true, over_budget: true, no_budget: true };

  it.each([
    ['en', en],
    ['de', de],
  ] as const)('PLAN-VIEW-8 every error, warning and status code has a %s message', (_lang, catalog) => {
    for (const code of Object.keys(errorCodes)) expect(catalog.plan.errors).toHaveProperty(code);
    for (const code of Object.keys(warningCodes)) expect(catalog.plan.warnings).toHaveProperty(code);
    for (const code of Object.keys(statusCodes)) expect(catalog.plan.status).toHaveProperty(code);
  });
});
