'use client';
import { useCallback, useMemo } from 'react';
import { useFormatter, useLocale, useTranslations } from 'use-intl';
import { wholePercent, type PlanError } from '../../domain/planning';
import {
  boundOf,
  formatMoneyRounded,
  historyEntryOf,
  isoDateToUtc,
  lastWorkingDay,
  pointsDigits,
  roundTo,
  type FieldId,
} from '../../domain/planning/view';

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
      /** with the weekday: "Sun, Aug 17, 2025" */
      weekday: (iso: string) => {
        const d = isoDateToUtc(iso);
        return d === null
          ? iso
          : format.dateTime(d, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
      },
      /** the weekday's name: "Sunday" */
      dayName: (iso: string) => {
        const d = isoDateToUtc(iso);
        return d === null ? iso : format.dateTime(d, { weekday: 'long', timeZone: 'UTC' });
      },
      /** a probability 0..1 as whole percent for a sentence (never 0 or 100 unless certain) */
      chance: (share: number) => format.number(wholePercent(share)),
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

/**
 * "end of sprint 16, Sun, Aug 17, 2025": what a target date is (sprints are calendar blocks);
 * with `withWorkday` also the last working day when the sprint ends on a weekend. `short` leaves
 * the date out (it is shown next to it): "end of sprint 16 (Sunday) · last working day Fri, Aug 15, 2025".
 */
export function useSprintEnd() {
  const t = useTranslations('plan.dates');
  const fig = useFigures();
  return useCallback(
    (sprint: number, iso: string, withWorkday = false, short = false) => {
      const workday = withWorkday ? lastWorkingDay(iso) : null;
      const end = short ? t('sprintEndDay', { n: sprint, day: fig.dayName(iso) }) : t('sprintEnd', { n: sprint, date: fig.weekday(iso) });
      return workday === null || workday === iso ? end : t('sprintEndWorkday', { end, workday: fig.weekday(workday) });
    },
    [t, fig],
  );
}
