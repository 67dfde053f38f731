// The probabilistic half of a plan: the Monte Carlo (points and throughput), its bounded cost,
// the waterline's per-item probabilities and the stakeholder answers.
import { finishAnswer, finishByAnswer, scopeAnswer, type Answers } from './answers';
import { toPoints, type Points } from './calibration';
import { sprintsEndingBy, type Calendar } from './calendar';
import type { Schedule } from './capacity';
import { parseIsoDate } from './dates';
import type { PlanWarning } from './errors';
import { dateOfSprint } from './forecast';
import type { BacklogItem, ParsedPlanInput, Unit } from './input';
import { pointsModel, itemsModel, openItems } from './model';
import { monteCarlo, scopeWithin, shareWithin, type MonteCarlo, type SprintCounts } from './montecarlo';
import { MAX_SPRINTS } from './numeric';
import { trialParams, type ItemLadder, type Progress, type TrialParams } from './simulate';
import { remainingItemsOf, throughputHistory, throughputOf, type Throughput } from './throughput';
import type { ItemsDone } from './waterline';

/** PLAN-MC-8: velocity draws one computePlan may make, all Monte Carlo passes together. */
export const MAX_DRAWS = 30_000_000;

export type ChanceContext = {
  input: ParsedPlanInput;
  unit: Unit;
  factor: number | null;
  /** the velocity history in use (null: assumed velocity, nothing to resample) */
  history: readonly number[] | null;
  remaining: number;
  remainingAp: number;
  schedule: Schedule;
  cal: Calendar | null;
  recorded: number;
  horizon: number;
  /** sprints the budget covers (the waterline's), null without a budget */
  covered: number | null;
};

export type Chances = {
  monteCarlo: MonteCarlo | null;
  throughput: Throughput | null;
  /** 85 % scope within the covered sprints (PLAN-REV-7, pessimistic waterline) */
  pessimisticFit: Points | null;
  itemsDone: ItemsDone | null;
  answers: Answers;
};

/** The open items in priority order as the waterline counts them. */
function ladderOf(items: readonly BacklogItem[], divisor: number): ItemLadder {
  const n = items.length;
  const l: ItemLadder = {
    cumulative: new Float64Array(n),
    refinedCumulative: new Float64Array(n),
    unrefinedCumulative: new Float64Array(n),
    divisor,
  };
  let all = 0;
  let refined = 0;
  let unrefined = 0;
  items.forEach((item, i) => {
    all += item.sizeAp; // the same running sum as waterline.ts
    if (item.refined) refined += item.sizeAp;
    else unrefined += item.sizeAp;
    l.cumulative[i] = all;
    l.refinedCumulative[i] = refined;
    l.unrefinedCumulative[i] = unrefined;
  });
  return l;
}

/** PLAN-ANS-2: remaining sprints that end by the date asked about; null without one (warning without a calendar). */
function sprintsByDate(c: ChanceContext, warnings: PlanWarning[]): { date: string; sprints: number } | null {
  const date = c.input.questions?.finishBy;
  if (date === undefined) return null;
  const day = parseIsoDate(date);
  if (c.cal === null || day === null) {
    warnings.push({
      code: 'finish_by_needs_calendar',
      message: 'a date can only be answered with a sprint calendar',
      path: 'questions.finishBy',
    });
    return null;
  }
  return { date, sprints: sprintsEndingBy(c.cal, c.recorded, day, MAX_SPRINTS) };
}

export function chancesOf(c: ChanceContext, warnings: PlanWarning[]): Chances {
  const { input, unit, factor, recorded, cal } = c;
  const { trials, seed, maxSprintsPerTrial } = input.monteCarlo;
  const none: Chances = {
    monteCarlo: null,
    throughput: null,
    pessimisticFit: null,
    itemsDone: null,
    answers: { finish: null, scopeBy: null, finishBy: null },
  };
  const byDate = sprintsByDate(c, warnings);
  const wantsThroughput = input.throughput !== undefined;
  if (c.history === null) {
    warnings.push({ code: 'monte_carlo_needs_history', message: 'Monte Carlo needs a velocity history', path: 'velocity.history' });
    if (!wantsThroughput) return none;
  }

  // PLAN-MC-8: fixed-length runs cost trials x sprints each; the forward runs get what is left
  const items = input.backlog.items === undefined ? null : openItems(input);
  const ladderSprints = items !== null && c.covered !== null ? c.covered : null;
  const fixed = c.history === null ? 0 : Math.max(c.horizon, c.covered ?? 0);
  const half = MAX_DRAWS / 2;
  if (trials * fixed > half) {
    warnings.push({
      code: 'monte_carlo_too_large',
      message: 'the simulation would take too long; lower monteCarlo.trials or the horizon',
      path: 'monteCarlo.trials',
    });
    return none;
  }
  const scopeByDate = byDate !== null && trials * byDate.sprints <= half ? byDate.sprints : null;
  const fixedDraws = c.history === null ? 0 : trials * Math.max(fixed, scopeByDate ?? 0);
  const passes = (c.history === null ? 0 : 1) + (wantsThroughput ? 1 : 0);
  const cap = Math.min(maxSprintsPerTrial, Math.floor((MAX_DRAWS - fixedDraws) / (trials * passes)));
  if (cap < maxSprintsPerTrial) {
    warnings.push({
      code: 'monte_carlo_limited',
      message: `to bound its cost the simulation stops each trial after ${cap} sprints (asked: ${maxSprintsPerTrial})`,
      path: 'monteCarlo.maxSprintsPerTrial',
    });
  }

  const tpHistory = wantsThroughput ? throughputHistory(input).history : [];
  const remainingItems = remainingItemsOf(input);
  const model =
    c.history === null
      ? itemsModel(input, tpHistory, remainingItems, c.remainingAp, c.schedule)
      : pointsModel(input, unit, factor, c.history, c.remaining, c.remainingAp, c.schedule);
  const params: TrialParams | null = trialParams(model, trials, seed); // unit-free: shared by both forecasts

  let mc: MonteCarlo | null = null;
  let progress: Progress | null = null;
  let counts: SprintCounts | null = null;
  if (c.history !== null) {
    const ladder =
      items !== null && ladderSprints !== null
        ? { items: ladderOf(items, unit === 'SP' ? (factor ?? 1) : 1), sprints: ladderSprints }
        : null;
    const run = monteCarlo({
      unit,
      factor,
      model,
      params,
      trials,
      seed,
      cap,
      horizon: c.horizon,
      alsoWithin: [...(c.covered === null ? [] : [c.covered]), ...(scopeByDate === null ? [] : [scopeByDate])],
      ladder,
      sprintsRecorded: recorded,
      cal,
    });
    mc = run.mc;
    progress = run.progress;
    counts = run.counts;
    if (mc.cappedTrials > 0) {
      warnings.push({
        code: 'monte_carlo_capped',
        message: `${mc.cappedTrials} of ${mc.trials} trials were not done after ${mc.maxSprintsPerTrial} sprints`,
        path: 'monteCarlo.maxSprintsPerTrial',
      });
    }
  }

  const tp = wantsThroughput ? throughputOf(input, c.remainingAp, c.schedule, cal, { params, cap }) : null;

  const pessimisticFit =
    mc !== null && progress !== null && c.covered !== null ? toPoints(scopeWithin(progress, c.covered, trials), unit, factor) : null;
  const itemsDone = progress?.itemsDone ? { perTrial: progress.itemsDone, trials } : null;

  const answers: Answers = { finish: null, scopeBy: null, finishBy: null };
  if (mc !== null && progress !== null && counts !== null) {
    const p85 = mc.percentiles.find((p) => p.percent === 85)!;
    answers.finish = finishAnswer(p85, mc.maxSprintsPerTrial);
    const end = recorded + mc.horizon;
    answers.scopeBy = scopeAnswer(mc.scopeAtHorizon.value, unit, factor, mc.horizon, end === 0 ? null : end, dateOfSprint(cal, end));
    if (byDate !== null) {
      const last = recorded + byDate.sprints;
      const scope =
        scopeByDate === null
          ? null
          : scopeAnswer(
              scopeWithin(progress, scopeByDate, trials),
              unit,
              factor,
              scopeByDate,
              last === 0 ? null : last,
              dateOfSprint(cal, last),
            );
      answers.finishBy = finishByAnswer({
        date: byDate.date,
        sprints: byDate.sprints,
        finishSprint: last === 0 ? null : last,
        sprintEndDate: byDate.sprints === 0 ? null : dateOfSprint(cal, last),
        probability: shareWithin(counts, trials, byDate.sprints),
        throughputProbability: tp?.counts ? shareWithin(tp.counts, trials, byDate.sprints) : null,
        scope,
      });
    }
  }
  return { monteCarlo: mc, throughput: tp?.section ?? null, pessimisticFit, itemsDone, answers };
}
