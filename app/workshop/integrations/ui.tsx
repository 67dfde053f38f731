'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import type { IntegrationWireError } from '../../../domain/integrations/wire';

export const inputClass = 'w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 2xl:text-lg';
export const buttonClass =
  'rounded bg-indigo-700 px-3 py-1.5 font-semibold text-white hover:bg-indigo-800 disabled:bg-slate-400 2xl:text-lg';
export const quietButtonClass =
  'rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-800 hover:bg-slate-50 disabled:text-slate-400 2xl:text-lg';

/** A labelled control with its hint and its error. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700 2xl:text-base">
        {label}
      </label>
      {children}
      {hint && <p className="text-xs text-slate-500 2xl:text-sm">{hint}</p>}
      {error && (
        <p className="text-sm font-medium text-red-700" role="alert" data-testid={`error-${id}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** An API error in the reader's language by its code; Jira's own words (in Jira's language) follow. */
export function useIntegrationError(): (e: IntegrationWireError) => string {
  const t = useTranslations('integrations.errors');
  return (e) => {
    if (e.code === 'jira' && e.jira) {
      const base = t.has(`jira.${e.jira.code}`) ? t(`jira.${e.jira.code}`) : t('internal');
      return e.jira.messages.length > 0 ? `${base} ${t('jiraSays', { messages: e.jira.messages.join('; ') })}` : base;
    }
    return t.has(e.code) ? t(e.code) : t('internal');
  };
}

export function ErrorNote({ error, testId }: { error: IntegrationWireError | null; testId?: string }) {
  const text = useIntegrationError();
  if (!error) return null;
  return (
    <p
      className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-800 2xl:text-base"
      role="alert"
      data-testid={testId}
    >
      {text(error)}
    </p>
  );
}
