// PLAN-ANS-1..4: the Monte Carlo's results as the sentences a stakeholder reads. Each answer
// carries its figures (for a translated sentence in the UI) and an English `message`.
import { toPoints, type Points } from './calibration';
import type { Unit } from './input';
import { SCOPE_CONFIDENCE } from './montecarlo';

/** A share 0..1 as whole percent for a sentence: never "0 %" or "100 %" unless it is certain. */
export function wholePercent(share: number): number {
  if (share <= 0) return 0;
  if (share >= 1) return 100;
  return Math.min(99, Math.max(1, Math.round(share * 100)));
}

export type FinishAnswer = {
  confidence: number;
  /** remaining sprints; null when 85 % of the trials need more than the simulation's limit */
  sprints: number | null;
  finishSprint: number | null;
  date: string | null;
  message: string;
};

export type ScopeAnswer = {
  confidence: number;
  /** within this many remaining sprints, i.e. by the end of sprint `finishSprint` (on `date`) */
  sprints: number;
  finishSprint: number | null;
  date: string | null;
  unit: Unit;
  value: number;
  points: Points;
  message: string;
};

export type FinishByAnswer = {
  /** the date asked about */
  date: string;
  /** remaining sprints that end on or before it, and the last of them */
  sprints: number;
  finishSprint: number | null;
  sprintEndDate: string | null;
  /** share of the trials done within those sprints (trials beyond the simulation's limit count as not done) */
  probability: number;
  /** the same from the throughput forecast, when there is one */
  throughputProbability: number | null;
  /** PLAN-ANS-2: scope done by then with 85 % confidence; null when not simulated that far */
  scope: ScopeAnswer | null;
  message: string;
};

export type Answers = {
  /** PLAN-ANS-1: "85 % chance of finishing on or before <date>" */
  finish: FinishAnswer | null;
  /** PLAN-ANS-3: "85 % chance of at least N AP by <date>" (the Monte Carlo horizon) */
  scopeBy: ScopeAnswer | null;
  /** PLAN-ANS-2: the probability of finishing by the date in questions.finishBy */
  finishBy: FinishByAnswer | null;
};

const when = (sprints: number, finishSprint: number | null, date: string | null) =>
  date !== null
    ? `${date} (end of sprint ${finishSprint})`
    : `${sprints} more ${sprints === 1 ? 'sprint' : 'sprints'}${finishSprint === null ? '' : ` (end of sprint ${finishSprint})`}`;

/** Points in a sentence: one decimal below 100, whole from 100 on (as the UI shows them). */
const pointsText = (x: number) => String(x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);

export function finishAnswer(
  p85: { sprints: number | null; finishSprint: number | null; date: string | null },
  limit: number,
): FinishAnswer {
  const base = { confidence: SCOPE_CONFIDENCE, sprints: p85.sprints, finishSprint: p85.finishSprint, date: p85.date };
  if (p85.sprints === 0) return { ...base, message: 'no scope is left' };
  if (p85.sprints === null) return { ...base, message: `${SCOPE_CONFIDENCE} % of the simulated projects need more than ${limit} sprints` };
  const on =
    p85.date !== null
      ? `on or before ${when(p85.sprints, p85.finishSprint, p85.date)}`
      : `within ${when(p85.sprints, p85.finishSprint, null)}`;
  return { ...base, message: `${SCOPE_CONFIDENCE} % chance of finishing ${on}` };
}

export function scopeAnswer(
  value: number,
  unit: Unit,
  factor: number | null,
  sprints: number,
  finishSprint: number | null,
  date: string | null,
): ScopeAnswer {
  const by = date !== null ? `by ${when(sprints, finishSprint, date)}` : `within ${when(sprints, finishSprint, null)}`;
  return {
    confidence: SCOPE_CONFIDENCE,
    sprints,
    finishSprint,
    date,
    unit,
    value,
    points: toPoints(value, unit, factor),
    message: `${SCOPE_CONFIDENCE} % chance of at least ${pointsText(value)} ${unit} ${by}`,
  };
}

export function finishByAnswer(a: Omit<FinishByAnswer, 'message'>): FinishByAnswer {
  const pct = `${wholePercent(a.probability)} % chance of finishing by ${a.date}`;
  const none = a.sprints === 0 ? ' (no sprint ends by then)' : '';
  return { ...a, message: `${pct}${none}${a.scope === null ? '' : `; ${a.scope.message}`}` };
}
