'use client';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { computePlan, type Plan, type PlanError, type PlanInput } from '../../domain/planning';
import { defaultForm, fieldOfError, formToInput, type BuiltInput, type FieldId, type PlanForm } from '../../domain/planning/view';
import { Header } from '../components/Header';
import { FieldMessages, type FieldErrors } from './fields';
import { BudgetPanel, CalibrationPanel, DecayPanel, ForecastPanel, KeyFigures, MonteCarloPanel, Notes, RangePanel, StatusBanner, type RefShown } from './panels';
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
    <>
      <div className="print:hidden">
        <Header>
          <button type="button" onClick={() => window.print()} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50">
            {t('print')}
          </button>
        </Header>
      </div>
      <main className="mx-auto flex max-w-[1880px] flex-col gap-4 px-4 py-5 lg:px-6 print:max-w-none print:gap-2 print:p-0">
        <div>
          <h1 className="text-3xl font-bold 2xl:text-4xl print:text-2xl">{t('title')}</h1>
          <p className="mt-1 text-slate-600 2xl:text-lg print:hidden">{t('lead')}</p>
        </div>
        <div className="grid items-start gap-6 lg:grid-cols-[340px_minmax(0,1fr)] 2xl:grid-cols-[400px_minmax(0,1fr)] print:block">
          <aside className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto print:hidden" data-testid="plan-inputs">
            <h2 className="mb-3 text-lg font-semibold">{t('inputs.title')}</h2>
            <FieldMessages field="general" errors={errors} />
            <PlanInputs form={form} update={update} errors={errors} history={built.history} />
          </aside>
          <div className="flex min-w-0 flex-col gap-4 print:gap-2">
            <aside role="note" className="rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3 text-amber-950 print:border print:py-1.5" data-testid="rough-note">
              <p className="font-bold 2xl:text-lg print:text-sm">{t('rough.title')}</p>
              <p className="text-sm 2xl:text-base print:text-xs">{t('rough.body')}</p>
            </aside>
            {shown !== null && <PrintSummary input={shown.input} refs={shown.refs} fig={fig} />}
            {shown === null ? (
              <p className="rounded-lg border-2 border-dashed border-slate-300 bg-white px-6 py-12 text-center text-lg text-slate-600" data-testid="plan-empty">
                {t('state.empty')}
              </p>
            ) : (
              <>
                {stale && (
                  <p role="status" className="rounded-lg border border-red-300 bg-red-50 px-4 py-2 font-medium text-red-800" data-testid="plan-stale">
                    {t('state.stale')}
                  </p>
                )}
                <div className={`flex flex-col gap-4 transition-opacity print:gap-2 ${stale ? 'opacity-40' : ''}`} aria-busy={stale || undefined} data-testid="plan-output">
                  <KeyFigures plan={shown.plan} fig={fig} />
                  <StatusBanner plan={shown.plan} />
                  <Notes plan={shown.plan} />
                  <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-2 print:gap-2">
                    <CalibrationPanel plan={shown.plan} refs={shown.refs} fig={fig} />
                    <ForecastPanel plan={shown.plan} fig={fig} />
                    <RangePanel plan={shown.plan} fig={fig} />
                    <BudgetPanel plan={shown.plan} fig={fig} />
                    <MonteCarloPanel plan={shown.plan} fig={fig} />
                    <DecayPanel plan={shown.plan} fig={fig} />
                  </div>
                </div>
              </>
            )}
          </div>
        </div>
      </main>
    </>
  );
}
