import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../../domain/planning';
import { wholePercent } from '../../../domain/planning';
import { planOf } from './fixtures';

// The review example's team: 4, 3, 2 AP per sprint, 17 AP left, two-week sprints from 6 Jan 2025.
const input: PlanInput = {
  backlog: { totalAp: 26 },
  velocity: { unit: 'AP', history: [4, 3, 2] },
  sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
  sprints: [{ index: 1, doneAp: 9 }],
};

describe('answers a stakeholder reads', () => {
  it('PLAN-ANS-1 "85 % chance of finishing on or before <date>" is the Monte Carlo 85 % with its date', () => {
    const plan = planOf(input);
    const p85 = plan.monteCarlo!.percentiles.find((p) => p.percent === 85)!;
    expect(plan.answers.finish).toEqual({
      confidence: 85,
      sprints: p85.sprints,
      finishSprint: p85.finishSprint,
      date: p85.date,
      message: `85 % chance of finishing on or before ${p85.date} (end of sprint ${p85.finishSprint})`,
    });
  });

  it('PLAN-ANS-1 without a calendar the answer counts sprints; with nothing left it says so', () => {
    const { sprint: _cal, ...noCalendar } = input;
    const finish = planOf(noCalendar).answers.finish!;
    expect(finish.date).toBeNull();
    expect(finish.message).toBe(`85 % chance of finishing within ${finish.sprints} more sprints (end of sprint ${finish.finishSprint})`);
    const done = planOf({ ...input, sprints: [{ index: 1, doneAp: 26 }] }).answers.finish!;
    expect(done).toMatchObject({ sprints: 0, message: 'no scope is left' });
  });

  it('PLAN-ANS-1 beyond the simulation limit the answer says so instead of a date', () => {
    const plan = planOf({
      backlog: { totalAp: 100 },
      velocity: { unit: 'AP', history: [0, 0, 0, 10] },
      monteCarlo: { trials: 1000, maxSprintsPerTrial: 20 },
    });
    expect(plan.answers.finish).toMatchObject({
      sprints: null,
      date: null,
      message: '85 % of the simulated projects need more than 20 sprints',
    });
  });

  it('PLAN-ANS-3 "85 % chance of at least N AP by <date>" is the scope at the horizon and the horizon\'s last day', () => {
    const plan = planOf({ ...input, monteCarlo: { horizon: 4 } });
    const mc = plan.monteCarlo!;
    expect(plan.answers.scopeBy).toMatchObject({
      confidence: 85,
      sprints: 4,
      finishSprint: 5,
      date: '2025-03-16',
      unit: 'AP',
      value: mc.scopeAtHorizon.value,
    });
    expect(plan.answers.scopeBy!.message).toBe(`85 % chance of at least ${mc.scopeAtHorizon.value} AP by 2025-03-16 (end of sprint 5)`);
  });

  it('PLAN-ANS-2 the chance of finishing by a typed date is the share of trials done within the sprints that end by then', () => {
    // sprint 1 is recorded; sprints 2..5 end 2 Feb, 16 Feb, 2 Mar, 16 Mar 2025: 3 more sprints end by 10 Mar
    const plan = planOf({ ...input, questions: { finishBy: '2025-03-10' } });
    const a = plan.answers.finishBy!;
    expect(a).toMatchObject({ date: '2025-03-10', sprints: 3, finishSprint: 4, sprintEndDate: '2025-03-02', throughputProbability: null });
    const bin = plan.monteCarlo!.histogram.filter((b) => b.sprints <= 3).at(-1);
    expect(a.probability).toBe(bin?.cumulative ?? 0);
    expect(a.scope).toMatchObject({ sprints: 3, date: '2025-03-02' });
    expect(a.message).toBe(`${wholePercent(a.probability)} % chance of finishing by 2025-03-10; ${a.scope!.message}`);
  });

  it('PLAN-ANS-2 a date before the next sprint ends: no sprint, 0 %; no calendar: a warning and no answer', () => {
    const early = planOf({ ...input, questions: { finishBy: '2025-01-25' } }).answers.finishBy!;
    expect(early).toMatchObject({ sprints: 0, finishSprint: 1, sprintEndDate: null, probability: 0 });
    expect(early.message).toMatch(/^0 % chance of finishing by 2025-01-25 \(no sprint ends by then\)/);
    const { sprint: _cal, ...noCalendar } = input;
    const plan = planOf({ ...noCalendar, questions: { finishBy: '2025-03-10' } });
    expect(plan.answers.finishBy).toBeNull();
    expect(plan.warnings.map((w) => w.code)).toContain('finish_by_needs_calendar');
  });

  it('PLAN-ANS-2 with a throughput forecast the answer also gives its probability', () => {
    const plan = planOf({
      ...input,
      throughput: { history: [2, 1, 2], remainingItems: 6 },
      questions: { finishBy: '2025-06-30' },
    });
    const tp = plan.throughput!.monteCarlo!;
    const k = plan.answers.finishBy!.sprints;
    expect(plan.answers.finishBy!.throughputProbability).toBe(tp.histogram.filter((b) => b.sprints <= k).at(-1)?.cumulative ?? 0);
  });

  it('PLAN-ANS-4 whole percent for a sentence: never 0 % or 100 % unless certain', () => {
    expect([0, 0.001, 0.004, 0.5, 0.856, 0.996, 0.9999, 1].map(wholePercent)).toEqual([0, 1, 1, 50, 86, 99, 99, 100]);
  });

  it('PLAN-ANS-1 without a velocity history there is nothing to simulate: every answer is null', () => {
    const plan = planOf({ backlog: { totalAp: 26 }, velocity: { unit: 'AP', assumed: 3 } });
    expect(plan.answers).toEqual({ finish: null, scopeBy: null, finishBy: null });
  });
});

describe('the probability-by-date curve', () => {
  it("PLAN-MC-4 every histogram bin carries its sprint number from the start and that sprint's last day", () => {
    const mc = planOf(input).monteCarlo!;
    for (const b of mc.histogram) {
      expect(b.finishSprint).toBe(b.sprints + 1);
      // sprint n ends 6 Jan 2025 + 14 n - 1 days
      const end = new Date(Date.UTC(2025, 0, 6 + 14 * b.finishSprint - 1)).toISOString().slice(0, 10);
      expect(b.date).toBe(end);
    }
    // non-decreasing, ends at 1 when no trial was capped
    mc.histogram.forEach((b, i) => i > 0 && expect(b.cumulative).toBeGreaterThanOrEqual(mc.histogram[i - 1]!.cumulative));
    expect(mc.histogram.at(-1)!.cumulative).toBe(1);
  });
});

describe('waterline probabilities', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({
    id,
    sizeAp: [3, 5, 2, 8, 5, 3][i]!,
    status: i === 0 ? ('done' as const) : ('open' as const),
  }));
  const wlInput: PlanInput = { backlog: { items }, velocity: { unit: 'AP', history: [4, 6, 5, 3, 7] }, budget: { sprints: 3 } };

  it('PLAN-WL-2 probabilities fall in priority order; done items are 1', () => {
    const wl = planOf(wlInput).waterline!;
    expect(wl.items[0]).toMatchObject({ done: true, probability: 1 });
    const open = wl.items.slice(1).map((i) => i.probability!);
    open.forEach((p, i) => i > 0 && expect(p).toBeLessThanOrEqual(open[i - 1]!));
    expect(open[0]).toBe(1); // 5 AP in 3 sprints of at least 3
    expect(open.at(-1)).toBeLessThan(0.5);
  });

  it('PLAN-WL-2 the pessimistic line: above it exactly the items done in at least trials - r + 1 trials (r = rank of 15 %)', () => {
    const wl = planOf(wlInput).waterline!;
    const needed = (10_000 - Math.ceil(0.15 * 10_000) + 1) / 10_000;
    for (const i of wl.items.filter((x) => !x.done)) {
      expect(i.aboveLine.pessimistic).toBe(i.probability! >= needed);
      expect(i.aboveLine.pessimistic).toBe(i.cumulativeAp <= wl.capacityAp.pessimistic!);
    }
  });

  it('PLAN-WL-2 no Monte Carlo (assumed velocity): probabilities are null', () => {
    const wl = planOf({ ...wlInput, velocity: { unit: 'AP', assumed: 5 } }).waterline!;
    expect(wl.items.every((i) => i.probability === null)).toBe(true);
  });
});
