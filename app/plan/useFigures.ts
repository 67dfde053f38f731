'use client';
import { useCallback, useMemo } from 'react';
import { useFormatter, useLocale, useTranslations } from 'use-intl';
import type { PlanError } from '../../domain/planning';
import { boundOf, formatMoneyRounded, historyEntryOf, isoDateToUtc, pointsDigits, roundTo, type FieldId } from '../../domain/planning/view';

/** Locale-aware display of the plan's figures, each rounded by one rule (domain/planning/view/format.ts). */
export function useFigures() {
  const format = useFormatter();
  const locale = useLocale();
  return useMemo(
    () => ({
      /** AP, SP, velocities: one decimal below 100, none above */
      points: (x: number) => {
        const d = pointsDigits(x);
        return format.number(roundTo(x, d), { maximumFractionDigits: d });
      },
      /** SP per AP, to one decimal */
      factor: (x: number) => format.number(roundTo(x, 1), { maximumFractionDigits: 1 }),
      /** unrounded sprints, to one decimal */
      exact: (x: number) => format.number(roundTo(x, 1), { maximumFractionDigits: 1 }),
      /** as given (up to 3 decimals), for bounds such as 0.001 */
      plain: (x: number) => format.number(x),
      int: (x: number) => format.number(x, { maximumFractionDigits: 0 }),
      /** a share 0..1 as a whole percent number (no sign) */
      percent: (share: number) => format.number(roundTo(share * 100, share < 0.1 ? 1 : 0), { maximumFractionDigits: share < 0.1 ? 1 : 0 }),
      money: (minor: number, currency: string) => formatMoneyRounded(minor, currency, locale),
      date: (iso: string, style: 'medium' | 'long' = 'medium') => {
        const d = isoDateToUtc(iso);
        return d === null ? iso : format.dateTime(d, { dateStyle: style, timeZone: 'UTC' });
      },
    }),
    [format, locale],
  );
}

export type Figures = ReturnType<typeof useFigures>;

const MONEY_FIELDS: ReadonlySet<FieldId> = new Set(['dayRate', 'budgetAmount']);
/** Codes that mean "not filled in yet": shown as a calm hint, not as a red error. */
export const SOFT_CODES: ReadonlySet<string> = new Set(['required', 'one_of_required', 'velocity_required', 'calibration_required']);

/** Plain-language, translated text of a computePlan error. */
export function useErrorText() {
  const t = useTranslations('plan.errors');
  const fig = useFigures();
  return useCallback(
    (e: PlanError, field: FieldId) => {
      const bound = boundOf(e);
      let text: string;
      if (e.code === 'too_big' && (bound === null || MONEY_FIELDS.has(field))) text = t('too_big_plain');
      else if ((e.code === 'too_small' || e.code === 'too_big') && bound !== null) text = t(e.code, { bound: fig.plain(bound) });
      else if (e.code === 'too_small' || e.code === 'too_big') text = t('invalid');
      else text = t.has(e.code) ? t(e.code) : t('invalid');
      const entry = historyEntryOf(e);
      return entry === null ? text : t('historyEntry', { n: entry, message: text });
    },
    [t, fig],
  );
}
