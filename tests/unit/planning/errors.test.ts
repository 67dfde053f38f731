import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../domain/planning';
import { errorsOf, withExample } from './fixtures';

const ok = { backlog: { totalAp: 20 }, velocity: { unit: 'AP', assumed: 5 } };

describe('bad input gives field-level errors', () => {
  it('PLAN-IO-1 a discriminated union: ok with a plan, or not ok with errors', () => {
    const good = computePlan(ok);
    expect(good.ok).toBe(true);
    const bad = computePlan({});
    expect(bad).toEqual({
      ok: false,
      errors: [
        { path: 'backlog', code: 'required', message: 'is required' },
        { path: 'velocity', code: 'required', message: 'is required' },
      ],
    });
  });

  it('PLAN-IO-1 not an object at all', () => {
    for (const input of [null, undefined, 'plan', 42, []]) {
      expect(errorsOf(input)).toMatchObject([{ path: '', code: expect.stringMatching(/^(not_an_object|required)$/) }]);
    }
  });

  it('PLAN-IO-2 negative or zero velocity', () => {
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', assumed: 0 } })).toEqual([
      { path: 'velocity.assumed', code: 'must_be_positive', message: 'must be greater than 0' },
    ]);
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', assumed: -3 } })).toMatchObject([
      { path: 'velocity.assumed', code: 'must_be_positive' },
    ]);
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', history: [3, -1, 2] } })).toEqual([
      { path: 'velocity.history.1', code: 'must_not_be_negative', message: 'must not be negative' },
    ]);
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', history: [0, 0] } })).toMatchObject([
      { path: 'velocity.history', code: 'velocity_not_positive' },
    ]);
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', history: [] }, sprints: [{ index: 1, doneAp: 0 }] })).toMatchObject([
      { path: 'sprints', code: 'velocity_not_positive' },
    ]);
  });

  it('PLAN-IO-2 empty history where one is needed', () => {
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', history: [] } })).toEqual([
      {
        path: 'velocity.history',
        code: 'velocity_required',
        message: 'give a velocity history (one or more past sprints) or an assumed velocity',
      },
    ]);
    expect(errorsOf({ ...ok, velocity: { history: [3] } })).toEqual([{ path: 'velocity.unit', code: 'required', message: 'is required' }]);
  });

  it('PLAN-IO-2 non-numeric sizes, NaN, Infinity', () => {
    const items = [
      { id: 'a', sizeAp: 3 },
      { id: 'b', sizeAp: 'big' },
      { id: 'c', sizeAp: '5' },
    ];
    expect(errorsOf({ ...ok, backlog: { items } })).toEqual([
      { path: 'backlog.items.1.sizeAp', code: 'not_a_number', message: 'must be a finite number' },
      { path: 'backlog.items.2.sizeAp', code: 'not_a_number', message: 'must be a finite number' },
    ]);
    expect(errorsOf({ ...ok, backlog: { totalAp: NaN } })).toMatchObject([{ path: 'backlog.totalAp', code: 'not_a_number' }]);
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', history: [1, Infinity] } })).toMatchObject([
      { path: 'velocity.history.1', code: 'not_a_number' },
    ]);
    expect(errorsOf({ ...ok, velocity: { unit: 'AP', history: [1, 2, 'x'] } })).toMatchObject([
      { path: 'velocity.history.2', code: 'not_a_number' },
    ]);
  });

  it('PLAN-IO-2 unknown currency; start date missing where dates are asked for', () => {
    expect(errorsOf({ ...ok, currency: 'EU' })).toMatchObject([{ path: 'currency', code: 'unknown_currency' }]);
    expect(errorsOf({ ...ok, sprint: { lengthWeeks: 2 } })).toMatchObject([{ path: 'sprint.startDate', code: 'required' }]);
  });

  it('PLAN-IO-2 cross-field errors point at the field to fix', () => {
    expect(errorsOf({ ...ok, backlog: { totalAp: 3, items: [] } })).toMatchObject([{ path: 'backlog', code: 'conflict' }]);
    expect(errorsOf({ ...ok, backlog: {} })).toMatchObject([{ path: 'backlog', code: 'one_of_required' }]);
    expect(
      errorsOf({
        ...ok,
        backlog: {
          items: [
            { id: 'a', sizeAp: 1 },
            { id: 'a', sizeAp: 2 },
          ],
        },
      }),
    ).toMatchObject([{ path: 'backlog.items.1.id', code: 'duplicate_id' }]);
    expect(
      errorsOf({
        ...ok,
        sprints: [
          { index: 1, doneAp: 1 },
          { index: 3, doneAp: 1 },
        ],
      }),
    ).toMatchObject([{ path: 'sprints.1.index', code: 'sprint_index_order' }]);
    expect(errorsOf({ ...ok, sprints: [{ index: 1 }] })).toMatchObject([{ path: 'sprints.0.doneAp', code: 'one_of_required' }]);
    expect(errorsOf({ ...ok, sprints: [{ index: 1, doneSp: 8 }] })).toMatchObject([
      { path: 'sprints.0.doneSp', code: 'calibration_required' },
    ]);
    expect(errorsOf({ ...ok, team: { people: 2, daysPerSprint: 10 } })).toMatchObject([{ path: 'team.dayRateMinor', code: 'required' }]);
    expect(errorsOf({ ...ok, team: { people: 2, dayRateMinor: 1, daysPerSprint: 10, members: [{ dayRateMinor: 1 }] } })).toMatchObject([
      { path: 'team', code: 'conflict' },
    ]);
  });

  it('PLAN-IO-2 several errors at once, each with its own path', () => {
    const errors = errorsOf({ backlog: { totalAp: -1 }, velocity: { unit: 'XP', assumed: 'fast' }, currency: 'ABC' });
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['backlog.totalAp', 'must_not_be_negative'],
      ['velocity.unit', 'invalid_option'],
      ['velocity.assumed', 'not_a_number'],
      ['currency', 'unknown_currency'],
    ]);
    expect(errors[1]!.message).toBe('must be one of "AP", "SP"');
  });

  it('PLAN-IO-3 unknown fields are errors (a typo is not silently ignored)', () => {
    expect(errorsOf({ ...ok, sprint: { startDate: '2025-01-06', lenghtWeeks: 2, lengthWeeks: 2 } })).toEqual([
      { path: 'sprint.lenghtWeeks', code: 'unknown_field', message: 'unknown field "lenghtWeeks"' },
    ]);
    expect(errorsOf(withExample({ extra: true }))).toMatchObject([{ path: 'extra', code: 'unknown_field' }]);
  });

  it('PLAN-IO-2 every error has a non-empty English message and a code from the documented list', () => {
    const inputs = [
      {},
      { backlog: 1, velocity: [] },
      { ...ok, monteCarlo: { trials: 0, seed: -1 } },
      { ...ok, decay: { ratesPercent: [0, 100] } },
    ];
    for (const input of inputs) {
      for (const e of errorsOf(input)) {
        expect(typeof e.path).toBe('string');
        expect(e.message.length).toBeGreaterThan(3);
        expect(e.code).toMatch(/^[a-z_]+$/);
      }
    }
    expect(errorsOf({ ...ok, decay: { ratesPercent: [0, 100] } }).map((e) => [e.path, e.code])).toEqual([
      ['decay.ratesPercent.0', 'too_small'],
      ['decay.ratesPercent.1', 'too_big'],
    ]);
  });

  it('PLAN-IO-2 ranges, risks and throughput: one clear error per field', () => {
    expect(errorsOf({ ...ok, scopeGrowth: { low: 20, high: 5 } })).toEqual([
      { path: 'scopeGrowth.high', code: 'low_above_high', message: 'must be at least the low value (20)' },
    ]);
    expect(errorsOf({ ...ok, split: { low: 1.5, high: 1 } })).toMatchObject([{ path: 'split.high', code: 'low_above_high' }]);
    expect(errorsOf({ ...ok, scopeGrowth: { low: -1, high: 101 } }).map((e) => [e.path, e.code])).toEqual([
      ['scopeGrowth.low', 'must_not_be_negative'],
      ['scopeGrowth.high', 'too_big'],
    ]);
    const risk = (impact: unknown, likelihoodPercent: unknown = 30) => ({ ...ok, risks: [{ likelihoodPercent, impact }] });
    expect(errorsOf(risk({ unit: 'sprints', low: 1.5, high: 2 }))).toMatchObject([{ path: 'risks.0.impact.low', code: 'not_an_integer' }]);
    expect(errorsOf(risk({ unit: 'AP', low: 8, high: 3 }))).toMatchObject([{ path: 'risks.0.impact.high', code: 'low_above_high' }]);
    expect(errorsOf(risk({ unit: 'days', low: 1, high: 2 }))).toMatchObject([{ path: 'risks.0.impact.unit', code: 'invalid_option' }]);
    expect(errorsOf(risk({ unit: 'AP', low: 1, high: 2 }, 120))).toMatchObject([{ path: 'risks.0.likelihoodPercent', code: 'too_big' }]);
    expect(errorsOf({ ...ok, throughput: {} }).map((e) => [e.path, e.code])).toEqual([
      ['throughput.history', 'throughput_history_required'],
      ['throughput.remainingItems', 'remaining_items_required'],
    ]);
    expect(errorsOf({ ...ok, throughput: { history: [0, 0], remainingItems: 3 } })).toMatchObject([
      { path: 'throughput.history', code: 'throughput_not_positive' },
    ]);
    expect(errorsOf({ ...ok, questions: { finishBy: '2025-02-30' } })).toMatchObject([
      { path: 'questions.finishBy', code: 'invalid_date' },
    ]);
  });
});
