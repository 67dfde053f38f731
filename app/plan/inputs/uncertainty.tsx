'use client';
import { useState, type ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import {
  emptyMultiplierRow,
  emptyRiskRow,
  usesUncertainty,
  type FieldId,
  type MultiplierRow,
  type PlanForm,
  type RiskRow,
} from '../../../domain/planning/view';
import { FieldMessages, TextField, errorId, hasHardError, inputClass, type FieldErrors } from '../fields';
import { AddRowButton, RemoveRowButton, nextKey, num } from './rows';

type FormProps = { form: PlanForm; update: (patch: Partial<PlanForm>) => void; errors: FieldErrors };

/** A collapsed section: closed while none of its inputs is used (defaults change nothing). */
function Section({
  title,
  lead,
  open,
  testId,
  children,
}: {
  title: string;
  lead: string;
  open: boolean;
  testId: string;
  children: ReactNode;
}) {
  // open at first when in use; afterwards the user decides (clearing a field must not fold it away)
  const [initiallyOpen] = useState(open);
  return (
    <details open={initiallyOpen} className="group rounded-md border border-slate-200 bg-slate-50 open:bg-white" data-testid={testId}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-indigo-800 2xl:text-base">{title}</summary>
      <div className="flex flex-col gap-3 px-3 pb-3">
        <p className="text-xs text-slate-500 2xl:text-sm">{lead}</p>
        {children}
      </div>
    </details>
  );
}

/** A small number input inside a row, with its error state. */
function RowInput({
  field,
  label,
  value,
  onChange,
  errors,
  width = 'w-16',
}: {
  field: FieldId;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: FieldErrors;
  width?: string;
}) {
  return (
    <input
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={hasHardError(errors, field) || undefined}
      aria-describedby={errors.has(field) ? errorId(field) : undefined}
      className={`${inputClass(hasHardError(errors, field), width)} text-right`}
      {...num}
    />
  );
}

type RangeSide = { field: FieldId; label: string; value: string; onChange: (v: string) => void };

/** A range as one line: label, then "low – high unit"; each input named for screen readers. */
function RangeFields({
  label,
  low,
  high,
  unit,
  hint,
  errors,
}: {
  label: string;
  low: RangeSide;
  high: RangeSide;
  unit: string;
  hint: string;
  errors: FieldErrors;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-1">
      <span className="text-sm font-medium text-slate-700 2xl:text-base">{label}</span>
      <div className="flex items-center gap-1.5">
        <RowInput {...low} errors={errors} width="w-20" />
        <span aria-hidden className="text-slate-500">
          –
        </span>
        <RowInput {...high} errors={errors} width="w-20" />
        <span className="text-sm text-slate-500">{unit}</span>
      </div>
      <p className="text-xs text-slate-500 2xl:text-sm">{hint}</p>
      <FieldMessages field={low.field} errors={errors} />
      <FieldMessages field={high.field} errors={errors} />
    </div>
  );
}

/**
 * The optional forecast inputs, collapsed: velocity over time, scope growth, splitting and risks,
 * the forecast in items, and a date to ask about. Empty, they change nothing (PLAN-MC-7).
 */
export function UncertaintyFieldsets({ form, update, errors, itemsHistory }: FormProps & { itemsHistory: boolean }) {
  const t = useTranslations('plan.uncertainty');
  const open = usesUncertainty(form);
  const setMult = (key: string, patch: Partial<MultiplierRow>) =>
    update({ multipliers: form.multipliers.map((m) => (m.key === key ? { ...m, ...patch } : m)) });
  const setRisk = (key: string, patch: Partial<RiskRow>) =>
    update({ risks: form.risks.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const velocityUsed = form.velocityWindow.trim() !== '' || form.multipliers.length > 0;
  const scopeUsed = [form.growthLow, form.growthHigh, form.splitLow, form.splitHigh].some((x) => x.trim() !== '') || form.risks.length > 0;

  return (
    <fieldset className="flex flex-col gap-2 border-t border-slate-200 pt-3" data-testid="uncertainty-inputs">
      <legend className="float-left mb-1 w-full text-xs font-semibold tracking-wide text-indigo-700 uppercase 2xl:text-sm">
        {t('legend')}
      </legend>
      <p className="text-xs text-slate-500 2xl:text-sm">{open ? t('leadUsed') : t('lead')}</p>

      <Section title={t('velocityTitle')} lead={t('velocityLead')} open={velocityUsed} testId="section-velocity-time">
        <TextField
          field="velocityWindow"
          label={t('window')}
          value={form.velocityWindow}
          onChange={(v) => update({ velocityWindow: v })}
          errors={errors}
          hint={t('windowHint')}
          {...num}
          inputMode="numeric"
        />
        <div className="flex flex-col gap-1.5">
          <span className="text-sm font-medium text-slate-700 2xl:text-base">{t('multipliers')}</span>
          {form.multipliers.map((m, i) => (
            <div key={m.key} className="flex flex-col gap-1">
              <div className="flex items-center gap-1.5">
                <span className="text-sm text-slate-600">{t('sprintNo')}</span>
                <RowInput
                  field={`mult.${m.key}.sprint`}
                  label={t('multSprint', { n: i + 1 })}
                  value={m.sprint}
                  onChange={(v) => setMult(m.key, { sprint: v })}
                  errors={errors}
                />
                <span className="text-sm text-slate-600">{t('atFactor')}</span>
                <RowInput
                  field={`mult.${m.key}.factor`}
                  label={t('multFactor', { n: i + 1 })}
                  value={m.factor}
                  onChange={(v) => setMult(m.key, { factor: v })}
                  errors={errors}
                />
                <RemoveRowButton
                  label={t('removeMultiplier', { n: i + 1 })}
                  onClick={() => update({ multipliers: form.multipliers.filter((x) => x.key !== m.key) })}
                />
              </div>
              <FieldMessages field={`mult.${m.key}.sprint`} errors={errors} />
              <FieldMessages field={`mult.${m.key}.factor`} errors={errors} />
            </div>
          ))}
          <AddRowButton
            onClick={() => update({ multipliers: [...form.multipliers, emptyMultiplierRow(nextKey(form.multipliers, 'x'))] })}
            className="self-start"
          >
            {t('addMultiplier')}
          </AddRowButton>
          <p className="text-xs text-slate-500 2xl:text-sm">{t('multipliersHint')}</p>
          <FieldMessages field="multipliers" errors={errors} />
        </div>
      </Section>

      <Section title={t('scopeTitle')} lead={t('scopeLead')} open={scopeUsed} testId="section-scope-risks">
        <RangeFields
          label={t('growth')}
          low={{ field: 'growthLow', label: t('growthLow'), value: form.growthLow, onChange: (v) => update({ growthLow: v }) }}
          high={{ field: 'growthHigh', label: t('growthHigh'), value: form.growthHigh, onChange: (v) => update({ growthHigh: v }) }}
          unit={t('percentPerSprint')}
          hint={t('growthHint')}
          errors={errors}
        />
        <RangeFields
          label={t('split')}
          low={{ field: 'splitLow', label: t('splitLow'), value: form.splitLow, onChange: (v) => update({ splitLow: v }) }}
          high={{ field: 'splitHigh', label: t('splitHigh'), value: form.splitHigh, onChange: (v) => update({ splitHigh: v }) }}
          unit={t('times')}
          hint={t('splitHint')}
          errors={errors}
        />
        <div className="flex flex-col gap-2">
          <span className="text-sm font-medium text-slate-700 2xl:text-base">{t('risks')}</span>
          {form.risks.map((r, i) => (
            <RiskLine
              key={r.key}
              row={r}
              n={i + 1}
              set={(patch) => setRisk(r.key, patch)}
              remove={() => update({ risks: form.risks.filter((x) => x.key !== r.key) })}
              errors={errors}
            />
          ))}
          <AddRowButton onClick={() => update({ risks: [...form.risks, emptyRiskRow(nextKey(form.risks, 'k'))] })} className="self-start">
            {t('addRisk')}
          </AddRowButton>
          <FieldMessages field="risks" errors={errors} />
        </div>
      </Section>

      <Section title={t('itemsTitle')} lead={t('itemsLead')} open={form.throughput} testId="section-throughput">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700 2xl:text-base">
          <input type="checkbox" checked={form.throughput} onChange={(e) => update({ throughput: e.target.checked })} />
          {t('throughput')}
        </label>
        {form.throughput && itemsHistory && (
          <>
            <TextField
              field="throughputHistory"
              label={t('throughputHistory')}
              value={form.throughputHistory}
              onChange={(v) => update({ throughputHistory: v })}
              errors={errors}
              hint={t('throughputHistoryHint')}
              autoComplete="off"
              spellCheck={false}
            />
            <TextField
              field="remainingItems"
              label={t('remainingItems')}
              value={form.remainingItems}
              onChange={(v) => update({ remainingItems: v })}
              errors={errors}
              {...num}
              inputMode="numeric"
            />
          </>
        )}
        {form.throughput && !itemsHistory && <p className="text-xs text-slate-500 2xl:text-sm">{t('throughputFromRecords')}</p>}
        <FieldMessages field="throughputHistory" errors={errors} />
      </Section>

      <Section title={t('questionTitle')} lead={t('questionLead')} open={form.finishBy.trim() !== ''} testId="section-question">
        <TextField
          field="finishBy"
          label={t('finishBy')}
          type="date"
          value={form.finishBy}
          onChange={(v) => update({ finishBy: v })}
          errors={errors}
        />
      </Section>
    </fieldset>
  );
}

function RiskLine({
  row,
  n,
  set,
  remove,
  errors,
}: {
  row: RiskRow;
  n: number;
  set: (patch: Partial<RiskRow>) => void;
  remove: () => void;
  errors: FieldErrors;
}) {
  const t = useTranslations('plan.uncertainty');
  const fields = [`risk.${row.key}.title`, `risk.${row.key}.likelihood`, `risk.${row.key}.low`, `risk.${row.key}.high`] as const;
  return (
    <div className="flex flex-col gap-1.5 rounded-md border border-slate-200 bg-slate-50 p-2" data-testid="risk-row">
      <div className="flex items-center gap-1.5">
        <input
          aria-label={t('riskTitle', { n })}
          placeholder={t('riskTitlePlaceholder')}
          value={row.title}
          onChange={(e) => set({ title: e.target.value })}
          className={inputClass(false, 'min-w-0 flex-1')}
        />
        <RemoveRowButton label={t('removeRisk', { n })} onClick={remove} />
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <RowInput
          field={fields[1]}
          label={t('riskLikelihood', { n })}
          value={row.likelihood}
          onChange={(v) => set({ likelihood: v })}
          errors={errors}
        />
        <span className="text-sm text-slate-600">{t('percentLikely')}</span>
        <RowInput field={fields[2]} label={t('riskLow', { n })} value={row.low} onChange={(v) => set({ low: v })} errors={errors} />
        <span aria-hidden className="text-slate-500">
          –
        </span>
        <RowInput field={fields[3]} label={t('riskHigh', { n })} value={row.high} onChange={(v) => set({ high: v })} errors={errors} />
        <select
          aria-label={t('riskUnit', { n })}
          value={row.unit}
          onChange={(e) => set({ unit: e.target.value === 'sprints' ? 'sprints' : 'AP' })}
          className={inputClass(false, 'w-auto')}
        >
          <option value="AP">{t('unitAP')}</option>
          <option value="sprints">{t('unitSprints')}</option>
        </select>
      </div>
      {fields.map((f) => (
        <FieldMessages key={f} field={f} errors={errors} />
      ))}
    </div>
  );
}
