'use client';
import { useTranslations } from 'use-intl';
import { emptyReferenceRow, type PlanForm, type ReferenceRow } from '../../domain/planning/view';
import { FieldMessages, Fieldset, TextField, errorId, hasHardError, inputClass, type FieldErrors } from './fields';
import { AddRowButton, PlanFieldsets, RemoveRowButton, nextKey, num } from './inputs/fieldsets';
import { useFigures } from './useFigures';

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
  const setRow = (key: string, patch: Partial<ReferenceRow>) =>
    update({ references: form.references.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const numbers = history.filter((v): v is number => typeof v === 'number');

  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => e.preventDefault()} aria-label={t('title')}>
      <Fieldset legend={t('scope')}>
        <TextField
          field="totalAp"
          label={t('totalAp')}
          value={form.totalAp}
          onChange={(v) => update({ totalAp: v })}
          errors={errors}
          hint={t('totalApHint')}
          {...num}
        />
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
                    className={inputClass(false, 'min-w-0 flex-1')}
                  />
                  <RemoveRowButton
                    label={t('removeReference', { n })}
                    title={t('removeReference', { n })}
                    onClick={() => update({ references: form.references.filter((x) => x.key !== r.key) })}
                  />
                </div>
                <div className="flex items-center gap-1.5">
                  <input
                    aria-label={t('refAp', { n })}
                    value={r.ap}
                    onChange={(e) => setRow(r.key, { ap: e.target.value })}
                    aria-invalid={hasHardError(errors, apField) || undefined}
                    aria-describedby={errors.has(apField) ? errorId(apField) : undefined}
                    className={`${inputClass(hasHardError(errors, apField), 'w-20')} text-right`}
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
                    className={`${inputClass(hasHardError(errors, spField), 'w-20')} text-right`}
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
        <AddRowButton
          onClick={() => update({ references: [...form.references, emptyReferenceRow(nextKey(form.references, 'r'))] })}
          className="self-start"
        >
          {t('addReference')}
        </AddRowButton>
        <FieldMessages field="references" errors={errors} />
      </Fieldset>

      <PlanFieldsets
        form={form}
        update={update}
        errors={errors}
        velocity={{
          units: ['AP', 'SP'],
          assumedHint: t('assumedHint'),
          historyLabel: t('history'),
          historyHint: (
            <>
              {t('historyHint')}
              {numbers.length > 0 && (
                <span className="mt-0.5 block font-medium text-slate-700" data-testid="history-parsed">
                  {t('historyParsed', { count: numbers.length, values: numbers.map((v) => fig.plain(v)).join(' · ') })}
                </span>
              )}
            </>
          ),
        }}
        team={{ perPerson: true }}
        itemsHistory
      />
    </form>
  );
}
