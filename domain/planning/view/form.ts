// The /plan page's form state (text as typed) and its translation into computePlan's input.
// Pure, so the mapping from fields to input paths and back is unit-tested.
import { isCurrencyCode, minorDigits } from '../currencies';
import type { PlanError } from '../errors';
import { numberOrText, parseList, toMinorUnits } from './parse';

export type ReferenceRow = { key: string; title: string; ap: string; sp: string };
export type BudgetMode = 'none' | 'amount' | 'sprints';

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
};

export const DEFAULT_SEED = 42;

export function emptyReferenceRow(key: string): ReferenceRow {
  return { key, title: '', ap: '', sp: '' };
}

export function defaultForm(opts: { totalAp?: string; startDate?: string } = {}): PlanForm {
  return {
    totalAp: opts.totalAp ?? '',
    references: [emptyReferenceRow('r1')],
    velocityUnit: 'SP',
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
  };
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
  | 'general';

export type BuiltInput = {
  /** computePlan's input (unknown on purpose: typed text is passed on for the engine to reject) */
  input: Record<string, unknown>;
  /** input.references[i] came from form.references[referenceRows[i]] */
  referenceRows: string[];
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
  const velocity = omitUndefined({
    unit: form.velocityUnit,
    history: history.length > 0 ? history : undefined,
    assumed: num(form.velocityAssumed),
  });

  const input: Record<string, unknown> = {
    backlog: omitUndefined({ totalAp: num(form.totalAp) }),
    references,
    velocity,
    currency,
    monteCarlo: { seed: num(form.seed) ?? DEFAULT_SEED },
  };
  if (!isBlank(form.startDate) || !isBlank(form.sprintWeeks)) {
    input.sprint = omitUndefined({ startDate: isBlank(form.startDate) ? undefined : form.startDate.trim(), lengthWeeks: num(form.sprintWeeks) });
  }
  if (!isBlank(form.people) || !isBlank(form.dayRate) || !isBlank(form.daysPerSprint)) {
    input.team = omitUndefined({ people: num(form.people), dayRateMinor: money(form.dayRate), daysPerSprint: num(form.daysPerSprint) });
  }
  if (form.budgetMode === 'amount' && !isBlank(form.budgetAmount)) input.budget = { amountMinor: money(form.budgetAmount) };
  if (form.budgetMode === 'sprints' && !isBlank(form.budgetSprints)) input.budget = { sprints: num(form.budgetSprints) };
  return { input, referenceRows, history };
}

/** Where to show an error of computePlan: the form field of its input path. */
export function fieldOfError(error: Pick<PlanError, 'path'>, built: Pick<BuiltInput, 'referenceRows'>): FieldId {
  const [head = '', second, third] = error.path.split('.');
  switch (head) {
    case 'backlog':
      return 'totalAp';
    case 'references': {
      const row = second === undefined ? undefined : built.referenceRows[Number(second)];
      if (row === undefined) return 'references';
      return third === 'ap' || third === 'sp' || third === 'title' ? `ref.${row}.${third}` : `ref.${row}.ap`;
    }
    case 'velocity':
      return second === 'unit' ? 'velocityUnit' : second === 'assumed' ? 'velocityAssumed' : 'velocityHistory';
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
