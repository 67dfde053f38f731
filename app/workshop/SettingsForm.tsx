'use client';
import { useTranslations } from 'use-intl';
import { emptyMember, type MemberRow, type SettingsForm as Form } from '../../domain/workshop';
import { Choice, inputClass, type FieldErrors } from '../plan/fields';
import { AddRowButton, PlanFieldsets, RemoveRowButton, nextKey, num } from '../plan/inputs/fieldsets';

/** The workshop's plan settings: velocity, sprints, team and cost, budget. Every change recomputes the plan. */
export function SettingsForm({ form, update, errors }: { form: Form; update: (patch: Partial<Form>) => void; errors: FieldErrors }) {
  const t = useTranslations('plan.inputs');
  const tw = useTranslations('workshop.inputs');
  const setMember = (key: string, patch: Partial<MemberRow>) =>
    update({ members: form.members.map((m) => (m.key === key ? { ...m, ...patch } : m)) });

  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => e.preventDefault()} aria-label={t('title')}>
      <PlanFieldsets
        form={form}
        update={update}
        errors={errors}
        itemsHistory={false}
        velocity={{ units: ['AP', 'SP'], assumedHint: tw('assumedHint'), historyLabel: tw('history'), historyHint: tw('historyHint') }}
        team={{
          perPerson: form.teamMode === 'people',
          before: (
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
          ),
          after: form.teamMode === 'members' && (
            <ul className="flex flex-col gap-2" data-testid="members">
              {form.members.map((m, i) => (
                <li key={m.key} className="flex flex-wrap items-center gap-1.5 rounded-md border border-slate-200 bg-slate-50 p-2">
                  <input
                    aria-label={tw('memberName', { n: i + 1 })}
                    placeholder={tw('memberNamePlaceholder')}
                    value={m.name}
                    onChange={(e) => setMember(m.key, { name: e.target.value })}
                    className={inputClass(false, 'min-w-0 flex-1')}
                  />
                  <input
                    aria-label={tw('memberRate', { n: i + 1 })}
                    placeholder={tw('memberRatePlaceholder')}
                    value={m.dayRate}
                    onChange={(e) => setMember(m.key, { dayRate: e.target.value })}
                    className={`${inputClass(false, 'w-24')} text-right`}
                    {...num}
                  />
                  <input
                    aria-label={tw('memberAllocation', { n: i + 1 })}
                    value={m.allocation}
                    onChange={(e) => setMember(m.key, { allocation: e.target.value })}
                    className={`${inputClass(false, 'w-16')} text-right`}
                    {...num}
                  />
                  <span className="text-sm text-slate-500">%</span>
                  <RemoveRowButton
                    label={tw('removeMember', { n: i + 1 })}
                    onClick={() => update({ members: form.members.filter((x) => x.key !== m.key) })}
                  />
                </li>
              ))}
              <li>
                <AddRowButton onClick={() => update({ members: [...form.members, emptyMember(nextKey(form.members, 'm'))] })}>
                  {tw('addMember')}
                </AddRowButton>
              </li>
            </ul>
          ),
        }}
      />
    </form>
  );
}
