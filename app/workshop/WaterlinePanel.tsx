'use client';
import { Fragment } from 'react';
import { useTranslations } from 'use-intl';
import type { Plan } from '../../domain/planning';
import { Panel } from '../plan/panels';
import type { Figures } from '../plan/useFigures';

/** The prioritized backlog with the lines after the last item the budget still pays for, at the mean and the pessimistic velocity. */
export function WaterlinePanel({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('workshop.waterline');
  const w = plan.waterline;
  if (w === null) {
    return (
      <Panel title={t('title')} testId="panel-waterline" className="xl:col-span-2 print:col-span-2">
        <p className="text-slate-600" data-testid="waterline-missing">
          {t('needsBudget')}
        </p>
      </Panel>
    );
  }
  const open = w.items.filter((i) => !i.done);
  const chances = w.items.some((i) => i.probability !== null);
  const cols = chances ? 5 : 4;
  const lastMean = w.lastItemId.mean;
  const lastPess = w.lastItemId.pessimistic;
  // a line before the first open item when nothing fits
  const noneMean = open.length > 0 && lastMean === null;
  const nonePess = open.length > 0 && w.capacityAp.pessimistic !== null && lastPess === null;
  const line = (kind: 'mean' | 'pessimistic') => (
    <tr data-testid={`waterline-line-${kind}`}>
      <td colSpan={cols} className="p-0">
        <div
          className={`flex items-center gap-2 py-1 text-sm font-semibold 2xl:text-base ${kind === 'mean' ? 'text-sky-700' : 'text-orange-700'}`}
        >
          <span className={`h-0 flex-1 border-t-[3px] ${kind === 'mean' ? 'border-sky-500' : 'border-dashed border-orange-500'}`} />
          {kind === 'mean'
            ? t('lineMean', { ap: fig.points(w.capacityAp.mean), sprints: w.sprints })
            : t('linePessimistic', { ap: fig.points(w.capacityAp.pessimistic ?? 0), sprints: w.sprints })}
          <span className={`h-0 w-8 border-t-[3px] ${kind === 'mean' ? 'border-sky-500' : 'border-dashed border-orange-500'}`} />
        </div>
      </td>
    </tr>
  );
  return (
    <Panel title={t('title')} testId="panel-waterline" className="xl:col-span-2 print:col-span-2">
      <p className="mb-2 text-slate-700 2xl:text-lg" data-testid="waterline-summary">
        {t('summary', { above: w.itemsAbove.mean, open: open.length, sprints: w.sprints })}
        {w.itemsAbove.pessimistic !== null && <span className="ml-1">{t('summaryPessimistic', { above: w.itemsAbove.pessimistic })}</span>}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left tabular-nums 2xl:text-lg print:text-xs" data-testid="waterline">
          <thead>
            <tr className="border-b border-slate-300 text-sm text-slate-600">
              <th scope="col" className="py-1 pr-2 font-semibold">
                {t('rank')}
              </th>
              <th scope="col" className="py-1 pr-2 font-semibold">
                {t('item')}
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-semibold">
                {t('size')}
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-semibold">
                {t('cumulative')}
              </th>
              {chances && (
                <th scope="col" className="py-1 text-right font-semibold">
                  {t('chance', { sprints: w.sprints })}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {noneMean && line('mean')}
            {nonePess && line('pessimistic')}
            {w.items.map((item, i) => {
              const below = !item.done && !item.aboveLine.mean;
              return (
                <Fragment key={item.id}>
                  <tr
                    className={`border-b border-slate-100 ${item.done ? 'text-slate-400' : below ? 'bg-red-50/60 text-slate-500' : ''}`}
                    data-testid="waterline-item"
                    data-above={item.done ? 'done' : item.aboveLine.mean ? 'yes' : 'no'}
                  >
                    <td className="py-1 pr-2 text-slate-500">{i + 1}</td>
                    <td className={`py-1 pr-2 ${item.done ? 'line-through' : ''}`}>
                      {item.title}
                      {item.done && <span className="ml-2 text-xs font-semibold text-emerald-700 no-underline">{t('done')}</span>}
                    </td>
                    <td className="py-1 pr-2 text-right">{fig.points(item.sizeAp)}</td>
                    <td className="py-1 pr-2 text-right">{item.done ? '–' : fig.points(item.cumulativeAp)}</td>
                    {chances && <ChanceCell probability={item.done ? null : item.probability} fig={fig} />}
                  </tr>
                  {item.id === lastMean && line('mean')}
                  {item.id === lastPess && line('pessimistic')}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-sm text-slate-500 print:text-xs">{t('note')}</p>
      {chances && <p className="mt-1 text-sm text-slate-500 print:text-xs">{t('chanceNote', { sprints: w.sprints })}</p>}
    </Panel>
  );
}

/** PLAN-WL-2: an item's chance of being done within the budgeted sprints, as a number and a bar. */
function ChanceCell({ probability, fig }: { probability: number | null; fig: Figures }) {
  if (probability === null) return <td className="py-1 text-right text-slate-400">{'–'}</td>;
  const tone = probability >= 0.85 ? 'bg-emerald-500' : probability >= 0.5 ? 'bg-amber-400' : 'bg-red-400';
  return (
    <td className="py-1 text-right" data-testid="waterline-chance">
      <span className="inline-flex items-center justify-end gap-2">
        <span aria-hidden className="hidden h-2 w-16 overflow-hidden rounded bg-slate-200 sm:inline-block print:inline-block">
          <span className={`block h-full ${tone}`} style={{ width: `${Math.round(probability * 100)}%` }} />
        </span>
        <span className="w-10 tabular-nums">{fig.chance(probability)}&nbsp;%</span>
      </span>
    </td>
  );
}
