// The Monte Carlo trials with scope growth, splitting, risks and velocity multipliers
// (PLAN-GROW-1, PLAN-SPLIT-1, PLAN-RISK-1, PLAN-VEL-5, PLAN-MC-7). Without any of them every
// function here draws exactly what the plain bootstrap in montecarlo.ts draws.
//
// A trial, in calendar sprints c = 1, 2, ...:
//   - its parameters: split factor s, growth G per sprint, risk work W (scope risks), lost sprints L;
//   - the sprints 1..L are lost (nothing gets done); sprint c > L draws a past velocity v and
//     delivers v x m(c), m = the multiplier of that sprint;
//   - net progress P(c) = delivered(c) - c G: every sprint adds G of new work, which is done first;
//   - the backlog is done at the first c with P(c) >= refined + s x unrefined + W;
//   - backlog work done by sprint c = max(0, max_{j <= c} P(j) - W) (risk work and new work come
//     first; work done is never undone).
import { seedStream } from './prng';
import { EPS } from './numeric';
import type { Range } from './input';

export const STREAM_SPRINTS = 0;
export const STREAM_SCOPE = 1;
export const STREAM_PARAMS = 2;
export const STREAM_THROUGHPUT = 3;

const U32 = 4294967296;

/** A risk: `scope` adds work (low..high in AP), `sprints` loses whole sprints (low..high). */
export type SimRisk = { likelihood: number; low: number; high: number; kind: 'scope' | 'sprints' };

export type SimModel = {
  /** past sprint velocities (or items per sprint) in the simulation's unit */
  values: readonly number[];
  /** the remaining scope as given (used as the target when there is no split range) */
  remaining: number;
  /** the part of it that a split range does not touch (refined items) and the part it multiplies */
  refined: number;
  unrefined: number;
  split: Range | null;
  /** percent of `remaining` added per sprint */
  growthPercent: Range | null;
  risks: readonly SimRisk[];
  /** simulation units per AP, for the risks' work (the factor for SP, items per AP for throughput) */
  apScale: number;
  /** multipliers by remaining sprint (index 0 = the next sprint); 1 after the end */
  factors: Float64Array;
};

/**
 * Each trial's sampled parameters, in no unit (so the points and the throughput forecast share
 * them); null when the model has none (plain bootstrap).
 */
export type TrialParams = {
  split: Float64Array;
  /** growth per sprint as a share of the remaining scope */
  growth: Float64Array;
  /** work the risks add, AP */
  riskWork: Float64Array;
  lost: Int32Array;
};

export const isPlain = (m: SimModel) => m.split === null && m.growthPercent === null && m.risks.length === 0 && m.factors.length === 0;

/**
 * One stream per trial keyed by (seed, STREAM_PARAMS, trial), two uniforms each for split and
 * growth, then two per risk (occurs?, impact), always drawn, so one risk's draws do not depend
 * on the others and the points and throughput forecasts see the same events in trial t.
 */
export function trialParams(m: SimModel, trials: number, seed: number): TrialParams | null {
  if (isPlain(m)) return null;
  const p: TrialParams = {
    split: new Float64Array(trials),
    growth: new Float64Array(trials),
    riskWork: new Float64Array(trials),
    lost: new Int32Array(trials),
  };
  const st = new Int32Array(4);
  const u = () => {
    const a = st[0]!;
    const b = st[1]!;
    const c = st[2]!;
    const d = st[3]!;
    const x = (((a + b) | 0) + d) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + x) | 0;
    st[3] = (d + 1) | 0;
    return (x >>> 0) / U32;
  };
  const between = (r: Range, x: number) => r.low + (r.high - r.low) * x;
  for (let t = 0; t < trials; t++) {
    seedStream(st, seed, STREAM_PARAMS, t);
    const us = u();
    const ug = u();
    p.split[t] = m.split === null ? 1 : between(m.split, us);
    p.growth[t] = m.growthPercent === null ? 0 : between(m.growthPercent, ug) / 100;
    let work = 0;
    let lost = 0;
    for (const r of m.risks) {
      const happens = u() < r.likelihood;
      const x = u();
      if (!happens) continue;
      if (r.kind === 'scope') work += between(r, x);
      else lost += r.low + Math.floor((r.high - r.low + 1) * x); // whole sprints low..high, each equally likely
    }
    p.riskWork[t] = work;
    p.lost[t] = lost;
  }
  return p;
}

/** The backlog a trial must finish: the remaining scope with the trial's split, plus its risk work. */
export function targetOf(m: SimModel, p: TrialParams | null, t: number): number {
  if (p === null) return m.remaining;
  const scope = m.split === null ? m.remaining : m.refined + p.split[t]! * m.unrefined;
  return scope + p.riskWork[t]! * m.apScale;
}

/** Work added per sprint in trial t, in the simulation's unit. */
const growthOf = (m: SimModel, p: TrialParams | null, t: number) => (p === null ? 0 : p.growth[t]! * m.remaining);

export type FinishCounts = {
  /** counts[k] = trials done after exactly k sprints, k = 0..cap */
  counts: Int32Array;
  /** trials not done after cap sprints: "beyond the limit" */
  capped: number;
  /** velocity draws made, at most trials x cap (PLAN-MC-8) */
  draws: number;
};

/**
 * PLAN-MC-1 generalised: sprints until the backlog is done, per trial, at most `cap` (lost
 * sprints included). Draws come from stream `stream` keyed by (seed, trial).
 */
export function simulateFinish(
  m: SimModel,
  p: TrialParams | null,
  trials: number,
  cap: number,
  seed: number,
  stream: number,
): FinishCounts {
  const values = Float64Array.from(m.values);
  const n = values.length;
  const f = m.factors;
  const fLen = f.length;
  const counts = new Int32Array(cap + 1);
  const st = new Int32Array(4);
  let capped = 0;
  let draws = 0;
  if (m.remaining <= 0) {
    counts[0] = trials; // nothing left: risks and growth do not start a finished project again
    return { counts, capped, draws };
  }
  if (p === null && fLen === 0) return plainFinish(values, m.remaining, trials, cap, seed, stream);
  for (let t = 0; t < trials; t++) {
    const T = targetOf(m, p, t);
    const target = T - EPS * Math.max(1, T); // PLAN-ROUND-1 tolerance, as in the plain bootstrap
    const G = growthOf(m, p, t);
    let c = p === null ? 0 : p.lost[t]!;
    if (c > cap) {
      capped++;
      continue;
    }
    seedStream(st, seed, stream, t);
    let a = st[0]!;
    let b = st[1]!;
    let cc = st[2]!;
    let d = st[3]!;
    let sum = 0;
    let done = false;
    while (c < cap) {
      const x = (((a + b) | 0) + d) | 0;
      a = b ^ (b >>> 9);
      b = (cc + (cc << 3)) | 0;
      cc = (((cc << 21) | (cc >>> 11)) + x) | 0;
      d = (d + 1) | 0;
      c++;
      draws++;
      const v = values[Math.floor(((x >>> 0) * n) / U32)]!;
      sum += c <= fLen ? v * f[c - 1]! : v;
      if (sum - c * G >= target) {
        done = true;
        break;
      }
    }
    if (done) counts[c]! += 1;
    else capped++;
  }
  return { counts, capped, draws };
}

/** The hot loop without uncertainty: the PRNG inlined on locals, nothing allocated per trial. */
function plainFinish(values: Float64Array, remaining: number, trials: number, cap: number, seed: number, stream: number): FinishCounts {
  const n = values.length;
  const counts = new Int32Array(cap + 1);
  const target = remaining - EPS * Math.max(1, remaining); // 0.1 + 0.2 reaches 0.3
  const st = new Int32Array(4);
  let capped = 0;
  let draws = 0;
  for (let t = 0; t < trials; t++) {
    seedStream(st, seed, stream, t);
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
      sum += values[Math.floor(((u >>> 0) * n) / U32)]!; // multiply-shift index, bias <= n / 2^32
      k++;
    }
    draws += k;
    if (sum < target) capped++;
    else counts[k]! += 1;
  }
  return { counts, capped, draws };
}

/** The open backlog items for the waterline: cumulative sizes in the simulation's unit. */
export type ItemLadder = {
  /** without a split range: the running sum of the open items */
  cumulative: Float64Array;
  /** with one: the running sums of the refined and the unrefined items */
  refinedCumulative: Float64Array;
  unrefinedCumulative: Float64Array;
  /** work in the ladder's unit = work / divisor (an SP simulation against an AP ladder: the factor) */
  divisor: number;
};

export type Progress = {
  /** for each asked sprint count N: backlog work done within N sprints, one value per trial, ascending */
  doneWithin: Map<number, Float64Array>;
  /** per trial: open items done within the ladder's sprints (null without a ladder) */
  itemsDone: Int32Array | null;
  draws: number;
};

/**
 * PLAN-MC-5 generalised: backlog work done within N sprints for every N asked (one run up to the
 * largest), and for the waterline how many open items are done within `ladderSprints`.
 * Stream STREAM_SCOPE, so without uncertainty the sums equal the plain scope percentile's.
 */
export function simulateProgress(
  m: SimModel,
  p: TrialParams | null,
  trials: number,
  seed: number,
  sprints: readonly number[],
  ladder: { items: ItemLadder; sprints: number } | null,
): Progress {
  const asked = [...new Set([...sprints, ...(ladder === null ? [] : [ladder.sprints])])].sort((x, y) => x - y);
  const values = Float64Array.from(m.values);
  const n = values.length;
  const f = m.factors;
  const fLen = f.length;
  const doneWithin = new Map<number, Float64Array>(asked.map((k) => [k, new Float64Array(trials)]));
  const rows = asked.map((k) => doneWithin.get(k)!);
  const itemsDone = ladder === null ? null : new Int32Array(trials);
  const st = new Int32Array(4);
  let draws = 0;
  const plain = p === null && fLen === 0;
  for (let t = 0; t < trials; t++) {
    const G = growthOf(m, p, t);
    const lost = p === null ? 0 : p.lost[t]!;
    const work = p === null ? 0 : p.riskWork[t]! * m.apScale;
    seedStream(st, seed, STREAM_SCOPE, t);
    let a = st[0]!;
    let b = st[1]!;
    let cc = st[2]!;
    let d = st[3]!;
    let sum = 0;
    let best = 0; // max over j <= c of P(j), P(0) = 0
    let c = 0;
    for (let i = 0; i < asked.length; i++) {
      const until = asked[i]!;
      if (plain) {
        // without uncertainty the backlog work done is the plain sum of the draws
        for (; c < until; c++) {
          const x = (((a + b) | 0) + d) | 0;
          a = b ^ (b >>> 9);
          b = (cc + (cc << 3)) | 0;
          cc = (((cc << 21) | (cc >>> 11)) + x) | 0;
          d = (d + 1) | 0;
          sum += values[Math.floor(((x >>> 0) * n) / U32)]!;
        }
        best = sum;
      } else {
        while (c < until) {
          c++;
          if (c > lost) {
            const x = (((a + b) | 0) + d) | 0;
            a = b ^ (b >>> 9);
            b = (cc + (cc << 3)) | 0;
            cc = (((cc << 21) | (cc >>> 11)) + x) | 0;
            d = (d + 1) | 0;
            const v = values[Math.floor(((x >>> 0) * n) / U32)]!;
            sum += c <= fLen ? v * f[c - 1]! : v;
          }
          const P = sum - c * G;
          if (P > best) best = P;
        }
      }
      const backlog = p === null ? best : Math.max(0, best - work);
      rows[i]![t] = backlog;
      if (itemsDone !== null && ladder!.sprints === until)
        itemsDone[t] = itemsWithin(ladder!.items, backlog, p === null ? 1 : p.split[t]!, p !== null && m.split !== null);
    }
    draws += Math.max(0, c - lost);
  }
  for (const row of rows) row.sort();
  return { doneWithin, itemsDone, draws };
}

/** Open items (in order) whose cumulative size fits `work` (PLAN-ROUND-1 tolerance): binary search, sizes are >= 0. */
function itemsWithin(l: ItemLadder, work: number, split: number, useSplit: boolean): number {
  const x = work / l.divisor;
  let lo = 0;
  let hi = l.cumulative.length; // answer in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const c = useSplit ? l.refinedCumulative[mid - 1]! + split * l.unrefinedCumulative[mid - 1]! : l.cumulative[mid - 1]!;
    if (x >= c - EPS * Math.max(1, Math.abs(c))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
