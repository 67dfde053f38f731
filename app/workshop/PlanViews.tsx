'use client';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import type { Plan } from '../../domain/planning';
import { formToSettings, settingsToForm, unsizedRows, type SettingsForm as Form, type WorkshopPlanning } from '../../domain/workshop';
import { FieldMessages } from '../plan/fields';
import { PlanLayout } from '../components/planning/PlanLayout';
import { PlanOutput } from '../components/planning/PlanOutput';
import { RoughNote } from '../components/planning/RoughNote';
import { AnswersPanel } from '../plan/answers';
import { ForecastFigures } from '../plan/figures';
import { BudgetPanel, ForecastPanel, PlanHeadline } from '../plan/panels';
import { useFigures } from '../plan/useFigures';
import type { WorkshopApi } from './client';
import { SettingsForm } from './SettingsForm';
import { useWorkshopPlan } from './usePlan';
import { WaterlinePanel } from './WaterlinePanel';

/** The figures of the budget view: cost, budget, waterline. */
export function BudgetFigures({ plan }: { plan: Plan }) {
  const fig = useFigures();
  return (
    <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-2 print:gap-2">
      <AnswersPanel plan={plan} />
      <BudgetPanel plan={plan} fig={fig} />
      <ForecastPanel plan={plan} fig={fig} />
      <WaterlinePanel plan={plan} fig={fig} />
    </div>
  );
}

export function UnsizedNote({ data }: { data: WorkshopPlanning }) {
  const t = useTranslations('workshop.plan');
  const count = unsizedRows(data).length;
  if (count === 0) return null;
  return (
    <p className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm text-slate-700" data-testid="unsized-note">
      {t('unsized', { count })}
    </p>
  );
}

/** Forecast or budget of the workshop: its real data, the saved settings as a starting point, every input a what-if. */
export function PlanView({
  data,
  api,
  view,
  defaultStart,
}: {
  data: WorkshopPlanning;
  api: WorkshopApi;
  view: 'forecast' | 'budget';
  defaultStart: string;
}) {
  const t = useTranslations('workshop.plan');
  const locale = useLocale();
  const fig = useFigures();
  const saved = useMemo(() => settingsToForm(data.settings, locale, defaultStart), [data.settings, locale, defaultStart]);
  const [form, setForm] = useState<Form>(saved);
  const update = useCallback((patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch })), []);
  const current = useDeferredValue(form);
  const settings = useMemo(() => formToSettings(current, locale), [current, locale]);
  const baseline = useMemo(() => JSON.stringify(formToSettings(saved, locale)), [saved, locale]);
  const dirty = data.settings === null || JSON.stringify(settings) !== baseline;
  const { plan, errors, refs } = useWorkshopPlan(data, settings, current);
  const [saveState, setSaveState] = useState<{ status: 'idle' | 'saving' | 'saved' } | { status: 'failed'; message: string }>({
    status: 'idle',
  });

  // the last valid plan stays on screen (dimmed) while an input is being fixed
  const [shown, setShown] = useState<Plan | null>(null);
  if (plan !== null && shown !== plan) setShown(plan);
  const stale = plan === null && shown !== null;

  async function save() {
    setSaveState({ status: 'saving' });
    const r = await api.update('PUT', '/plan-settings', formToSettings(form, locale));
    setSaveState(r.ok ? { status: 'saved' } : { status: 'failed', message: r.error.message });
  }

  return (
    <PlanLayout
      inputs={
        <>
          <h2 className="mb-1 text-lg font-semibold">{t('inputs')}</h2>
          <p className="mb-3 text-sm text-slate-600">{t('inputsLead')}</p>
          <FieldMessages field="general" errors={errors} />
          <SettingsForm form={form} update={update} errors={errors} />
          <div className="sticky -bottom-4 -mx-4 -mb-4 mt-4 flex flex-col gap-1 border-t border-slate-200 bg-white px-4 pt-3 pb-4">
            <div className="flex gap-2">
              <button
                type="button"
                onClick={() => void save()}
                disabled={saveState.status === 'saving'}
                className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
                data-testid="save-settings"
              >
                {t('save')}
              </button>
              {dirty && data.settings !== null && (
                <button
                  type="button"
                  onClick={() => setForm(saved)}
                  className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50"
                >
                  {t('reset')}
                </button>
              )}
            </div>
            <p className="text-sm text-slate-600" role="status" data-testid="settings-state">
              {saveState.status === 'failed' ? (
                <span className="text-red-700">{t('saveFailed', { message: saveState.message })}</span>
              ) : dirty ? (
                t('unsaved')
              ) : (
                t('saved')
              )}
            </p>
          </div>
        </>
      }
    >
      <RoughNote />
      <UnsizedNote data={data} />
      <PlanOutput shown={shown} stale={stale} emptyText={t('empty')} staleText={t('stale')}>
        {(p) => (
          <>
            <PlanHeadline plan={p} fig={fig} />
            {view === 'forecast' ? <ForecastFigures plan={p} refs={refs} /> : <BudgetFigures plan={p} />}
          </>
        )}
      </PlanOutput>
    </PlanLayout>
  );
}
