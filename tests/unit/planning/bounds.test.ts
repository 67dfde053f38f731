import { describe, expect, it } from 'vitest';
import { MAX_DRAWS, MAX_ERRORS, simulateFinish, STREAM_SPRINTS, trialParams, type SimModel } from '../../../domain/planning';
import { errorsOf, planOf } from './fixtures';

const model = (values: number[], remaining: number, extra: Partial<SimModel> = {}): SimModel => ({
  values,
  remaining,
  refined: 0,
  unrefined: remaining,
  split: null,
  growthPercent: null,
  risks: [],
  apScale: 1,
  factors: new Float64Array(0),
  ...extra,
});

describe('bounded cost', () => {
  it('PLAN-MC-8 a trial stops at the cap: draws = sum of k x trials done in k sprints + cap x capped trials <= trials x cap', () => {
    // 0.001 or 1000 per sprint against 10,000: half the trials need far more sprints than the cap
    const m = model([0.001, 0.001, 0.001, 1000], 10_000);
    const r = simulateFinish(m, null, 5000, 40, 42, STREAM_SPRINTS);
    let counted = 0;
    r.counts.forEach((n, k) => (counted += n * k));
    counted += r.capped * 40;
    expect(r.draws).toBe(counted);
    expect(r.draws).toBeLessThanOrEqual(5000 * 40);
    expect(r.capped).toBeGreaterThan(0);
  });

  it('PLAN-MC-8 the same bound with growth, risks and lost sprints (a lost sprint draws nothing)', () => {
    const m = model([1, 2], 50, { growthPercent: { low: 0, high: 4 }, risks: [{ likelihood: 0.5, low: 1, high: 30, kind: 'sprints' }] });
    const p = trialParams(m, 3000, 7)!;
    const r = simulateFinish(m, p, 3000, 60, 7, STREAM_SPRINTS);
    let bound = 0;
    for (let t = 0; t < 3000; t++) bound += Math.max(0, 60 - p.lost[t]!);
    expect(r.draws).toBeLessThanOrEqual(bound);
    expect(r.counts.reduce((s, n) => s + n, 0) + r.capped).toBe(3000);
  });

  it('PLAN-MC-8 velocities [0.001, 1000] against a huge backlog: the plan counts its draws and stays within the limit', () => {
    const plan = planOf({
      backlog: { totalAp: 100_000 },
      velocity: { unit: 'AP', history: [0.001, 1000] },
      monteCarlo: { trials: 50_000, maxSprintsPerTrial: 10_000 },
      throughput: { history: [1, 40], remainingItems: 2000 },
    });
    const mc = plan.monteCarlo!;
    expect(mc.draws + plan.throughput!.monteCarlo!.draws).toBeLessThanOrEqual(MAX_DRAWS);
    // the per-trial limit was lowered from 10,000 and says so
    expect(mc.maxSprintsPerTrial).toBeLessThan(10_000);
    expect(mc.maxSprintsPerTrial * 50_000 * 2 + 50_000 * mc.horizon).toBeLessThanOrEqual(MAX_DRAWS);
    expect(mc.cappedTrials).toBeGreaterThan(0); // counted as beyond the limit, not simulated for seconds
    expect(plan.warnings.find((w) => w.code === 'monte_carlo_limited')?.message).toContain(
      `after ${mc.maxSprintsPerTrial} sprints (asked: 10000)`,
    );
  });

  it('PLAN-MC-8 fixed-length runs that alone would exceed half the limit leave the Monte Carlo out', () => {
    const plan = planOf({
      backlog: { totalAp: 100_000 },
      velocity: { unit: 'AP', history: [1, 2] },
      monteCarlo: { trials: 200_000, horizon: 100 },
    });
    expect(plan.monteCarlo).toBeNull();
    expect(plan.warnings.map((w) => w.code)).toContain('monte_carlo_too_large');
  });

  it('PLAN-MC-8 the default 10,000 trials x 1,000 sprints fit: nothing is lowered', () => {
    const plan = planOf({ backlog: { totalAp: 47 }, velocity: { unit: 'AP', history: [3, 4] } });
    expect(plan.monteCarlo!.maxSprintsPerTrial).toBe(1000);
    expect(plan.warnings.map((w) => w.code)).not.toContain('monte_carlo_limited');
  });
});

describe('short error lists', () => {
  it(`PLAN-IO-5 at most ${MAX_ERRORS} errors, the first ones in input order`, () => {
    const history = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 'x' : -1));
    const errors = errorsOf({ backlog: { totalAp: 10 }, velocity: { unit: 'AP', history } });
    expect(errors).toHaveLength(MAX_ERRORS);
    expect(errors[0]).toMatchObject({ path: 'velocity.history.0', code: 'not_a_number' });
    expect(errors[1]).toMatchObject({ path: 'velocity.history.1', code: 'must_not_be_negative' });
    expect(JSON.stringify(errors).length).toBeLessThan(2500);
  });

  it('PLAN-IO-5 one error per field: a string where a non-empty list belongs is "not a list", once', () => {
    expect(errorsOf({ backlog: { totalAp: 10 }, velocity: { unit: 'AP', assumed: 2 }, decay: { ratesPercent: '' } })).toEqual([
      { path: 'decay.ratesPercent', code: 'not_an_array', message: 'must be a list' },
    ]);
    expect(errorsOf({ backlog: { totalAp: 10 }, velocity: { unit: 'AP', assumed: 2 }, team: { members: '', daysPerSprint: 5 } })).toEqual([
      { path: 'team.members', code: 'not_an_array', message: 'must be a list' },
    ]);
  });

  it('PLAN-IO-2 type errors say what is expected in plain words', () => {
    const errors = errorsOf({ backlog: { totalAp: 10 }, velocity: { unit: 'AP', assumed: 2 }, currency: 5, sprint: 'x', backlogx: 1 });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['sprint', 'must be an object'],
      ['currency', 'must be a string'],
      ['backlogx', 'unknown field "backlogx"'],
    ]);
  });
});
