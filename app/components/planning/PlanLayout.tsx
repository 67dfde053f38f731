'use client';
import type { ReactNode } from 'react';

/** Inputs on the left (sticky on a wide screen, hidden in print), the plan on the right. */
export function PlanLayout({ inputs, children }: { inputs: ReactNode; children: ReactNode }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[340px_minmax(0,1fr)] 2xl:grid-cols-[400px_minmax(0,1fr)] print:block">
      <aside
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto print:hidden"
        data-testid="plan-inputs"
      >
        {inputs}
      </aside>
      <div className="flex min-w-0 flex-col gap-4 print:gap-2">{children}</div>
    </div>
  );
}
