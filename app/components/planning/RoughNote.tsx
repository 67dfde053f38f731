'use client';
import { useTranslations } from 'use-intl';

/** The reminder that a forecast is a rough estimate, not a promise. */
export function RoughNote() {
  const t = useTranslations('plan.rough');
  return (
    <aside
      role="note"
      className="rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3 text-amber-950 print:border print:py-1.5"
      data-testid="rough-note"
    >
      <p className="font-bold 2xl:text-lg print:text-sm">{t('title')}</p>
      <p className="text-sm 2xl:text-base print:text-xs">{t('body')}</p>
    </aside>
  );
}
