'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import type { PlanInput } from '../../domain/planning';
import type { RefShown } from './panels';
import type { Figures } from './useFigures';

/** The inputs in a few lines: shown on paper instead of the form. */
export function PrintSummary({ input, refs, fig }: { input: PlanInput; refs: readonly RefShown[]; fig: Figures }) {
  const t = useTranslations('plan.summary');
  const tc = useTranslations('plan.calibration');
  const currency = input.currency ?? 'EUR';
  const v = input.velocity;
  const history = v.history ?? [];
  const items: [string, ReactNode][] = [];
  if (input.backlog.totalAp !== undefined) items.push([t('totalAp'), t('totalApValue', { value: fig.points(input.backlog.totalAp) })]);
  items.push([
    t('references'),
    refs.length === 0
      ? t('referencesNone')
      : refs.map((r) => `${r.title ? `${r.title}: ` : ''}${tc('item', { ap: fig.points(r.ap), sp: fig.points(r.sp) })}`).join('; '),
  ]);
  if (history.length > 0) items.push([t('history'), history.map((x) => fig.plain(x)).join(' · ')]);
  else if (v.assumed !== undefined) items.push([t('velocity'), t('velocityValue', { value: fig.points(v.assumed), unit: v.unit })]);
  if (input.sprint?.startDate !== undefined && input.sprint.lengthWeeks !== undefined) {
    items.push([t('sprints'), t('sprintsValue', { weeks: input.sprint.lengthWeeks, date: fig.date(input.sprint.startDate) })]);
  }
  const team = input.team;
  if (team?.people !== undefined && team.dayRateMinor !== undefined) {
    const days = team.daysPerSprint ?? (input.sprint?.lengthWeeks ?? 0) * 5;
    items.push([
      t('team'),
      t('teamValue', { people: fig.int(team.people), rate: fig.money(team.dayRateMinor, currency), days: fig.plain(days) }),
    ]);
  }
  if (input.budget?.amountMinor !== undefined) items.push([t('budget'), fig.money(input.budget.amountMinor, currency)]);
  if (input.budget?.sprints !== undefined) items.push([t('budget'), t('budgetSprintsValue', { count: input.budget.sprints })]);
  items.push([t('seed'), String(input.monteCarlo?.seed ?? '')]);
  // the optional forecast inputs, only when used
  if (v.window !== undefined) items.push([t('window'), t('windowValue', { count: v.window })]);
  if (v.multipliers && v.multipliers.length > 0)
    items.push([
      t('multipliers'),
      v.multipliers.map((m) => t('multiplierValue', { sprint: m.sprint, factor: fig.plain(m.factor) })).join('; '),
    ]);
  if (input.scopeGrowth)
    items.push([t('growth'), t('growthValue', { low: fig.plain(input.scopeGrowth.low), high: fig.plain(input.scopeGrowth.high) })]);
  if (input.split) items.push([t('split'), t('splitValue', { low: fig.plain(input.split.low), high: fig.plain(input.split.high) })]);
  for (const [i, r] of (input.risks ?? []).entries()) {
    const impact =
      r.impact.unit === 'sprints'
        ? t('riskSprints', { low: r.impact.low, high: r.impact.high })
        : t('riskAp', { low: fig.plain(r.impact.low), high: fig.plain(r.impact.high) });
    items.push([t('risk', { n: i + 1 }), t('riskValue', { title: r.title ?? '', likelihood: fig.plain(r.likelihoodPercent), impact })]);
  }
  if (input.throughput) items.push([t('throughput'), (input.throughput.history ?? []).map((x) => fig.plain(x)).join(' · ')]);
  if (input.questions?.finishBy) items.push([t('finishBy'), fig.date(input.questions.finishBy)]);

  return (
    <section className="hidden rounded border border-slate-300 px-3 py-2 print:block" data-testid="print-summary">
      <h2 className="text-sm font-semibold">{t('title')}</h2>
      <dl className="grid grid-cols-[auto_1fr_auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {items.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
