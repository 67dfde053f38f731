// PLAN-TP-1..3: the forecast in items per sprint (throughput), beside the one in points.
import type { Calendar } from './calendar';
import type { Schedule } from './capacity';
import { dateOfSprint } from './forecast';
import { sprintsWith } from './capacity';
import type { ParsedPlanInput } from './input';
import { histogramOf, MC_PERCENTS, percentileOfCounts, type HistogramBin, type MonteCarlo } from './montecarlo';
import { itemsModel, openItems } from './model';
import { mean } from './numeric';
import { simulateFinish, STREAM_THROUGHPUT, type FinishCounts, type TrialParams } from './simulate';
import { windowOf } from './velocity';

export type Throughput = {
  unit: 'items';
  /** items done per sprint that the forecast uses: throughput.history, then the records' doneItemIds (last `window`) */
  history: number[];
  fromHistoryInput: number;
  fromSprintRecords: number;
  mean: number;
  remainingItems: number;
  /** remaining items / mean throughput (with the velocity multipliers), and its ceiling */
  sprintsExact: number;
  sprintsNeeded: number;
  finishSprint: number | null;
  targetDate: string | null;
  /** the Monte Carlo in items; null when the points forecast has none (no history, too large) */
  monteCarlo:
    | (Pick<MonteCarlo, 'trials' | 'seed' | 'maxSprintsPerTrial' | 'cappedTrials' | 'draws' | 'percentiles'> & {
        histogram: HistogramBin[];
      })
    | null;
};

/** Items done per sprint: the earlier history, then each record's listed items; and the last `window` of it. */
export function throughputHistory(input: ParsedPlanInput) {
  const earlier = input.throughput?.history ?? [];
  const records = input.sprints.map((r) => r.doneItemIds.length);
  const w = windowOf(earlier.length, records.length, input.velocity.window);
  return { history: [...earlier, ...records].slice(w.outside), fromEarlier: w.fromEarlier, fromRecords: w.fromRecords };
}

/** Open items left: throughput.remainingItems, else the open backlog items. */
export function remainingItemsOf(input: ParsedPlanInput): number {
  return input.throughput?.remainingItems ?? openItems(input).length;
}

export type ThroughputRun = { section: Throughput; counts: FinishCounts | null };

/** PLAN-TP-2 deterministic, PLAN-TP-3 Monte Carlo (same trial parameters as the points forecast). */
export function throughputOf(
  input: ParsedPlanInput,
  remainingAp: number,
  schedule: Schedule,
  cal: Calendar | null,
  mc: { params: TrialParams | null; cap: number } | null,
): ThroughputRun {
  const h = throughputHistory(input);
  const m = mean(h.history); // > 0: validate.ts
  const remainingItems = remainingItemsOf(input);
  const recorded = input.sprints.length;
  const s = sprintsWith(remainingItems, m, schedule) ?? { exact: 0, needed: 0 };
  const finish = recorded + s.needed;
  const section: Throughput = {
    unit: 'items',
    history: h.history,
    fromHistoryInput: h.fromEarlier,
    fromSprintRecords: h.fromRecords,
    mean: m,
    remainingItems,
    sprintsExact: s.exact,
    sprintsNeeded: s.needed,
    finishSprint: finish === 0 ? null : finish,
    targetDate: dateOfSprint(cal, finish),
    monteCarlo: null,
  };
  if (mc === null) return { section, counts: null };
  const { trials, seed } = input.monteCarlo;
  const model = itemsModel(input, h.history, remainingItems, remainingAp, schedule);
  const counts = simulateFinish(model, mc.params, trials, mc.cap, seed, STREAM_THROUGHPUT);
  section.monteCarlo = {
    trials,
    seed,
    maxSprintsPerTrial: mc.cap,
    cappedTrials: counts.capped,
    draws: counts.draws,
    percentiles: MC_PERCENTS.map((percent) => {
      const sprints = percentileOfCounts(counts, trials, percent);
      const f = sprints === null ? null : recorded + sprints;
      return { percent, sprints, finishSprint: f === 0 ? null : f, date: dateOfSprint(cal, f) };
    }),
    histogram: histogramOf(counts, trials, recorded, cal),
  };
  return { section, counts };
}
