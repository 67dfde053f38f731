'use client';
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { PlanError } from '../../domain/planning';
import type { FieldId } from '../../domain/planning/view';
import { SOFT_CODES, useErrorText } from './useFigures';

export type FieldErrors = ReadonlyMap<FieldId, readonly PlanError[]>;

const inputBase = 'rounded border bg-white px-2.5 py-1.5 tabular-nums disabled:bg-slate-100 2xl:text-lg';

/** A full-width input; `width` replaces the full width (e.g. 'w-16' for a number in a row). */
export function inputClass(invalid: boolean, width = 'w-full'): string {
  return `${width} ${inputBase} ${invalid ? 'border-red-500 ring-1 ring-red-300' : 'border-slate-300'}`;
}

/** Is any error at this field a real problem (not just "not filled in yet")? */
export function hasHardError(errors: FieldErrors, field: FieldId): boolean {
  return (errors.get(field) ?? []).some((e) => !SOFT_CODES.has(e.code));
}

export const errorId = (field: FieldId) => `err-${field.replace(/\./g, '-')}`;

/** The errors of one field, in plain language, below it. */
export function FieldMessages({ field, errors }: { field: FieldId; errors: FieldErrors }) {
  const text = useErrorText();
  // several input paths can land on one field (sprint records on "general"): say each thing once
  const shown = new Map<string, PlanError>();
  for (const e of errors.get(field) ?? []) if (!shown.has(text(e, field))) shown.set(text(e, field), e);
  if (shown.size === 0) return null;
  return (
    <div id={errorId(field)} className="flex flex-col gap-0.5" data-testid={`error-${field}`}>
      {[...shown].map(([message, e]) => (
        <p
          key={message}
          className={`text-sm ${SOFT_CODES.has(e.code) ? 'text-slate-500' : 'font-medium text-red-700'}`}
          role={SOFT_CODES.has(e.code) ? undefined : 'alert'}
        >
          {message}
        </p>
      ))}
    </div>
  );
}

type TextFieldProps = {
  field: FieldId;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  hint?: ReactNode;
  suffix?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>;

/** A labelled text input with its hint and its errors. */
export function TextField({ field, label, value, onChange, errors, hint, suffix, className, ...rest }: TextFieldProps) {
  const id = `in-${field.replace(/\./g, '-')}`;
  const invalid = hasHardError(errors, field);
  const described = (errors.get(field)?.length ?? 0) > 0 ? errorId(field) : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className ?? ''}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700 2xl:text-base">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={described}
          className={inputClass(invalid)}
          {...rest}
        />
        {suffix}
      </div>
      {hint && <p className="text-xs text-slate-500 2xl:text-sm">{hint}</p>}
      <FieldMessages field={field} errors={errors} />
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-3 border-t border-slate-200 pt-3 first:border-t-0 first:pt-0">
      <legend className="float-left mb-1 w-full text-xs font-semibold tracking-wide text-indigo-700 uppercase 2xl:text-sm">{legend}</legend>
      {children}
    </fieldset>
  );
}

/** A small segmented choice (radio buttons). */
export function Choice<T extends string>({
  name,
  label,
  value,
  options,
  onChange,
}: {
  name: string;
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="flex flex-col gap-1">
      <span className="text-sm font-medium text-slate-700 2xl:text-base">{label}</span>
      <div className="flex flex-wrap gap-1">
        {options.map((o) => (
          <label
            key={o.value}
            className={`cursor-pointer rounded border px-2.5 py-1 text-sm 2xl:text-base has-focus-visible:outline-3 has-focus-visible:outline-blue-600 ${o.value === value ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white hover:bg-slate-50'}`}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
    </div>
  );
}
