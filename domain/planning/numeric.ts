// Tolerances for turning floating-point quotients into whole sprints.
// 0.07 / 0.01 comes out as 7.000000000000001, which a plain ceil makes 8 sprints:
// a value within EPS (relative, at least absolute EPS) of an integer counts as that integer.
export const EPS = 1e-9;

function tol(x: number): number {
  return EPS * Math.max(1, Math.abs(x));
}

/** ceil, but 16.000000000000004 -> 16 (never returns -0). */
export function ceilTol(x: number): number {
  return Math.ceil(x - tol(x)) + 0;
}

/** a >= b up to the tolerance; used for "is the scope done". */
export function atLeast(a: number, b: number): boolean {
  return a >= b - tol(b);
}

/** More sprints than this (38,000 years of two-week sprints) is no forecast: an error or "never". */
export const MAX_SPRINTS = 1_000_000;

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}
