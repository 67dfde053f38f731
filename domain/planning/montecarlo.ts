import { toPoints, type Points } from './calibration';
import type { Calendar } from './calendar';
import { dateOfSprint } from './forecast';
import type { Unit } from './input';
import { EPS } from './numeric';
import { seedStream } from './prng';

const STREAM_SPRINTS = 0;
const STREAM_SCOPE = 1;

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
  const values = Float64Array.from(history);
  const n = values.length;
  const counts = new Int32Array(cap + 1);
  // same tolerance as the deterministic forecast: 0.1 + 0.2 reaches 0.3
  const target = remaining - EPS * Math.max(1, remaining);
  const st = new Int32Array(4);
  let capped = 0;
  for (let t = 0; t < trials; t++) {
    seedStream(st, seed, STREAM_SPRINTS, t);
    // sfc32 inlined on locals: the hot loop, ~3x faster than a call per draw
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let sum = 0;
    let k = 0;
    while (sum < target && k < cap) {
      const u = (((a + b) | 0) + d) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + u) | 0;
      d = (d + 1) | 0;
      sum += values[Math.floor(((u >>> 0) * n) / 4294967296)]!; // multiply-shift index, bias <= n / 2^32
      k++;
    }
    if (sum < target) capped++;
    else counts[k]! += 1;
  }
  return { counts, capped };
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
export function scopePercentile(
  history: readonly number[],
  sprints: number,
  trials: number,
  seed: number,
  percent: number,
): number {
  if (sprints === 0) return 0;
  const values = Float64Array.from(history);
  const n = values.length;
  const sums = new Float64Array(trials);
  const st = new Int32Array(4);
  for (let t = 0; t < trials; t++) {
    seedStream(st, seed, STREAM_SCOPE, t);
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let s = 0;
    for (let k = 0; k < sprints; k++) {
      const u = (((a + b) | 0) + d) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + u) | 0;
      d = (d + 1) | 0;
      s += values[Math.floor(((u >>> 0) * n) / 4294967296)]!;
    }
    sums[t] = s;
  }
  sums.sort();
  return sums[nearestRank(percent, trials) - 1]!;
}

export type HistogramBin = { sprints: number; trials: number; cumulative: number };

export type MonteCarlo = {
  unit: Unit;
  trials: number;
  seed: number;
  maxSprintsPerTrial: number;
  /** trials that hit maxSprintsPerTrial without finishing; they count as "later than the cap" */
  cappedTrials: number;
  percentileRule: 'nearest-rank';
  /** remaining sprints within which 50/85/95 % of the trials finished; null when beyond the cap */
  percentiles: { percent: number; sprints: number | null; finishSprint: number | null; date: string | null }[];
  /** every sprint count from the smallest to the largest seen (zeros included), cumulative share of all trials */
  histogram: HistogramBin[];
  /** PLAN-MC-5: scope done within `horizon` sprints with 85 % confidence (15th percentile of sums) */
  horizon: number;
  scopeAtHorizon: { confidence: number; value: number; points: Points };
};

export function histogramOf(sc: SprintCounts, trials: number): HistogramBin[] {
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
    bins.push({ sprints: k, trials: sc.counts[k]!, cumulative: cum / trials });
  }
  return bins;
}

export type MonteCarloParams = {
  unit: Unit;
  factor: number | null;
  history: readonly number[];
  remaining: number;
  trials: number;
  seed: number;
  cap: number;
  horizon: number;
  sprintsRecorded: number;
  cal: Calendar | null;
};

export function monteCarlo(p: MonteCarloParams): MonteCarlo {
  const sc = simulateSprintCounts(p.history, p.remaining, p.trials, p.cap, p.seed);
  const scope = scopePercentile(p.history, p.horizon, p.trials, p.seed, 100 - SCOPE_CONFIDENCE);
  return {
    unit: p.unit,
    trials: p.trials,
    seed: p.seed,
    maxSprintsPerTrial: p.cap,
    cappedTrials: sc.capped,
    percentileRule: 'nearest-rank',
    percentiles: MC_PERCENTS.map((percent) => {
      const sprints = percentileOfCounts(sc, p.trials, percent);
      const finish = sprints === null ? null : p.sprintsRecorded + sprints;
      return { percent, sprints, finishSprint: finish === 0 ? null : finish, date: dateOfSprint(p.cal, finish) };
    }),
    histogram: histogramOf(sc, p.trials),
    horizon: p.horizon,
    scopeAtHorizon: { confidence: SCOPE_CONFIDENCE, value: scope, points: toPoints(scope, p.unit, p.factor) },
  };
}
