import { toPoints, type Points } from './calibration';
import type { Calendar } from './calendar';
import { dateOfSprint } from './forecast';
import type { Unit } from './input';
import {
  simulateFinish,
  simulateProgress,
  STREAM_SPRINTS,
  type ItemLadder,
  type Progress,
  type SimModel,
  type TrialParams,
} from './simulate';

export const MC_PERCENTS = [50, 85, 95] as const;
/** "scope done within N sprints with 85 % confidence" = the 15th percentile of the sums */
export const SCOPE_CONFIDENCE = 85;

/**
 * PLAN-MC-2 nearest-rank percentile of sorted data: the smallest x such that at least q % of
 * the values are <= x, i.e. the value at rank ceil(q/100 * n) (1-based).
 */
export function nearestRank(percent: number, n: number): number {
  return Math.max(1, Math.ceil((percent * n) / 100));
}

export type SprintCounts = {
  /** counts[k] = trials that finished in exactly k sprints, k = 0..cap */
  counts: Int32Array;
  /** trials still unfinished after cap sprints */
  capped: number;
};

/** The plain bootstrap: past velocities, a remaining scope, nothing else sampled. */
export function plainModel(history: readonly number[], remaining: number): SimModel {
  return {
    values: history,
    remaining,
    refined: 0,
    unrefined: remaining,
    split: null,
    growthPercent: null,
    risks: [],
    apScale: 1,
    factors: new Float64Array(0),
  };
}

/**
 * PLAN-MC-1: each trial draws past velocities uniformly with replacement until their sum
 * reaches the remaining scope. One PRNG stream per trial (see prng.ts); typed arrays,
 * no allocation per trial.
 */
export function simulateSprintCounts(
  history: readonly number[],
  remaining: number,
  trials: number,
  cap: number,
  seed: number,
): SprintCounts {
  const r = simulateFinish(plainModel(history, remaining), null, trials, cap, seed, STREAM_SPRINTS);
  return { counts: r.counts, capped: r.capped };
}

/** Smallest k with at least `percent` % of all trials done within k sprints; null if that needs capped trials. */
export function percentileOfCounts(sc: SprintCounts, trials: number, percent: number): number | null {
  const rank = nearestRank(percent, trials);
  let cum = 0;
  for (let k = 0; k < sc.counts.length; k++) {
    cum += sc.counts[k]!;
    if (cum >= rank) return k;
  }
  return null;
}

/** PLAN-MC-5: nearest-rank percentile of the sums of `sprints` draws (scope done in that many sprints). */
export function scopePercentile(history: readonly number[], sprints: number, trials: number, seed: number, percent: number): number {
  if (sprints === 0) return 0;
  const sums = simulateProgress(plainModel(history, 0), null, trials, seed, [sprints], null).doneWithin.get(sprints)!;
  return sums[nearestRank(percent, trials) - 1]!;
}

/** One sprint count of the simulation: trials done in exactly that many sprints, and the share done by then. */
export type HistogramBin = {
  sprints: number;
  trials: number;
  /** PLAN-MC-4 / PLAN-ANS-3: share of all trials done within `sprints` (the probability-by-date curve) */
  cumulative: number;
  /** sprint number from the project start, and its last day (null without a calendar) */
  finishSprint: number;
  date: string | null;
};

export type MonteCarlo = {
  unit: Unit;
  trials: number;
  seed: number;
  /** PLAN-MC-3 / PLAN-MC-8: the sprints a trial may take (the given cap, lowered to bound the work) */
  maxSprintsPerTrial: number;
  /** trials that hit maxSprintsPerTrial without finishing; they count as "beyond the limit" */
  cappedTrials: number;
  /** velocity draws made by the whole simulation (PLAN-MC-8: bounded before it runs) */
  draws: number;
  percentileRule: 'nearest-rank';
  /** remaining sprints within which 50/85/95 % of the trials finished; null when beyond the cap */
  percentiles: { percent: number; sprints: number | null; finishSprint: number | null; date: string | null }[];
  /** every sprint count from the smallest to the largest seen (zeros included), cumulative share of all trials */
  histogram: HistogramBin[];
  /** PLAN-MC-5: scope done within `horizon` sprints with 85 % confidence (15th percentile of sums) */
  horizon: number;
  scopeAtHorizon: { confidence: number; value: number; points: Points };
};

export function histogramOf(sc: SprintCounts, trials: number, sprintsRecorded = 0, cal: Calendar | null = null): HistogramBin[] {
  let first = -1;
  let last = -1;
  sc.counts.forEach((c, k) => {
    if (c > 0) {
      if (first < 0) first = k;
      last = k;
    }
  });
  const bins: HistogramBin[] = [];
  if (first < 0) return bins;
  let cum = 0;
  for (let k = 0; k < first; k++) cum += sc.counts[k]!;
  for (let k = first; k <= last; k++) {
    cum += sc.counts[k]!;
    const finishSprint = sprintsRecorded + k;
    bins.push({ sprints: k, trials: sc.counts[k]!, cumulative: cum / trials, finishSprint, date: dateOfSprint(cal, finishSprint) });
  }
  return bins;
}

/** Share of all trials done within `sprints` (0 before the first, capped trials never). */
export function shareWithin(sc: SprintCounts, trials: number, sprints: number): number {
  let done = 0;
  const last = Math.min(sprints, sc.counts.length - 1);
  for (let k = 0; k <= last; k++) done += sc.counts[k]!;
  return done / trials;
}

export type MonteCarloParams = {
  unit: Unit;
  factor: number | null;
  model: SimModel;
  params: TrialParams | null;
  trials: number;
  seed: number;
  /** sprints a trial may take (already bounded, PLAN-MC-8) */
  cap: number;
  horizon: number;
  /** more sprint counts to know the scope done within (a date asked for) */
  alsoWithin: readonly number[];
  /** the waterline's open items and its sprints, for each item's probability */
  ladder: { items: ItemLadder; sprints: number } | null;
  sprintsRecorded: number;
  cal: Calendar | null;
};

export type MonteCarloRun = { mc: MonteCarlo; counts: SprintCounts; progress: Progress };

export function monteCarlo(p: MonteCarloParams): MonteCarloRun {
  const sc = simulateFinish(p.model, p.params, p.trials, p.cap, p.seed, STREAM_SPRINTS);
  const progress = simulateProgress(p.model, p.params, p.trials, p.seed, [p.horizon, ...p.alsoWithin], p.ladder);
  const scope = scopeWithin(progress, p.horizon, p.trials);
  const mc: MonteCarlo = {
    unit: p.unit,
    trials: p.trials,
    seed: p.seed,
    maxSprintsPerTrial: p.cap,
    cappedTrials: sc.capped,
    draws: sc.draws + progress.draws,
    percentileRule: 'nearest-rank',
    percentiles: MC_PERCENTS.map((percent) => {
      const sprints = percentileOfCounts(sc, p.trials, percent);
      const finish = sprints === null ? null : p.sprintsRecorded + sprints;
      return { percent, sprints, finishSprint: finish === 0 ? null : finish, date: dateOfSprint(p.cal, finish) };
    }),
    histogram: histogramOf(sc, p.trials, p.sprintsRecorded, p.cal),
    horizon: p.horizon,
    scopeAtHorizon: { confidence: SCOPE_CONFIDENCE, value: scope, points: toPoints(scope, p.unit, p.factor) },
  };
  return { mc, counts: sc, progress };
}

/** PLAN-MC-5: backlog work done within `sprints` in at least 85 % of the trials (15th percentile, nearest rank). */
export function scopeWithin(progress: Progress, sprints: number, trials: number): number {
  const row = progress.doneWithin.get(sprints);
  return row === undefined ? 0 : row[nearestRank(100 - SCOPE_CONFIDENCE, trials) - 1]!;
}
