'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { PlanningPage } from '../components/planning/PlanningPage';

export type View = 'overview' | 'calibration' | 'forecast' | 'budget' | 'tracking' | 'compare' | 'integrations';
export const VIEWS: readonly View[] = ['overview', 'calibration', 'forecast', 'budget', 'tracking', 'compare', 'integrations'];

export const viewPath = (workshopId: string, view: View) => `/workshop/${workshopId}${view === 'overview' ? '' : `/${view}`}`;

/** Header, workshop name and the tabs of the workshop's views. */
export function Shell({
  workshopId,
  name,
  view,
  children,
  printable = false,
}: {
  workshopId: string;
  name: string | null;
  view: View;
  children: ReactNode;
  printable?: boolean;
}) {
  const t = useTranslations('workshop');
  const tIntegrations = useTranslations('integrations.view');
  return (
    <PlanningPage printLabel={printable ? t('print') : undefined}>
      <div className="flex flex-col gap-3">
        <div>
          <p className="text-sm font-semibold tracking-wide text-indigo-700 uppercase print:text-xs">{t('kicker')}</p>
          <h1 className="text-3xl font-bold 2xl:text-4xl print:text-2xl" data-testid="workshop-name">
            {name ?? t('loading')}
          </h1>
        </div>
        <nav aria-label={t('nav.label')} className="flex flex-wrap gap-1 border-b border-slate-200 print:hidden">
          {VIEWS.map((v) => (
            <Link
              key={v}
              href={viewPath(workshopId, v)}
              aria-current={v === view ? 'page' : undefined}
              className={`-mb-px rounded-t border px-3 py-1.5 text-sm font-medium 2xl:text-base ${v === view ? 'border-slate-200 border-b-white bg-white text-indigo-700' : 'border-transparent text-slate-600 hover:text-indigo-700'}`}
            >
              {v === 'integrations' ? tIntegrations('nav') : t(`nav.${v}`)}
            </Link>
          ))}
        </nav>
      </div>
      {children}
    </PlanningPage>
  );
}

export function Message({ tone = 'info', children, testId }: { tone?: 'info' | 'error'; children: ReactNode; testId?: string }) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      className={`rounded-lg border px-4 py-3 ${tone === 'error' ? 'border-red-300 bg-red-50 text-red-800' : 'border-slate-200 bg-white text-slate-700'}`}
    >
      {children}
    </p>
  );
}
