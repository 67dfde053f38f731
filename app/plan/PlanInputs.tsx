'use client';
import { useTranslations } from 'use-intl';
import { CURRENCY_MINOR_DIGITS } from '../../domain/planning';
import { emptyReferenceRow, type BudgetMode, type PlanForm, type ReferenceRow } from '../../domain/planning/view';
import { Choice, FieldMessages, Fieldset, TextField, errorId, hasHardError, inputClass, type FieldErrors } from './fields';
import { useFigures } from './useFigures';

const CURRENCIES = [...CURRENCY_MINOR_DIGITS.keys()].sort();

function nextKey(rows: readonly ReferenceRow[]): string {
  const max = rows.reduce((m, r) => Math.max(m, Number(r.key.slice(1)) || 0), 0);
  return `r${max + 1}`;
}

type Props = {
  form: PlanForm;
  update: (patch: Partial<PlanForm>) => void;
  errors: FieldErrors;
  /** the history as understood, to show under the field */
  history: readonly (number | string)[];
};

export function PlanInputs({ form, update, errors, history }: Props) {
  const t = useTranslations('plan.inputs');
  const fig = useFigures();
  const num = { inputMode: 'decimal' as const, autoComplete: 'off', spellCheck: false };
  const setRow = (key: string, patch: Partial<ReferenceRow>) => update({ references: form.references.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const numbers = history.filter((v): v is number => typeof v === 'number');
  const derivedDays = Number(form.sprintWeeks) > 0 ? String(Number(form.sprintWeeks) * 5) : '';

  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => e.preventDefault()} aria-label={t('title')}>
      <Fieldset legend={t('scope')}>
        <TextField field="totalAp" label={t('totalAp')} value={form.totalAp} onChange={(v) => update({ totalAp: v })} errors={errors} hint={t('totalApHint')} {...num} />
      </Fieldset>

      <Fieldset legend={t('references')}>
        <p className="text-xs text-slate-500 2xl:text-sm">{t('referencesHint')}</p>
        <ul className="flex flex-col gap-2">
          {form.references.map((r, i) => {
            const n = i + 1;
            const apField = `ref.${r.key}.ap` as const;
            const spField = `ref.${r.key}.sp` as const;
            const titleField = `ref.${r.key}.title` as const;
            return (
              <li key={r.key} className="flex flex-col gap-1.5 rounded-md border border-slate-200 bg-slate-50 p-2">
                <div className="flex items-center gap-1.5">
                  <input
                    aria-label={t('refName', { n })}
                    placeholder={t('refNamePlaceholder')}
                    value={r.title}
                    onChange={(e) => setRow(r.key, { title: e.target.value })}
                    className={`${inputClass(false)} min-w-0 flex-1`}
                  />
                  <button
                    type="button"
                    aria-label={t('removeReference', { n })}
                    title={t('removeReference', { n })}
                    onClick={() => update({ references: form.references.filter((x) => x.key !== r.key) })}
                    className="rounded px-2 py-0.5 text-xl leading-none text-slate-500 hover:bg-red-50 hover:text-red-700"
                  >
                    ×
                  </button>
                </div>
                <div className="flex items-center gap-1.5">
                  <input
                    aria-label={t('refAp', { n })}
                    value={r.ap}
                    onChange={(e) => setRow(r.key, { ap: e.target.value })}
                    aria-invalid={hasHardError(errors, apField) || undefined}
                    aria-describedby={errors.has(apField) ? errorId(apField) : undefined}
                    className={`${inputClass(hasHardError(errors, apField))} w-20 text-right`}
                    {...num}
                  />
                  <span className="text-sm text-slate-500">{t('refApShort')}</span>
                  <span aria-hidden className="px-1 font-semibold">
                    {t('equals')}
                  </span>
                  <input
                    aria-label={t('refSp', { n })}
                    value={r.sp}
                    onChange={(e) => setRow(r.key, { sp: e.target.value })}
                    aria-invalid={hasHardError(errors, spField) || undefined}
                    aria-describedby={errors.has(spField) ? errorId(spField) : undefined}
                    className={`${inputClass(hasHardError(errors, spField))} w-20 text-right`}
                    {...num}
                  />
                  <span className="text-sm text-slate-500">{t('refSpShort')}</span>
                </div>
                <FieldMessages field={titleField} errors={errors} />
                <FieldMessages field={apField} errors={errors} />
                <FieldMessages field={spField} errors={errors} />
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          onClick={() => update({ references: [...form.references, emptyReferenceRow(nextKey(form.references))] })}
          className="self-start rounded border border-indigo-300 bg-white px-2.5 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
        >
          {t('addReference')}
        </button>
        <FieldMessages field="references" errors={errors} />
      </Fieldset>

      <Fieldset legend={t('velocity')}>
        <Choice
          name="velocityUnit"
          label={t('unit')}
          value={form.velocityUnit}
          options={[
            { value: 'SP', label: t('unitSP') },
            { value: 'AP', label: t('unitAP') },
          ]}
          onChange={(v) => update({ velocityUnit: v })}
        />
        <FieldMessages field="velocityUnit" errors={errors} />
        <TextField
          field="velocityAssumed"
          label={t('assumed')}
          value={form.velocityAssumed}
          onChange={(v) => update({ velocityAssumed: v })}
          errors={errors}
          hint={t('assumedHint')}
          suffix={<span className="text-sm text-slate-500">{form.velocityUnit}</span>}
          {...num}
        />
        <TextField
          field="velocityHistory"
          label={t('history')}
          value={form.velocityHistory}
          onChange={(v) => update({ velocityHistory: v })}
          errors={errors}
          hint={
            <>
              {t('historyHint')}
              {numbers.length > 0 && (
                <span className="mt-0.5 block font-medium text-slate-700" data-testid="history-parsed">
                  {t('historyParsed', { count: numbers.length, values: numbers.map((v) => fig.plain(v)).join(' · ') })}
                </span>
              )}
            </>
          }
          autoComplete="off"
          spellCheck={false}
        />
      </Fieldset>

      <Fieldset legend={t('sprints')}>
        <div className="grid grid-cols-2 gap-3">
          <TextField field="sprintWeeks" label={t('sprintWeeks')} value={form.sprintWeeks} onChange={(v) => update({ sprintWeeks: v })} errors={errors} {...num} inputMode="numeric" />
          <TextField field="startDate" label={t('startDate')} type="date" value={form.startDate} onChange={(v) => update({ startDate: v })} errors={errors} />
        </div>
      </Fieldset>

      <Fieldset legend={t('team')}>
        <div className="grid grid-cols-2 gap-3">
          <TextField field="people" label={t('people')} value={form.people} onChange={(v) => update({ people: v })} errors={errors} {...num} inputMode="numeric" />
          <div className="flex flex-col gap-1">
            <label htmlFor="in-currency" className="text-sm font-medium text-slate-700 2xl:text-base">
              {t('currency')}
            </label>
            <select id="in-currency" value={form.currency} onChange={(e) => update({ currency: e.target.value })} className={inputClass(hasHardError(errors, 'currency'))}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <FieldMessages field="currency" errors={errors} />
          </div>
          <TextField field="dayRate" label={t('dayRate')} value={form.dayRate} onChange={(v) => update({ dayRate: v })} errors={errors} suffix={<span className="text-sm text-slate-500">{form.currency}</span>} {...num} />
          <TextField
            field="daysPerSprint"
            label={t('daysPerSprint')}
            value={form.daysPerSprint}
            onChange={(v) => update({ daysPerSprint: v })}
            errors={errors}
            placeholder={derivedDays}
            {...num}
          />
        </div>
        <p className="text-xs text-slate-500 2xl:text-sm">{t('daysPerSprintHint')}</p>
        <FieldMessages field="team" errors={errors} />
      </Fieldset>

      <Fieldset legend={t('budget')}>
        <Choice<BudgetMode>
          name="budgetMode"
          label={t('budgetMode')}
          value={form.budgetMode}
          options={[
            { value: 'none', label: t('budgetNone') },
            { value: 'amount', label: t('budgetAmount') },
            { value: 'sprints', label: t('budgetSprints') },
          ]}
          onChange={(v) => update({ budgetMode: v })}
        />
        {form.budgetMode === 'amount' && (
          <TextField
            field="budgetAmount"
            label={t('budgetAmountLabel')}
            value={form.budgetAmount}
            onChange={(v) => update({ budgetAmount: v })}
            errors={errors}
            suffix={<span className="text-sm text-slate-500">{form.currency}</span>}
            {...num}
          />
        )}
        {form.budgetMode === 'sprints' && (
          <TextField field="budgetSprints" label={t('budgetSprintsLabel')} value={form.budgetSprints} onChange={(v) => update({ budgetSprints: v })} errors={errors} {...num} inputMode="numeric" />
        )}
        <FieldMessages field="budget" errors={errors} />
      </Fieldset>

      <Fieldset legend={t('simulation')}>
        <TextField field="seed" label={t('seed')} value={form.seed} onChange={(v) => update({ seed: v })} errors={errors} hint={t('seedHint')} {...num} inputMode="numeric" />
      </Fieldset>
    </form>
  );
}
