'use client';
import { useTranslations } from 'use-intl';

/** After lock: what comes next, and the way straight to calibrating this session in the workshop's pages. */
export function LockedNext({ facilitator, calibrateLink, total }: { facilitator: boolean; calibrateLink: string | null; total: number }) {
  const t = useTranslations('room.lockedNext');
  return (
    <section className="flex flex-col gap-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3" data-testid="locked-next">
      <h2 className="font-semibold text-emerald-900">{t('title')}</h2>
      <p className="text-sm text-emerald-950">{facilitator ? t('facilitator') : t('participant')}</p>
      {facilitator && (
        <div className="flex flex-wrap items-center gap-3">
          {calibrateLink && (
            <a
              href={calibrateLink}
              className="rounded bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-800"
              data-testid="calibrate-link"
            >
              {t('calibrate')}
            </a>
          )}
          <a href={`/plan?ap=${total}`} className="text-sm text-indigo-700 underline" data-testid="plan-link">
            {t('whatIf')}
          </a>
        </div>
      )}
    </section>
  );
}
