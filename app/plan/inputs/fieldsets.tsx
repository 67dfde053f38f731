'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { CURRENCY_MINOR_DIGITS } from '../../../domain/planning';
import type { BudgetMode, PlanForm } from '../../../domain/planning/view';
import { Choice, FieldMessages, Fieldset, TextField, hasHardError, inputClass, type FieldErrors } from '../fields';
import { num } from './rows';
import { UncertaintyFieldsets } from './uncertainty';

/** The inputs the what-if page and a workshop's settings share; `update` takes a patch of the form. */
type FormProps = { form: PlanForm; update: (patch: Partial<PlanForm>) => void; errors: FieldErrors };

const CURRENCIES = [...CURRENCY_MINOR_DIGITS.keys()].sort();

export { AddRowButton, RemoveRowButton, nextKey, num } from './rows';

/** The days per sprint the engine derives when the field is left empty. */
const derivedDays = (form: PlanForm) => (Number(form.sprintWeeks) > 0 ? String(Number(form.sprintWeeks) * 5) : '');

type VelocityOptions = {
  /** the units to choose from, in this order */
  units: readonly PlanForm['velocityUnit'][];
  assumedHint: ReactNode;
  historyLabel: string;
  historyHint: ReactNode;
};

type TeamOptions = {
  /** people and one day rate (else the caller lists the members in `after`) */
  perPerson: boolean;
  before?: ReactNode;
  after?: ReactNode;
};

/**
 * Velocity, sprints, team and cost, budget and simulation: the settings a plan needs besides its
 * scope; then the optional forecast inputs, collapsed. `itemsHistory`: the page asks for items done
 * per sprint (the what-if page) instead of counting recorded sprints (a workshop).
 */
export function PlanFieldsets({
  form,
  update,
  errors,
  velocity,
  team,
  itemsHistory,
}: FormProps & { velocity: VelocityOptions; team: TeamOptions; itemsHistory: boolean }) {
  return (
    <>
      <VelocityFieldset form={form} update={update} errors={errors} {...velocity} />
      <SprintsFieldset form={form} update={update} errors={errors} />

      <TeamFieldset form={form} update={update} errors={errors} {...team} />

      <BudgetFieldset form={form} update={update} errors={errors} />
      <SimulationFieldset form={form} update={update} errors={errors} />
      <UncertaintyFieldsets form={form} update={update} errors={errors} itemsHistory={itemsHistory} />
    </>
  );
}

function VelocityFieldset({ form, update, errors, units, assumedHint, historyLabel, historyHint }: FormProps & VelocityOptions) {
  const t = useTranslations('plan.inputs');
  return (
    <Fieldset legend={t('velocity')}>
      <Choice
        name="velocityUnit"
        label={t('unit')}
        value={form.velocityUnit}
        options={units.map((u) => ({ value: u, label: t(`unit${u}`) }))}
        onChange={(v) => update({ velocityUnit: v })}
      />
      <FieldMessages field="velocityUnit" errors={errors} />
      <TextField
        field="velocityAssumed"
        label={t('assumed')}
        value={form.velocityAssumed}
        onChange={(v) => update({ velocityAssumed: v })}
        errors={errors}
        hint={assumedHint}
        suffix={<span className="text-sm text-slate-500">{form.velocityUnit}</span>}
        {...num}
      />
      <TextField
        field="velocityHistory"
        label={historyLabel}
        value={form.velocityHistory}
        onChange={(v) => update({ velocityHistory: v })}
        errors={errors}
        hint={historyHint}
        autoComplete="off"
        spellCheck={false}
      />
    </Fieldset>
  );
}

function SprintsFieldset({ form, update, errors }: FormProps) {
  const t = useTranslations('plan.inputs');
  return (
    <Fieldset legend={t('sprints')}>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          field="sprintWeeks"
          label={t('sprintWeeks')}
          value={form.sprintWeeks}
          onChange={(v) => update({ sprintWeeks: v })}
          errors={errors}
          {...num}
          inputMode="numeric"
        />
        <TextField
          field="startDate"
          label={t('startDate')}
          type="date"
          value={form.startDate}
          onChange={(v) => update({ startDate: v })}
          errors={errors}
        />
      </div>
    </Fieldset>
  );
}

function PeopleField({ form, update, errors }: FormProps) {
  const t = useTranslations('plan.inputs');
  return (
    <TextField
      field="people"
      label={t('people')}
      value={form.people}
      onChange={(v) => update({ people: v })}
      errors={errors}
      {...num}
      inputMode="numeric"
    />
  );
}

function CurrencyField({ form, update, errors }: FormProps) {
  const t = useTranslations('plan.inputs');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="in-currency" className="text-sm font-medium text-slate-700 2xl:text-base">
        {t('currency')}
      </label>
      <select
        id="in-currency"
        value={form.currency}
        onChange={(e) => update({ currency: e.target.value })}
        className={inputClass(hasHardError(errors, 'currency'))}
      >
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <FieldMessages field="currency" errors={errors} />
    </div>
  );
}

function DayRateField({ form, update, errors }: FormProps) {
  const t = useTranslations('plan.inputs');
  return (
    <TextField
      field="dayRate"
      label={t('dayRate')}
      value={form.dayRate}
      onChange={(v) => update({ dayRate: v })}
      errors={errors}
      suffix={<span className="text-sm text-slate-500">{form.currency}</span>}
      {...num}
    />
  );
}

function DaysPerSprintField({ form, update, errors }: FormProps) {
  const t = useTranslations('plan.inputs');
  return (
    <TextField
      field="daysPerSprint"
      label={t('daysPerSprint')}
      value={form.daysPerSprint}
      onChange={(v) => update({ daysPerSprint: v })}
      errors={errors}
      placeholder={derivedDays(form)}
      {...num}
    />
  );
}

function TeamFieldset({ form, update, errors, perPerson, before, after }: FormProps & TeamOptions) {
  const t = useTranslations('plan.inputs');
  return (
    <Fieldset legend={t('team')}>
      {before}
      <div className="grid grid-cols-2 gap-3">
        {perPerson && <PeopleField form={form} update={update} errors={errors} />}
        <CurrencyField form={form} update={update} errors={errors} />
        {perPerson && <DayRateField form={form} update={update} errors={errors} />}
        <DaysPerSprintField form={form} update={update} errors={errors} />
      </div>
      {after}
      <p className="text-xs text-slate-500 2xl:text-sm">{t('daysPerSprintHint')}</p>
      <FieldMessages field="team" errors={errors} />
    </Fieldset>
  );
}

function BudgetFieldset({ form, update, errors }: FormProps) {
  const t = useTranslations('plan.inputs');
  return (
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
        <TextField
          field="budgetSprints"
          label={t('budgetSprintsLabel')}
          value={form.budgetSprints}
          onChange={(v) => update({ budgetSprints: v })}
          errors={errors}
          {...num}
          inputMode="numeric"
        />
      )}
      <FieldMessages field="budget" errors={errors} />
    </Fieldset>
  );
}

function SimulationFieldset({ form, update, errors }: FormProps) {
  const t = useTranslations('plan.inputs');
  return (
    <Fieldset legend={t('simulation')}>
      <TextField
        field="seed"
        label={t('seed')}
        value={form.seed}
        onChange={(v) => update({ seed: v })}
        errors={errors}
        hint={t('seedHint')}
        {...num}
        inputMode="numeric"
      />
    </Fieldset>
  );
}
