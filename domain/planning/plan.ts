import { budgetOf, type Budget } from './budget';
import type { Calendar } from './calendar';
import { calibrate, factorOf, referencesAfter, toPoints, type Calibration } from './calibration';
import { parseIsoDate } from './dates';
import { decayScenarios, type Decay } from './decay';
import { fromZodIssues, onePerField, planError, type PlanError, type PlanWarning } from './errors';
import { forecast, type Forecast } from './forecast';
import { PlanInputSchema, type ParsedPlanInput } from './input';
import type { MonteCarlo } from './montecarlo';
import type { Answers } from './answers';
import { capacityOf, scheduleOf } from './capacity';
import { chancesOf } from './chances';
import type { Throughput } from './throughput';
import { velocityRange, type VelocityRange } from './range';
import { factorChange, statusOf, type Review, type Status } from './review';
import { resolveScope, type Scope } from './scope';
import { validate } from './validate';
import { resolveVelocity, type Velocity } from './velocity';
import { waterline, type Waterline } from './waterline';
import type { Unit } from './input';
import { MAX_SPRINTS } from './numeric';

export type Plan = {
  /** unit of the forecast figures: the velocity's unit */
  unit: Unit;
  calibration: Calibration;
  scope: Scope;
  velocity: Velocity;
  forecast: Forecast;
  decay: Decay;
  /** null without a velocity history */
  range: VelocityRange | null;
  /** null without a velocity history */
  monteCarlo: MonteCarlo | null;
  /** null without team and budget */
  budget: Budget | null;
  /** null without backlog items or without a budget */
  waterline: Waterline | null;
  /** null before the first sprint record */
  review: Review | null;
  status: Status;
  /** PLAN-TP-1: the forecast in items per sprint; null unless `throughput` is given */
  throughput: Throughput | null;
  /** PLAN-ANS-1..4: the Monte Carlo's results as sentences (each null without Monte Carlo) */
  answers: Answers;
  /** PLAN-MC-7: what each trial samples besides the velocities (echo of the inputs in use) */
  uncertainty: Uncertainty;
  warnings: PlanWarning[];
};

export type Uncertainty = {
  growthPercent: { low: number; high: number } | null;
  split: { low: number; high: number } | null;
  risks: number;
  /** multipliers of future sprints in use (recorded ones are ignored) */
  multipliers: number;
};

export type PlanResult = { ok: true; plan: Plan } | { ok: false; errors: PlanError[] };

function calendarOf(input: ParsedPlanInput): Calendar | null {
  const s = input.sprint;
  const startDay = s?.startDate === undefined ? null : parseIsoDate(s.startDate);
  if (s === undefined || startDay === null) return null;
  const lengthDays = s.lengthDays ?? (s.lengthWeeks ?? 0) * 7;
  const skipped = new Set(s.skipStartDates.map((d) => ((parseIsoDate(d) ?? startDay) - startDay) / lengthDays));
  return { startDay, lengthDays, skippedSlots: [...skipped].sort((a, b) => a - b) };
}

/**
 * The planning engine's single entry point: plain JSON in, plain JSON out.
 * Never throws on bad input; returns field-level errors instead.
 */
export function computePlan(raw: unknown): PlanResult {
  const parsed = PlanInputSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: onePerField(fromZodIssues(parsed.error.issues)) };
  const input = parsed.data;
  const errors = onePerField(validate(input));
  if (errors.length > 0) return { ok: false, errors };
  const built = buildPlan(input);
  return built.ok ? { ok: true, plan: toJsonSafe(built.plan, 'plan') } : built;
}

function buildPlan(input: ParsedPlanInput): PlanResult {
  const warnings: PlanWarning[] = [];
  const unit = input.velocity.unit;
  const calibration = calibrate(input.references, input.sprints);
  const f = calibration.factor;
  if (!calibration.calibrated) {
    warnings.push({
      code: 'not_calibrated',
      message: 'no reference item: figures are in AP only, SP figures are null',
      path: 'references',
    });
  }
  const velocity = resolveVelocity(input, f);
  if (velocity.source === 'history' && input.velocity.assumed !== undefined) {
    warnings.push({
      code: 'assumed_velocity_ignored',
      message: 'the assumed velocity is ignored because there is a velocity history',
      path: 'velocity.assumed',
    });
  }
  const scope = resolveScope(input, unit, f, warnings);
  const cal = calendarOf(input);
  if (cal === null) warnings.push({ code: 'no_calendar', message: 'no sprint calendar: dates are null', path: 'sprint' });

  const recorded = input.sprints.length;
  const schedule = scheduleOf(input.velocity.multipliers, recorded, warnings);
  const R = scope.remainingInUnit;
  if (R / velocity.mean > MAX_SPRINTS) {
    const path = velocity.source === 'assumed' ? 'velocity.assumed' : input.velocity.history.length > 0 ? 'velocity.history' : 'sprints';
    return {
      ok: false,
      errors: [planError(path, 'velocity_too_small', 'at this velocity the remaining scope needs more than 1,000,000 sprints')],
    };
  }
  const fc = forecast(unit, R, velocity.mean, recorded, cal, schedule);
  const decay = decayScenarios(unit, velocity.mean, R, input.decay.ratesPercent, input.decay.sprints, recorded, cal);

  const hasMoney = input.team !== undefined || input.budget !== undefined;
  const budget = hasMoney ? budgetOf(input, fc.sprintsNeeded, warnings) : null;
  const covered = budget?.sprintsCovered ?? null;
  const horizon = input.monteCarlo.horizon ?? covered ?? fc.sprintsNeeded; // PLAN-MC-6

  const hasHistory = velocity.source === 'history';
  let range: VelocityRange | null = null;
  if (hasHistory) {
    range = velocityRange(unit, velocity.history, R, horizon, recorded, cal, schedule);
    if (!range.sufficient) {
      warnings.push({
        code: 'range_low_coverage',
        message: `${range.sampleSize} sprints are too few for a 90 % interval; min..max covers the median with ${Math.round(range.coverage * 1000) / 10} %`,
        path: 'velocity.history',
      });
    }
  } else {
    warnings.push({ code: 'range_needs_history', message: 'the velocity range needs a velocity history', path: 'velocity.history' });
  }

  const chances = chancesOf(
    {
      input,
      unit,
      factor: f,
      history: hasHistory ? velocity.history : null,
      remaining: R,
      remainingAp: scope.remaining.ap,
      schedule,
      cal,
      recorded,
      horizon,
      covered,
    },
    warnings,
  );
  const mc = chances.monteCarlo;
  const pessimisticFit = chances.pessimisticFit;
  // PLAN-VEL-5: the mean velocity over the covered sprints, each at its multiplier
  const meanFit = covered === null ? null : toPoints(velocity.mean * capacityOf(schedule, covered), unit, f);

  let wl: Waterline | null = null;
  const items = input.backlog.items;
  if (items !== undefined && covered !== null && meanFit !== null) {
    const doneIds = new Set(input.sprints.flatMap((r) => r.doneItemIds));
    wl = waterline(
      items,
      (i) => i.status === 'done' || doneIds.has(i.id),
      covered,
      meanFit.ap,
      pessimisticFit?.ap ?? null,
      chances.itemsDone,
    );
  }

  const mc85 = mc?.percentiles.find((p) => p.percent === 85)?.sprints ?? null;
  const status = statusOf(fc.sprintsNeeded, mc85, mc !== null, covered);
  if (status.code === 'over_budget') warnings.push({ code: 'sprints_exceed_budget', message: status.message, path: 'budget' });
  if (status.code === 'at_risk') warnings.push({ code: 'sprints_may_exceed_budget', message: status.message, path: 'budget' });

  let review: Review | null = null;
  const last = input.sprints[recorded - 1];
  if (last !== undefined) {
    const before = factorOf(referencesAfter(input.references, input.sprints, recorded - 1)).factor;
    review = {
      sprint: last.index,
      sprintCostMinor: budget?.recordedSprints[recorded - 1]?.costMinor ?? last.actualCostMinor ?? null,
      sprintCostIsActual: last.actualCostMinor !== undefined,
      budgetLeftMinor: budget?.remainingMinor ?? null,
      sprintsBudgetLasts: covered,
      factor: factorChange(before, f),
      remaining: scope.remaining,
      meanVelocity: velocity.meanPoints,
      scopeThatFits: { mean: meanFit, pessimistic: pessimisticFit },
      status,
    };
  }

  const plan: Plan = {
    unit,
    calibration,
    scope,
    velocity,
    forecast: fc,
    decay,
    range,
    monteCarlo: mc,
    budget,
    waterline: wl,
    review,
    status,
    throughput: chances.throughput,
    answers: chances.answers,
    uncertainty: {
      growthPercent: input.scopeGrowth ?? null,
      split: input.split ?? null,
      risks: input.risks.length,
      multipliers: schedule.applied.length,
    },
    warnings,
  };
  return { ok: true, plan };
}

/**
 * PLAN-IO-1 / PLAN-ROUND-3: the returned plan is plain JSON. Non-integer numbers are cut to
 * 12 significant digits, which strips binary noise (24 x 0.95 = 22.799999999999997 -> 22.8)
 * and keeps far more precision than any display. Integers (money, sprints) are untouched.
 * A NaN or Infinity would be a bug, never an answer: fail loudly.
 */
function toJsonSafe<T>(value: T, path: string): T {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`planning engine produced ${value} at ${path}`);
    return (Number.isInteger(value) ? value + 0 : Number(value.toPrecision(12))) as T; // + 0: no -0
  }
  if (Array.isArray(value)) return value.map((v: unknown, i) => toJsonSafe(v, `${path}.${i}`)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v, `${path}.${k}`);
    return out as T;
  }
  return value;
}
