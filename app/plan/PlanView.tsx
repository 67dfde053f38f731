'use client';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { computePlan, type Plan, type PlanError, type PlanInput } from '../../domain/planning';
import { defaultForm, fieldOfError, formToInput, type BuiltInput, type FieldId, type PlanForm } from '../../domain/planning/view';
import { PlanLayout } from '../components/planning/PlanLayout';
import { PlanOutput } from '../components/planning/PlanOutput';
import { PlanningPage } from '../components/planning/PlanningPage';
import { RoughNote } from '../components/planning/RoughNote';
import { FieldMessages, type FieldErrors } from './fields';
import { ForecastFigures } from './figures';
import { PlanHeadline, type RefShown } from './panels';
import { PlanInputs } from './PlanInputs';
import { PrintSummary } from './PrintSummary';
import { useFigures } from './useFigures';

type Shown = { plan: Plan; input: PlanInput; refs: RefShown[] };

function shownOf(plan: Plan, built: BuiltInput, form: PlanForm): Shown {
  const input = built.input as PlanInput; // computePlan accepted it
  const refs = (input.references ?? []).map((r, i) => {
    const row = form.references.findIndex((x) => x.key === built.referenceRows[i]);
    return { n: row + 1, title: r.title ?? '', ap: r.ap, sp: r.sp };
  });
  return { plan, input, refs };
}

export function PlanView({ initialAp, defaultStart }: { initialAp: string; defaultStart: string }) {
  const t = useTranslations('plan');
  const locale = useLocale();
  const fig = useFigures();
  const [form, setForm] = useState<PlanForm>(() => defaultForm({ totalAp: initialAp, startDate: defaultStart }));
  const update = useCallback((patch: Partial<PlanForm>) => setForm((f) => ({ ...f, ...patch })), []);

  // what-if: the engine runs in the browser on every change (a few ms)
  const current = useDeferredValue(form);
  const built = useMemo(() => formToInput(current, locale), [current, locale]);
  const result = useMemo(() => computePlan(built.input), [built]);
  const errors: FieldErrors = useMemo(() => {
    const map = new Map<FieldId, PlanError[]>();
    if (!result.ok) for (const e of result.errors) map.set(fieldOfError(e, built), [...(map.get(fieldOfError(e, built)) ?? []), e]);
    return map;
  }, [result, built]);

  // the last valid plan stays on screen (dimmed) while an input is being fixed
  const [shown, setShown] = useState<Shown | null>(null);
  if (result.ok && shown?.plan !== result.plan) setShown(shownOf(result.plan, built, current));
  const stale = !result.ok && shown !== null;

  return (
    <PlanningPage printLabel={t('print')}>
      <div>
        <h1 className="text-3xl font-bold 2xl:text-4xl print:text-2xl">{t('title')}</h1>
        <p className="mt-1 text-slate-600 2xl:text-lg print:hidden">{t('lead')}</p>
      </div>
      <PlanLayout
        inputs={
          <>
            <h2 className="mb-3 text-lg font-semibold">{t('inputs.title')}</h2>
            <FieldMessages field="general" errors={errors} />
            <PlanInputs form={form} update={update} errors={errors} history={built.history} />
          </>
        }
      >
        <RoughNote />
        {shown !== null && <PrintSummary input={shown.input} refs={shown.refs} fig={fig} />}
        <PlanOutput shown={shown} stale={stale} emptyText={t('state.empty')} staleText={t('state.stale')} markBusy>
          {(s) => (
            <>
              <PlanHeadline plan={s.plan} fig={fig} />
              <ForecastFigures plan={s.plan} refs={s.refs} />
            </>
          )}
        </PlanOutput>
      </PlanLayout>
    </PlanningPage>
  );
}
