'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { Header } from '../components/Header';

export type View = 'overview' | 'calibration' | 'forecast' | 'budget' | 'tracking' | 'compare';
export const VIEWS: readonly View[] = ['overview', 'calibration', 'forecast', 'budget', 'tracking', 'compare'];

export const viewPath = (workshopId: string, view: View) => `/workshop/${workshopId}${view === 'overview' ? '' : `/${view}`}`;

/** Header, workshop name and the tabs of the workshop's views. */
export function Shell({ workshopId, name, view, children, printable = false }: { workshopId: string; name: string | null; view: View; children: ReactNode; printable?: boolean }) {
  const t = useTranslations('workshop');
  return (
    <>
      <div className="print:hidden">
        <Header>
          {printable && (
            <button type="button" onClick={() => window.print()} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50">
              {t('print')}
            </button>
          )}
        </Header>
      </div>
      <main className="mx-auto flex max-w-[1880px] flex-col gap-4 px-4 py-5 lg:px-6 print:max-w-none print:gap-2 print:p-0">
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
                {t(`nav.${v}`)}
              </Link>
            ))}
          </nav>
        </div>
        {children}
      </main>
    </>
  );
}

export function RoughNote() {
  const t = useTranslations('plan.rough');
  return (
    <aside role="note" className="rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3 text-amber-950 print:border print:py-1.5" data-testid="rough-note">
      <p className="font-bold 2xl:text-lg print:text-sm">{t('title')}</p>
      <p className="text-sm 2xl:text-base print:text-xs">{t('body')}</p>
    </aside>
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
