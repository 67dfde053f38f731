'use client';
import type { ReactNode } from 'react';

/**
 * The computed plan, or a placeholder while there is none yet. The last valid plan stays
 * on screen (dimmed, with a notice) while an input is being fixed.
 */
export function PlanOutput<T>({
  shown,
  stale,
  emptyText,
  staleText,
  markBusy = false,
  children,
}: {
  /** the plan on screen, null before the first valid one */
  shown: T | null;
  stale: boolean;
  emptyText: string;
  staleText: string;
  /** mark the dimmed plan as busy for assistive technology */
  markBusy?: boolean;
  children: (shown: T) => ReactNode;
}) {
  if (shown === null) {
    return (
      <p
        className="rounded-lg border-2 border-dashed border-slate-300 bg-white px-6 py-12 text-center text-lg text-slate-600"
        data-testid="plan-empty"
      >
        {emptyText}
      </p>
    );
  }
  return (
    <>
      {stale && (
        <p role="status" className="rounded-lg border border-red-300 bg-red-50 px-4 py-2 font-medium text-red-800" data-testid="plan-stale">
          {staleText}
        </p>
      )}
      <div
        className={`flex flex-col gap-4 transition-opacity print:gap-2 ${stale ? 'opacity-40' : ''}`}
        aria-busy={(markBusy && stale) || undefined}
        data-testid="plan-output"
      >
        {children(shown)}
      </div>
    </>
  );
}
