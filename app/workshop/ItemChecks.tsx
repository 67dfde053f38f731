'use client';
import type { BacklogRow } from '../../domain/workshop';

/** A scrollable list of backlog items to tick, each with its size. */
export function ItemChecks({
  legend,
  rows,
  chosen,
  onChange,
  sizeOf,
  tall = false,
  testId,
}: {
  legend: string;
  rows: BacklogRow[];
  chosen: Set<string>;
  onChange: (next: Set<string>) => void;
  sizeOf: (row: BacklogRow) => string;
  tall?: boolean;
  testId?: string;
}) {
  return (
    <fieldset
      className={`flex ${tall ? 'max-h-64' : 'max-h-48'} flex-col gap-0.5 overflow-y-auto rounded border border-slate-200 bg-white p-2`}
      data-testid={testId}
    >
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {rows.map((r) => (
        <label key={r.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={chosen.has(r.id)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(r.id);
              else next.delete(r.id);
              onChange(next);
            }}
          />
          <span className="flex-1">{r.title}</span>
          <span className="text-slate-500 tabular-nums">{sizeOf(r)}</span>
        </label>
      ))}
    </fieldset>
  );
}
