// The /plan page's form state (text as typed) and its translation into computePlan's input.
// Pure, so the mapping from fields to input paths and back is unit-tested.
import { isCurrencyCode, minorDigits } from '../currencies';
import type { PlanError } from '../errors';
import { numberOrText, parseList, toMinorUnits } from './parse';

export type ReferenceRow = { key: string; title: string; ap: string; sp: string };
export type BudgetMode = 'none' | 'amount' | 'sprints';
/** A future sprint with a velocity multiplier (PLAN-VEL-5): sprint number and factor as typed. */
export type MultiplierRow = { key: string; sprint: string; factor: string };
/** A risk (PLAN-RISK-1): likelihood in percent, impact range in AP or whole sprints. */
export type RiskRow = { key: string; title: string; likelihood: string; unit: 'AP' | 'sprints'; low: string; high: string };

export type PlanForm = {
  totalAp: string;
  references: ReferenceRow[];
  velocityUnit: 'AP' | 'SP';
  velocityAssumed: string;
  /** past sprint velocities, "24, 22, 26" */
  velocityHistory: string;
  sprintWeeks: string;
  /** YYYY-MM-DD (an <input type="date"> value) */
  startDate: string;
  people: string;
  /** per person and day, in major units (800 EUR) */
  dayRate: string;
  daysPerSprint: string;
  currency: string;
  budgetMode: BudgetMode;
  /** the whole budget in major units */
  budgetAmount: string;
  budgetSprints: string;
  seed: string;
  // the optional forecast inputs (collapsed on the page; empty = not used)
  /** last N sprints of the history */
  velocityWindow: string;
  multipliers: MultiplierRow[];
  /** percent per sprint */
  growthLow: string;
  growthHigh: string;
  splitLow: string;
  splitHigh: string;
  risks: RiskRow[];
  /** also forecast in items per sprint */
  throughput: boolean;
  /** items done per earlier sprint, "4, 6, 5" (the what-if page; a workshop counts its records) */
  throughputHistory: string;
  remainingItems: string;
  /** "how likely are we done by ...?" (YYYY-MM-DD) */
  finishBy: string;
};

export const DEFAULT_SEED = 42;

export function emptyReferenceRow(key: string): ReferenceRow {
  return { key, title: '', ap: '', sp: '' };
}

export const emptyMultiplierRow = (key: string): MultiplierRow => ({ key, sprint: '', factor: '' });
export const emptyRiskRow = (key: string): RiskRow => ({ key, title: '', likelihood: '', unit: 'AP', low: '', high: '' });

/** The velocity unit a new plan starts with, everywhere: AP, the unit sprints are recorded in. */
export const DEFAULT_VELOCITY_UNIT = 'AP' as const;

export function defaultForm(opts: { totalAp?: string; startDate?: string } = {}): PlanForm {
  return {
    totalAp: opts.totalAp ?? '',
    references: [emptyReferenceRow('r1')],
    velocityUnit: DEFAULT_VELOCITY_UNIT,
    velocityAssumed: '',
    velocityHistory: '',
    sprintWeeks: '2',
    startDate: opts.startDate ?? '',
    people: '',
    dayRate: '',
    daysPerSprint: '',
    currency: 'EUR',
    budgetMode: 'none',
    budgetAmount: '',
    budgetSprints: '',
    seed: String(DEFAULT_SEED),
    velocityWindow: '',
    multipliers: [],
    growthLow: '',
    growthHigh: '',
    splitLow: '',
    splitHigh: '',
    risks: [],
    throughput: false,
    throughputHistory: '',
    remainingItems: '',
    finishBy: '',
  };
}

/** Are any of the optional forecast inputs in use? (their section opens by itself then) */
export function usesUncertainty(form: PlanForm): boolean {
  const typed = [form.velocityWindow, form.growthLow, form.growthHigh, form.splitLow, form.splitHigh, form.finishBy].some(
    (x) => x.trim() !== '',
  );
  return typed || form.multipliers.length > 0 || form.risks.length > 0 || form.throughput;
}

/** A form field an error can be shown at. `ref.<row key>.ap` for a reference row. */
export type FieldId =
  | 'totalAp'
  | 'references'
  | `ref.${string}.ap`
  | `ref.${string}.sp`
  | `ref.${string}.title`
  | 'velocityUnit'
  | 'velocityAssumed'
  | 'velocityHistory'
  | 'sprintWeeks'
  | 'startDate'
  | 'people'
  | 'dayRate'
  | 'daysPerSprint'
  | 'team'
  | 'currency'
  | 'budgetAmount'
  | 'budgetSprints'
  | 'budget'
  | 'seed'
  | 'velocityWindow'
  | `mult.${string}.sprint`
  | `mult.${string}.factor`
  | 'multipliers'
  | 'growthLow'
  | 'growthHigh'
  | 'splitLow'
  | 'splitHigh'
  | `risk.${string}.title`
  | `risk.${string}.likelihood`
  | `risk.${string}.low`
  | `risk.${string}.high`
  | 'risks'
  | 'throughputHistory'
  | 'remainingItems'
  | 'finishBy'
  | 'general';

export type BuiltInput = {
  /** computePlan's input (unknown on purpose: typed text is passed on for the engine to reject) */
  input: Record<string, unknown>;
  /** input.references[i] came from form.references[referenceRows[i]] */
  referenceRows: string[];
  /** the same for velocity.multipliers and risks */
  multiplierRows?: string[];
  riskRows?: string[];
  /** the history as understood: numbers, or the text of entries that are not */
  history: (number | string)[];
};

const isBlank = (s: string) => s.trim() === '';

function omitUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Minor-unit digits of the form's currency (2 while the code is not a known one). */
export function currencyDigits(currency: string): number {
  return isCurrencyCode(currency) ? minorDigits(currency) : 2;
}

export function formToInput(form: PlanForm, locale: string): BuiltInput {
  const num = (text: string) => numberOrText(text, locale);
  const currency = form.currency.trim().toUpperCase() || 'EUR';
  const digits = currencyDigits(currency);
  const money = (text: string) => {
    const v = num(text);
    return typeof v === 'number' ? toMinorUnits(v, digits) : v;
  };

  const referenceRows: string[] = [];
  const references = form.references
    .filter((r) => !(isBlank(r.title) && isBlank(r.ap) && isBlank(r.sp)))
    .map((r) => {
      referenceRows.push(r.key);
      return omitUndefined({ id: r.key, title: r.title.trim() || undefined, ap: num(r.ap), sp: num(r.sp) });
    });

  const history = parseList(form.velocityHistory, locale);
  const multiplierRows: string[] = [];
  const multipliers = form.multipliers
    .filter((m) => !(isBlank(m.sprint) && isBlank(m.factor)))
    .map((m) => {
      multiplierRows.push(m.key);
      return omitUndefined({ sprint: num(m.sprint), factor: num(m.factor) });
    });
  const velocity = omitUndefined({
    unit: form.velocityUnit,
    history: history.length > 0 ? history : undefined,
    assumed: num(form.velocityAssumed),
    window: num(form.velocityWindow),
    multipliers: multipliers.length > 0 ? multipliers : undefined,
  });

  const input: Record<string, unknown> = {
    backlog: omitUndefined({ totalAp: num(form.totalAp) }),
    references,
    velocity,
    currency,
    monteCarlo: { seed: num(form.seed) ?? DEFAULT_SEED },
  };
  if (!isBlank(form.startDate) || !isBlank(form.sprintWeeks)) {
    input.sprint = omitUndefined({
      startDate: isBlank(form.startDate) ? undefined : form.startDate.trim(),
      lengthWeeks: num(form.sprintWeeks),
    });
  }
  if (!isBlank(form.people) || !isBlank(form.dayRate) || !isBlank(form.daysPerSprint)) {
    input.team = omitUndefined({ people: num(form.people), dayRateMinor: money(form.dayRate), daysPerSprint: num(form.daysPerSprint) });
  }
  if (form.budgetMode === 'amount' && !isBlank(form.budgetAmount)) input.budget = { amountMinor: money(form.budgetAmount) };
  if (form.budgetMode === 'sprints' && !isBlank(form.budgetSprints)) input.budget = { sprints: num(form.budgetSprints) };
  // a range with one side typed passes the other as missing: the engine asks for it at its field
  const range = (low: string, high: string) => (isBlank(low) && isBlank(high) ? undefined : { low: num(low), high: num(high) });
  const growth = range(form.growthLow, form.growthHigh);
  if (growth) input.scopeGrowth = growth;
  const split = range(form.splitLow, form.splitHigh);
  if (split) input.split = split;
  const riskRows: string[] = [];
  const risks = form.risks
    .filter((r) => !(isBlank(r.title) && isBlank(r.likelihood) && isBlank(r.low) && isBlank(r.high)))
    .map((r) => {
      riskRows.push(r.key);
      return omitUndefined({
        title: r.title.trim() || undefined,
        likelihoodPercent: num(r.likelihood),
        impact: { unit: r.unit, low: num(r.low), high: isBlank(r.high) ? num(r.low) : num(r.high) },
      });
    });
  if (risks.length > 0) input.risks = risks;
  if (form.throughput) {
    const tp = parseList(form.throughputHistory, locale);
    input.throughput = omitUndefined({ history: tp.length > 0 ? tp : undefined, remainingItems: num(form.remainingItems) });
  }
  if (!isBlank(form.finishBy)) input.questions = { finishBy: form.finishBy.trim() };
  return { input, referenceRows, history, multiplierRows, riskRows };
}

/** The row key of list `rows` at index `at` of an error path, or undefined. */
const rowAt = (rows: readonly string[] | undefined, at: string | undefined) => (at === undefined ? undefined : rows?.[Number(at)]);

/** Where to show an error of computePlan: the form field of its input path. */
export function fieldOfError(
  error: Pick<PlanError, 'path'>,
  built: Pick<BuiltInput, 'referenceRows' | 'multiplierRows' | 'riskRows'>,
): FieldId {
  const [head = '', second, third, fourth] = error.path.split('.');
  switch (head) {
    case 'backlog':
      return 'totalAp';
    case 'references': {
      const row = second === undefined ? undefined : built.referenceRows[Number(second)];
      if (row === undefined) return 'references';
      return third === 'ap' || third === 'sp' || third === 'title' ? `ref.${row}.${third}` : `ref.${row}.ap`;
    }
    case 'velocity': {
      if (second === 'multipliers') {
        const row = rowAt(built.multiplierRows, third);
        if (row === undefined) return 'multipliers';
        return fourth === 'factor' ? `mult.${row}.factor` : `mult.${row}.sprint`;
      }
      return second === 'unit'
        ? 'velocityUnit'
        : second === 'assumed'
          ? 'velocityAssumed'
          : second === 'window'
            ? 'velocityWindow'
            : 'velocityHistory';
    }
    case 'scopeGrowth':
      return second === 'high' ? 'growthHigh' : 'growthLow';
    case 'split':
      return second === 'high' ? 'splitHigh' : 'splitLow';
    case 'risks': {
      const row = rowAt(built.riskRows, second);
      if (row === undefined) return 'risks';
      if (third === 'title') return `risk.${row}.title`;
      if (third === 'impact') return fourth === 'high' ? `risk.${row}.high` : `risk.${row}.low`;
      return `risk.${row}.likelihood`;
    }
    case 'throughput':
      return second === 'remainingItems' ? 'remainingItems' : 'throughputHistory';
    case 'questions':
      return 'finishBy';
    case 'sprint':
      return second === 'startDate' ? 'startDate' : 'sprintWeeks';
    case 'team':
      return second === 'people' ? 'people' : second === 'dayRateMinor' ? 'dayRate' : second === 'daysPerSprint' ? 'daysPerSprint' : 'team';
    case 'currency':
      return 'currency';
    case 'budget':
      return second === 'amountMinor' ? 'budgetAmount' : second === 'sprints' ? 'budgetSprints' : 'budget';
    case 'monteCarlo':
      return 'seed';
    default:
      return 'general';
  }
}

/** 1-based entry number of a history error (`velocity.history.2` -> 3), or null. */
export function historyEntryOf(error: Pick<PlanError, 'path'>): number | null {
  const m = /^velocity\.history\.(\d+)$/.exec(error.path);
  return m ? Number(m[1]) + 1 : null;
}

/** The bound in an engine message such as "must be at least 0.001" (the message is English, the number is not). */
export function boundOf(error: Pick<PlanError, 'message'>): number | null {
  const m = /(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i.exec(error.message);
  return m ? Number(m[1]) : null;
}
