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
console.log(JSON.stringify(out, null, 2));
