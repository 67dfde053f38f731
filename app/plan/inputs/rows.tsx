'use client';
import type { ReactNode } from 'react';

/** The attributes of a number typed as text. */
export const num = { inputMode: 'decimal' as const, autoComplete: 'off', spellCheck: false };

/** The next free key of a list of rows keyed like `r1`, `r2`, ... */
export function nextKey(rows: readonly { key: string }[], prefix: string): string {
  return `${prefix}${rows.reduce((m, r) => Math.max(m, Number(r.key.slice(1)) || 0), 0) + 1}`;
}

/** The × that removes a row of a list (a reference, a member). */
export function RemoveRowButton({ label, title, onClick }: { label: string; title?: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={title}
      onClick={onClick}
      className="rounded px-2 py-0.5 text-xl leading-none text-slate-500 hover:bg-red-50 hover:text-red-700"
    >
      ×
    </button>
  );
}

/** The button that adds a row to a list. */
export function AddRowButton({ onClick, className, children }: { onClick: () => void; className?: string; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className={`${className ? `${className} ` : ''}rounded border border-indigo-300 bg-white px-2.5 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50`}
    >
      {children}
    </button>
  );
}
