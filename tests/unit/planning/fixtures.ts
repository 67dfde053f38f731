import { computePlan, type Plan, type PlanError, type PlanInput } from '../../../domain/planning';

/** The method's worked example (talk): 47 AP, 3 AP = 24 SP, 24 SP per sprint, 3 x 800 EUR x 10 days. */
export const workedExample = {
  backlog: { totalAp: 47 },
  references: [{ id: 'ref-1', title: 'Login with e-mail', ap: 3, sp: 24 }],
  velocity: { unit: 'SP', assumed: 24 },
  sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
  team: { people: 3, dayRateMinor: 80_000, daysPerSprint: 10 },
  budget: { amountMinor: 39_000_000 },
  currency: 'EUR',
} satisfies PlanInput;

/** Plan of a valid input; fails the test with the errors otherwise. */
export function planOf(input: unknown): Plan {
  const r = computePlan(input);
  if (!r.ok) throw new Error(`expected a plan, got errors: ${JSON.stringify(r.errors)}`);
  return r.plan;
}

/** Errors of an invalid input; fails the test if a plan came back. */
export function errorsOf(input: unknown): PlanError[] {
  const r = computePlan(input);
  if (r.ok) throw new Error('expected errors, got a plan');
  return r.errors;
}

/** A copy of the worked example with some top-level fields replaced. */
export function withExample(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(workedExample), ...patch };
}
