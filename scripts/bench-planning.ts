// Timing of the planning engine: npx tsx scripts/bench-planning.ts
// Prints JSON. Each figure is the median of several runs after a warm-up.
import { computePlan, simulateSprintCounts, type PlanInput } from '../domain/planning';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(fn: () => void, runs = 25): { medianMs: number; minMs: number; maxMs: number } {
  for (let i = 0; i < 5; i++) fn(); // warm-up (JIT)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { medianMs: r(median(ms)), minMs: r(Math.min(...ms)), maxMs: r(Math.max(...ms)) };
}

const history = [20, 26, 24, 22, 28, 24, 18, 30];
const cases = {
  // the method's example: 376 SP left, ~16 draws per trial
  mc10k_worked_example_376sp: () => simulateSprintCounts(history, 376, 10_000, 1000, 42),
  // a long project: ~100 draws per trial
  mc10k_2400sp_100sprints: () => simulateSprintCounts(history, 2400, 10_000, 1000, 42),
  // fractional velocities
  mc10k_fractional_velocities: () => simulateSprintCounts([2.5, 3.1, 1.7, 4.2, 2.9], 47, 10_000, 1000, 42),
};

const fullInput: PlanInput = {
  backlog: {
    items: Array.from({ length: 200 }, (_, i) => ({ id: `item-${i + 1}`, title: `Item ${i + 1}`, sizeAp: [1, 2, 3, 5, 8][i % 5]! })),
  },
  references: [{ id: 'ref-1', ap: 3, sp: 24 }],
  velocity: { unit: 'SP', history },
  sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
  team: { people: 5, dayRateMinor: 80000 },
  budget: { amountMinor: 300_000_000 },
  sprints: [
    { index: 1, doneAp: 3 },
    { index: 2, doneAp: 4, actualCostMinor: 4_100_000 },
  ],
};

const workedWithHistory: PlanInput = {
  backlog: { totalAp: 47 },
  references: [{ ap: 3, sp: 24 }],
  velocity: { unit: 'SP', history },
  sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
  team: { people: 3, dayRateMinor: 80000, daysPerSprint: 10 },
  budget: { amountMinor: 39_000_000 },
};

// 10,000 trials of the 200-item backlog (~250 sprints per trial) with risks, growth, a split, multipliers
// and the throughput forecast: target under 50 ms. Growth is per sprint and a share of the whole
// remaining scope, so over 250 sprints 0.2 % is up to half the backlog again.
const uncertainInput: PlanInput = {
  ...fullInput,
  backlog: { items: fullInput.backlog.items!.map((item, i) => ({ ...item, refined: i % 4 === 0 })) },
  velocity: {
    unit: 'SP',
    history,
    window: 6,
    multipliers: [
      { sprint: 5, factor: 0.5 },
      { sprint: 12, factor: 0.7 },
    ],
  },
  scopeGrowth: { low: 0, high: 0.2 },
  split: { low: 1, high: 1.3 },
  risks: [
    { id: 'R1', title: 'Payment provider changes its API', likelihoodPercent: 30, impact: { unit: 'AP', low: 5, high: 20 } },
    { id: 'R2', title: 'Key developer leaves', likelihoodPercent: 10, impact: { unit: 'sprints', low: 1, high: 3 } },
    { id: 'R3', title: 'Security audit findings', likelihoodPercent: 50, impact: { unit: 'AP', low: 3, high: 13 } },
  ],
  throughput: { history: [4, 6, 5, 7, 3, 5] },
  questions: { finishBy: '2031-12-31' },
};

// Task B: the worst case that passes validation should not take seconds
const skewed: PlanInput = {
  backlog: { totalAp: 100_000 },
  velocity: { unit: 'AP', history: [0.001, 1000] },
  monteCarlo: { trials: 200_000, maxSprintsPerTrial: 10_000, horizon: 0 },
};

const out: Record<string, unknown> = {
  node: process.version,
  trials: 10_000,
};
for (const [name, fn] of Object.entries(cases)) out[name] = time(fn);
out.computePlan_worked_example_with_history_10k_trials = time(() => {
  const r = computePlan(workedWithHistory);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
});
// ~6,000 SP left at ~24 SP per sprint: ~250 draws per trial plus the horizon sums
out.computePlan_200_items_10k_trials = time(() => {
  const r = computePlan(fullInput);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
});
out.computePlan_200_items_10k_trials_risks_growth_split_throughput = time(() => {
  const r = computePlan(uncertainInput);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
});
const u = computePlan(uncertainInput);
if (u.ok) out.draws_200_items_risks_growth = u.plan.monteCarlo!.draws + (u.plan.throughput?.monteCarlo?.draws ?? 0);
out.computePlan_skewed_history_200k_trials = time(() => {
  const r = computePlan(skewed);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}, 5);
const w = computePlan(skewed);
if (w.ok)
  out.skewed_draws = {
    draws: w.plan.monteCarlo!.draws,
    perTrialLimit: w.plan.monteCarlo!.maxSprintsPerTrial,
    beyond: w.plan.monteCarlo!.cappedTrials,
  };
console.log(JSON.stringify(out, null, 2));
