// The workshop's plan settings as form text and back (rules WS-FORM-1..2). Pure, like /plan's form.
import {
  defaultForm,
  fieldOfError,
  formToInput,
  currencyDigits,
  numberOrText,
  toMinorUnits,
  type FieldId,
  type PlanForm,
} from '../planning/view';
import type { PlanError } from '../planning';
import type { PlanSettings } from './wire';

export type MemberRow = { key: string; name: string; dayRate: string; allocation: string };

export type SettingsForm = PlanForm & {
  teamMode: 'people' | 'members';
  members: MemberRow[];
};

const text = (x: number | undefined, locale: string) =>
  x === undefined ? '' : new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(x);

const major = (minor: number | undefined, currency: string, locale: string) =>
  minor === undefined ? '' : text(minor / 10 ** currencyDigits(currency), locale);

export const emptyMember = (key: string): MemberRow => ({ key, name: '', dayRate: '', allocation: '100' });

/** WS-FORM-1: saved settings as the text of the form fields (numbers written for the locale). */
export function settingsToForm(settings: PlanSettings | null, locale: string, defaultStart: string): SettingsForm {
  const base = defaultForm({ startDate: defaultStart });
  const form: SettingsForm = { ...base, references: [], teamMode: 'people', members: [emptyMember('m1')] };
  if (!settings) return form;
  const currency = settings.currency ?? 'EUR';
  const v = settings.velocity;
  const team = settings.team;
  form.velocityUnit = v.unit;
  form.velocityAssumed = text(v.assumed, locale);
  form.velocityHistory = (v.history ?? []).map((x) => text(x, 'en')).join(', ');
  form.sprintWeeks = text(settings.sprint?.lengthWeeks, locale);
  form.startDate = settings.sprint?.startDate ?? '';
  form.currency = currency;
  form.people = text(team?.people, locale);
  form.dayRate = major(team?.dayRateMinor, currency, locale);
  form.daysPerSprint = text(team?.daysPerSprint, locale);
  if (team?.members && team.members.length > 0) {
    form.teamMode = 'members';
    form.members = team.members.map((m, i) => ({
      key: `m${i + 1}`,
      name: m.name ?? '',
      dayRate: major(m.dayRateMinor, currency, locale),
      allocation: text((m.allocation ?? 1) * 100, locale),
    }));
  }
  if (settings.budget?.amountMinor !== undefined) {
    form.budgetMode = 'amount';
    form.budgetAmount = major(settings.budget.amountMinor, currency, locale);
  } else if (settings.budget?.sprints !== undefined) {
    form.budgetMode = 'sprints';
    form.budgetSprints = text(settings.budget.sprints, locale);
  }
  if (settings.monteCarlo?.seed !== undefined) form.seed = String(settings.monteCarlo.seed);
  // the optional forecast inputs
  form.velocityWindow = text(v.window, locale);
  form.multipliers = (v.multipliers ?? []).map((m, i) => ({
    key: `x${i + 1}`,
    sprint: text(m.sprint, locale),
    factor: text(m.factor, locale),
  }));
  form.growthLow = text(settings.scopeGrowth?.low, locale);
  form.growthHigh = text(settings.scopeGrowth?.high, locale);
  form.splitLow = text(settings.split?.low, locale);
  form.splitHigh = text(settings.split?.high, locale);
  form.risks = (settings.risks ?? []).map((r, i) => ({
    key: `k${i + 1}`,
    title: r.title ?? '',
    likelihood: text(r.likelihoodPercent, locale),
    unit: r.impact.unit,
    low: text(r.impact.low, locale),
    high: text(r.impact.high, locale),
  }));
  form.throughput = settings.throughput !== undefined;
  form.finishBy = settings.questions?.finishBy ?? '';
  return form;
}

/**
 * WS-FORM-2: the form as plan settings. Text that is not a number is passed on so that
 * computePlan reports it at its field (the settings are saved only once the plan is valid).
 */
export function formToSettings(form: SettingsForm, locale: string): Record<string, unknown> {
  const { input } = formToInput({ ...form, totalAp: '0', references: [] }, locale);
  const out: Record<string, unknown> = { velocity: input.velocity, currency: input.currency };
  if (input.sprint) out.sprint = input.sprint;
  if (input.budget) out.budget = input.budget;
  const seed = (input.monteCarlo as { seed?: unknown } | undefined)?.seed;
  if (seed !== undefined) out.monteCarlo = { seed };
  for (const key of ['scopeGrowth', 'split', 'risks', 'questions'] as const) if (input[key] !== undefined) out[key] = input[key];
  // a workshop counts the items of its recorded sprints: only the switch is saved
  if (form.throughput) out.throughput = {};
  if (form.teamMode === 'members') {
    const digits = currencyDigits(String(input.currency));
    const num = (s: string) => numberOrText(s, locale);
    const members = form.members
      .filter((m) => m.name.trim() !== '' || m.dayRate.trim() !== '')
      .map((m) => {
        const rate = num(m.dayRate);
        const alloc = num(m.allocation);
        return {
          ...(m.name.trim() ? { name: m.name.trim() } : {}),
          dayRateMinor: typeof rate === 'number' ? toMinorUnits(rate, digits) : rate,
          ...(alloc === undefined ? {} : { allocation: typeof alloc === 'number' ? alloc / 100 : alloc }),
        };
      });
    const days = num(form.daysPerSprint);
    if (members.length > 0) out.team = { members, ...(days === undefined ? {} : { daysPerSprint: days }) };
  } else if (input.team) {
    out.team = input.team;
  }
  return out;
}

/** Where an error of the plan goes in the settings form ('team' for a member row). */
export function settingsFieldOf(error: Pick<PlanError, 'path'>, form?: Pick<SettingsForm, 'multipliers' | 'risks'>): FieldId {
  // rows as formToInput keeps them (blank rows left out)
  const multiplierRows = form?.multipliers.filter((m) => m.sprint.trim() !== '' || m.factor.trim() !== '').map((m) => m.key);
  const riskRows = form?.risks.filter((r) => [r.title, r.likelihood, r.low, r.high].some((x) => x.trim() !== '')).map((r) => r.key);
  return fieldOfError(error, { referenceRows: [], multiplierRows, riskRows });
}
