'use client';
import type { ReactNode } from 'react';
import { Header } from '../Header';

/** The frame of a planning page: the header (with a print button when given its label) and the main column. */
export function PlanningPage({ printLabel, narrow = false, children }: { printLabel?: string; narrow?: boolean; children: ReactNode }) {
  return (
    <>
      <div className="print:hidden">
        <Header>
          {printLabel !== undefined && (
            <button
              type="button"
              onClick={() => window.print()}
              className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50"
            >
              {printLabel}
            </button>
          )}
        </Header>
      </div>
      <main
        className={`mx-auto flex ${narrow ? 'max-w-[1600px]' : 'max-w-[1880px]'} flex-col gap-4 px-4 py-5 lg:px-6 print:max-w-none print:gap-2 print:p-0`}
      >
        {children}
      </main>
    </>
  );
}
