// Exact answers for small Monte Carlo cases, by enumeration, to check the simulation against.
// Velocities are drawn uniformly from a short list; continuous parameters (growth, split, a risk's
// work) are integrated analytically: for a fixed path of draws each event is an interval of the
// parameter, and a uniform parameter's probability of an interval is its clamped length.

/** P(U <= x) for U uniform on [low, high] (a point mass when low = high). */
export function uniformCdf(x: number, low: number, high: number): number {
  if (high === low) return x >= low ? 1 : 0;
  return Math.min(1, Math.max(0, (x - low) / (high - low)));
}

/** Every path of `k` draws with its probability, as the running sums D_1..D_k (multipliers applied). */
export function* paths(
  values: readonly number[],
  k: number,
  factor: (sprint: number) => number = () => 1,
): Generator<{ p: number; sums: number[] }> {
  const sums: number[] = [];
  function* go(depth: number, p: number, sum: number): Generator<{ p: number; sums: number[] }> {
    if (depth === k) {
      yield { p, sums: [...sums] };
      return;
    }
    for (const v of values) {
      const s = sum + v * factor(depth + 1);
      sums.push(s);
      yield* go(depth + 1, p / values.length, s);
      sums.pop();
    }
  }
  yield* go(0, 1, 0);
}

/** Distribution of the sum of k draws (multipliers applied): value -> probability. */
export function sumPmf(values: readonly number[], k: number, factor: (sprint: number) => number = () => 1): Map<number, number> {
  let pmf = new Map<number, number>([[0, 1]]);
  for (let j = 1; j <= k; j++) {
    const next = new Map<number, number>();
    for (const [s, p] of pmf) for (const v of values) next.set(s + v * factor(j), (next.get(s + v * factor(j)) ?? 0) + p / values.length);
    pmf = next;
  }
  return pmf;
}

/** E[g(D_k)] over the distribution of the sum of k draws. */
export function expectOverSum(
  values: readonly number[],
  k: number,
  g: (sum: number) => number,
  factor?: (sprint: number) => number,
): number {
  let e = 0;
  for (const [s, p] of sumPmf(values, k, factor)) e += p * g(s);
  return e;
}

/** The simulated P(N <= k) from a plan's histogram (0 before its first bin). */
export function simulatedCdf(histogram: readonly { sprints: number; cumulative: number }[], k: number): number {
  let c = 0;
  for (const b of histogram) if (b.sprints <= k) c = b.cumulative;
  return c;
}

/** Smallest x in [lo, hi] with cdf(x) >= q, by bisection (cdf non-decreasing). */
export function quantile(cdf: (x: number) => number, q: number, lo: number, hi: number): number {
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) >= q) hi = mid;
    else lo = mid;
  }
  return hi;
}

// DKW inequality: P(sup_x |F_n(x) - F(x)| > eps) <= 2 exp(-2 n eps^2). With n = 100,000 trials and
// eps = 0.01 that is 2 e^-20 = 4e-9: a correct sampler passes for all but ~4 in a billion seeds.
// The seeds are fixed, so the tests are deterministic; the bound says the tolerance is not tuned to them.
export const TRIALS = 100_000;
export const TOLERANCE = 0.01;

/**
 * Growth G uniform on [gLow, gHigh] per sprint: done within k sprints iff some j <= k has
 * D_j - j G >= R, i.e. G <= max_j (D_j - R) / j. Returns P(N <= k) for k = 0..kMax (one DFS).
 */
export function finishCdfWithGrowth(values: readonly number[], R: number, gLow: number, gHigh: number, kMax: number): number[] {
  const cdf = new Array<number>(kMax + 1).fill(0);
  const go = (depth: number, p: number, sum: number, best: number) => {
    if (depth === kMax) return;
    for (const v of values) {
      const s = sum + v;
      const j = depth + 1;
      const b = Math.max(best, (s - R) / j);
      const q = p / values.length;
      cdf[j]! += q * uniformCdf(b, gLow, gHigh);
      go(j, q, s, b);
    }
  };
  go(0, 1, 0, -Infinity);
  return cdf;
}

/** Backlog work done within n sprints with growth: B = max(0, max_j (D_j - j G)); exact P(B <= x). */
export function workCdfWithGrowth(values: readonly number[], n: number, gLow: number, gHigh: number): (x: number) => number {
  const all = [...paths(values, n)];
  return (x: number) => {
    if (x < 0) return 0;
    let c = 0;
    for (const { p, sums } of all) {
      // B <= x iff every j has D_j - j G <= x, i.e. G >= max_j (D_j - x) / j
      const need = Math.max(...sums.map((d, i) => (d - x) / (i + 1)));
      c += p * (1 - uniformCdf(need, gLow, gHigh)); // G is continuous: P(G = need) = 0
    }
    return c;
  };
}
