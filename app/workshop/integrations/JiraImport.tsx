'use client';
import { useState, type FormEvent } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import type { ImportPreview } from '../../../domain/backlog';
import type { ActionResult, JiraImportBody, JiraImportPreviewAnswer } from '../../../domain/integrations/wire';
import { Panel } from '../../plan/panels';
import { buttonClass, ErrorNote, Field, inputClass, quietButtonClass } from './ui';

type Source = JiraImportBody['source'];

export type JiraImportAnswer = Extract<ImportPreview, { ok: true }> & { imported: number; updated: number; truncated: boolean };

type Props = {
  /** the session's items may only change in setup */
  setup: boolean;
  onPreview: (body: JiraImportBody) => Promise<ActionResult<JiraImportPreviewAnswer>>;
  onImport: (body: JiraImportBody) => Promise<ActionResult<JiraImportAnswer> & { preview?: unknown }>;
};

const STATUS_STYLE = {
  new: 'text-indigo-800',
  update: 'text-indigo-800',
  unchanged: 'text-slate-600',
  rejected: 'font-semibold text-red-800',
} as const;

const positive = (s: string) => {
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** Import by JQL, board or sprint into a session: the same preview as a file (every row with its reason), then the import. */
export function JiraImport({ setup, onPreview, onImport }: Props) {
  const t = useTranslations('integrations.import');
  const format = useFormatter();
  const [source, setSource] = useState<Source>('jql');
  const [jql, setJql] = useState('');
  const [board, setBoard] = useState('');
  const [sprint, setSprint] = useState('');
  const [preview, setPreview] = useState<JiraImportPreviewAnswer | null>(null);
  const [done, setDone] = useState<JiraImportAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Parameters<typeof ErrorNote>[0]['error']>(null);

  if (!setup) {
    return (
      <Panel title={t('title')} testId="jira-import">
        <p className="text-slate-700">{t('notSetup')}</p>
      </Panel>
    );
  }

  const body: JiraImportBody | null =
    source === 'jql'
      ? jql.trim() === ''
        ? null
        : { source, jql: jql.trim() }
      : source === 'board'
        ? positive(board) === null
          ? null
          : { source, boardId: positive(board)!, ...(jql.trim() ? { jql: jql.trim() } : {}) }
        : positive(sprint) === null
          ? null
          : { source, sprintId: positive(sprint)! };

  const reset = () => {
    setPreview(null);
    setDone(null);
  };

  async function show(e: FormEvent) {
    e.preventDefault();
    if (!body) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await onPreview(body);
    setBusy(false);
    if (r.ok) setPreview(r.data);
    else setError(r.error);
  }

  async function run() {
    if (!body) return;
    setBusy(true);
    setError(null);
    const r = await onImport(body);
    setBusy(false);
    if (r.ok) {
      setDone(r.data);
      setPreview(null);
    } else setError(r.error);
  }

  const p = preview?.preview;
  return (
    <Panel title={t('title')} testId="jira-import">
      <form className="flex flex-col gap-3" onSubmit={show} aria-label={t('title')}>
        <p className="text-sm text-slate-600 2xl:text-base">{t('intro')}</p>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t('source')}</legend>
          {(['jql', 'board', 'sprint'] as const).map((s) => (
            <label key={s} className="flex items-center gap-2 2xl:text-lg">
              <input
                type="radio"
                name="jira-source"
                value={s}
                checked={source === s}
                onChange={() => {
                  setSource(s);
                  reset();
                }}
              />
              {t(`sources.${s}`)}
            </label>
          ))}
        </fieldset>
        {source === 'board' && (
          <Field id="import-board" label={t('board')}>
            <input
              id="import-board"
              className={`${inputClass} w-40`}
              inputMode="numeric"
              value={board}
              onChange={(e) => (setBoard(e.target.value), reset())}
            />
          </Field>
        )}
        {source === 'sprint' && (
          <Field id="import-sprint" label={t('sprint')}>
            <input
              id="import-sprint"
              className={`${inputClass} w-40`}
              inputMode="numeric"
              value={sprint}
              onChange={(e) => (setSprint(e.target.value), reset())}
            />
          </Field>
        )}
        {source !== 'sprint' && (
          <Field id="import-jql" label={t(source === 'jql' ? 'jql' : 'boardJql')} hint={t('jqlHint')}>
            <textarea
              id="import-jql"
              rows={2}
              className={`${inputClass} font-mono text-sm`}
              value={jql}
              onChange={(e) => (setJql(e.target.value), reset())}
            />
          </Field>
        )}
        <div>
          <button type="submit" className={quietButtonClass} disabled={busy || !body} data-testid="jira-import-preview">
            {t('preview')}
          </button>
        </div>
      </form>
      <div className="mt-3 flex flex-col gap-3">
        <ErrorNote error={error} testId="jira-import-error" />
        {done && (
          <p
            className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 font-medium text-emerald-900"
            role="status"
            data-testid="jira-import-done"
          >
            {t('done', { imported: done.imported, updated: done.updated })}
          </p>
        )}
        {p && !p.ok && (
          <p className="text-red-800" role="alert" data-testid="jira-import-empty">
            {t.has(`fileError.${p.error.code}`) ? t(`fileError.${p.error.code}`) : p.error.message}
          </p>
        )}
        {preview && p?.ok && (
          <>
            <p className="font-medium" data-testid="jira-import-summary">
              {t('summary', { added: p.accepted - p.updates, updates: p.updates, unchanged: p.unchanged, rejected: p.rejected })}
            </p>
            {preview.truncated && <p className="text-sm text-amber-800">{t('truncated', { count: p.rows.length })}</p>}
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm 2xl:text-base" data-testid="jira-import-table">
                <thead className="border-b border-slate-300 text-slate-600">
                  <tr>
                    <th className="py-1 pr-3 font-medium">{t('colKey')}</th>
                    <th className="py-1 pr-3 font-medium">{t('colTitle')}</th>
                    <th className="py-1 pr-3 text-right font-medium">{t('colPoints')}</th>
                    <th className="py-1 pr-3 font-medium">{t('colResult')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.rows.map((r) => (
                    <tr key={r.line} className="border-b border-slate-100 align-top" data-status={r.status}>
                      <td className="py-1 pr-3 font-mono whitespace-nowrap">{preview.keys[r.line - 1] ?? '—'}</td>
                      <td className="py-1 pr-3">{r.item?.title ?? r.excerpt ?? ''}</td>
                      <td className="py-1 pr-3 text-right tabular-nums">
                        {r.item?.storyPoints == null ? '—' : format.number(r.item.storyPoints, { maximumFractionDigits: 1 })}
                      </td>
                      <td className={`py-1 pr-3 ${STATUS_STYLE[r.status]}`}>
                        {t(`status.${r.status}`)}
                        {r.status === 'rejected' && (
                          <span className="block text-xs font-normal">
                            {r.reasonCode && t.has(`reason.${r.reasonCode}`) ? t(`reason.${r.reasonCode}`) : r.reason}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {p.accepted > 0 ? (
              <div>
                <button type="button" className={buttonClass} disabled={busy} onClick={run} data-testid="jira-import-run">
                  {t('importN', { count: p.accepted })}
                </button>
              </div>
            ) : (
              <p className="text-slate-700">{t('nothing')}</p>
            )}
          </>
        )}
      </div>
    </Panel>
  );
}
