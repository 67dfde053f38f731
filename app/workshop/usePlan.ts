'use client';
import { useMemo } from 'react';
import { computePlan, type Plan, type PlanError } from '../../domain/planning';
import type { FieldId } from '../../domain/planning/view';
import {
  currentCalibration,
  settingsFieldOf,
  workshopPlanInput,
  type PlanSettings,
  type SettingsForm,
  type WorkshopPlanning,
} from '../../domain/workshop';
import type { FieldErrors } from '../plan/fields';
import type { RefShown } from '../plan/panels';

/**
 * computePlan over the workshop's real data and these settings (saved, or typed for a what-if);
 * `form` places the errors of list rows (multipliers, risks) at their row.
 */
export function useWorkshopPlan(data: WorkshopPlanning, settings: unknown, form?: Pick<SettingsForm, 'multipliers' | 'risks'>) {
  const input = useMemo(() => workshopPlanInput(data, settings as PlanSettings | null), [data, settings]);
  const result = useMemo(() => computePlan(input), [input]);
  const errors: FieldErrors = useMemo(() => {
    const map = new Map<FieldId, PlanError[]>();
    if (!result.ok) {
      for (const e of result.errors) {
        const field = settingsFieldOf(e, form);
        map.set(field, [...(map.get(field) ?? []), e]);
      }
    }
    return map;
  }, [result, form]);
  const refs: RefShown[] = useMemo(() => {
    const titles = new Map(data.items.map((i) => [i.id, i.title]));
    return currentCalibration(data.sessions).refs.map((r, i) => ({ n: i + 1, title: titles.get(r.itemId) ?? '', ap: r.ap, sp: r.sp }));
  }, [data]);
  return { input, result, errors, refs, plan: result.ok ? (result.plan as Plan) : null };
}
