'use client';
import { useTranslations } from 'use-intl';
import { CURRENCY_MINOR_DIGITS } from '../../domain/planning';
import type { BudgetMode } from '../../domain/planning/view';
import { emptyMember, type MemberRow, type SettingsForm as Form } from '../../domain/workshop';
import { Choice, FieldMessages, Fieldset, TextField, hasHardError, inputClass, type FieldErrors } from '../plan/fields';

const CURRENCIES = [...CURRENCY_MINOR_DIGITS.keys()].sort();

function nextKey(rows: readonly MemberRow[]): string {
  return `m${rows.reduce((m, r) => Math.max(m, Number(r.key.slice(1)) || 0), 0) + 1}`;
}

/** The workshop's plan settings: velocity, sprints, team and cost, budget. Every change recomputes the plan. */
export function SettingsForm({ form, update, errors }: { form: Form; update: (patch: Partial<Form>) => void; errors: FieldErrors }) {
  const t = useTranslations('plan.inputs');
  const tw = useTranslations('workshop.inputs');
  const num = { inputMode: 'decimal' as const, autoComplete: 'off', spellCheck: false };
  const setMember = (key: string, patch: Partial<MemberRow>) => update({ members: form.members.map((m) => (m.key === key ? { ...m, ...patch } : m)) });
  const derivedDays = Number(form.sprintWeeks) > 0 ? String(Number(form.sprintWeeks) * 5) : '';

  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => e.preventDefault()} aria-label={t('title')}>
      <Fieldset legend={t('velocity')}>
        <Choice
          name="velocityUnit"
          label={t('unit')}
          value={form.velocityUnit}
          options={[
            { value: 'AP', label: t('unitAP') },
            { value: 'SP', label: t('unitSP') },
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
          hint={tw('assumedHint')}
          suffix={<span className="text-sm text-slate-500">{form.velocityUnit}</span>}
          {...num}
        />
        <TextField
          field="velocityHistory"
          label={tw('history')}
          value={form.velocityHistory}
          onChange={(v) => update({ velocityHistory: v })}
          errors={errors}
          hint={tw('historyHint')}
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
        <Choice
          name="teamMode"
          label={tw('teamMode')}
          value={form.teamMode}
          options={[
            { value: 'people', label: tw('teamPeople') },
            { value: 'members', label: tw('teamMembers') },
          ]}
          onChange={(v) => update({ teamMode: v })}
        />
        <div className="grid grid-cols-2 gap-3">
          {form.teamMode === 'people' && (
            <TextField field="people" label={t('people')} value={form.people} onChange={(v) => update({ people: v })} errors={errors} {...num} inputMode="numeric" />
          )}
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
          {form.teamMode === 'people' && (
            <TextField field="dayRate" label={t('dayRate')} value={form.dayRate} onChange={(v) => update({ dayRate: v })} errors={errors} suffix={<span className="text-sm text-slate-500">{form.currency}</span>} {...num} />
          )}
          <TextField field="daysPerSprint" label={t('daysPerSprint')} value={form.daysPerSprint} onChange={(v) => update({ daysPerSprint: v })} errors={errors} placeholder={derivedDays} {...num} />
        </div>
        {form.teamMode === 'members' && (
          <ul className="flex flex-col gap-2" data-testid="members">
            {form.members.map((m, i) => (
              <li key={m.key} className="flex flex-wrap items-center gap-1.5 rounded-md border border-slate-200 bg-slate-50 p-2">
                <input aria-label={tw('memberName', { n: i + 1 })} placeholder={tw('memberNamePlaceholder')} value={m.name} onChange={(e) => setMember(m.key, { name: e.target.value })} className={`${inputClass(false)} min-w-0 flex-1`} />
                <input aria-label={tw('memberRate', { n: i + 1 })} placeholder={tw('memberRatePlaceholder')} value={m.dayRate} onChange={(e) => setMember(m.key, { dayRate: e.target.value })} className={`${inputClass(false)} w-24 text-right`} {...num} />
                <input aria-label={tw('memberAllocation', { n: i + 1 })} value={m.allocation} onChange={(e) => setMember(m.key, { allocation: e.target.value })} className={`${inputClass(false)} w-16 text-right`} {...num} />
                <span className="text-sm text-slate-500">%</span>
                <button
                  type="button"
                  aria-label={tw('removeMember', { n: i + 1 })}
                  onClick={() => update({ members: form.members.filter((x) => x.key !== m.key) })}
                  className="rounded px-2 py-0.5 text-xl leading-none text-slate-500 hover:bg-red-50 hover:text-red-700"
                >
                  ×
                </button>
              </li>
            ))}
            <li>
              <button type="button" onClick={() => update({ members: [...form.members, emptyMember(nextKey(form.members))] })} className="rounded border border-indigo-300 bg-white px-2.5 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50">
                {tw('addMember')}
              </button>
            </li>
          </ul>
        )}
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
          <TextField field="budgetAmount" label={t('budgetAmountLabel')} value={form.budgetAmount} onChange={(v) => update({ budgetAmount: v })} errors={errors} suffix={<span className="text-sm text-slate-500">{form.currency}</span>} {...num} />
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
