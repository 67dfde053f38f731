'use client';
import { useFormatter, useTranslations } from 'use-intl';
import { countResults, failedKeys, type WriteBackResult, type WriteBackRun } from '../../../domain/integrations/results';
import { Panel } from '../../plan/panels';
import { quietButtonClass, useIntegrationError } from './ui';

type Props = {
  /** the session's runs, oldest first */
  runs: WriteBackRun[];
  /** a run of this session is writing: no retry meanwhile */
  writing: boolean;
  /** retries the failed items of a run: the preview shows them, and writes on confirmation */
  onRetry: (runId: string) => void;
};

const STYLE: Record<WriteBackResult['status'], string> = {
  written: 'text-emerald-800',
  unchanged: 'text-slate-600',
  failed: 'font-semibold text-red-800',
};

/** What each write-back did, item by item, newest run first; failed items can be retried alone. */
export function WriteBackLog({ runs, writing, onRetry }: Props) {
  const t = useTranslations('integrations.log');
  const tErr = useTranslations('integrations.errors');
  const errorText = useIntegrationError();
  const format = useFormatter();
  const num = (v: number | null, empty = '—') => (v === null ? empty : format.number(v, { maximumFractionDigits: 1 }));

  return (
    <Panel title={t('title')} testId="writeback-log">
      {runs.length === 0 && <p className="text-slate-600">{t('none')}</p>}
      <ol className="flex flex-col gap-4">
        {[...runs].reverse().map((run) => {
          const counts = countResults(run.results);
          const failed = failedKeys(run);
          return (
            <li key={run.id} className="flex flex-col gap-2" data-testid="writeback-run">
              <p className="font-medium 2xl:text-lg">
                {t('run', { date: format.dateTime(new Date(run.startedAt), { dateStyle: 'medium', timeStyle: 'short' }), ...counts })}
                {run.retryOf && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t('retryRun')}</span>}
              </p>
              {run.finishedAt === null && (
                <p className="text-sm text-indigo-800" role="status" data-testid="writeback-running">
                  {t('running')}
                </p>
              )}
              {run.interrupted && (
                <p
                  className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                  data-testid="writeback-interrupted"
                >
                  {t('interrupted')}
                </p>
              )}
              {run.results.length > 0 && (
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm 2xl:text-base">
                    <thead className="border-b border-slate-300 text-slate-600">
                      <tr>
                        <th className="py-1 pr-3 font-medium">{t('colKey')}</th>
                        <th className="py-1 pr-3 font-medium">{t('colResult')}</th>
                        <th className="py-1 pr-3 text-right font-medium">{t('colBefore')}</th>
                        <th className="py-1 pr-3 text-right font-medium">{t('colAfter')}</th>
                        <th className="hidden py-1 text-right font-medium sm:table-cell">{t('colAttempts')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {run.results.map((r) => (
                        <tr key={r.key} className="border-b border-slate-100 align-top" data-status={r.status}>
                          <td className="py-1 pr-3 font-mono whitespace-nowrap">{r.key}</td>
                          <td className={`py-1 pr-3 ${STYLE[r.status]}`}>
                            {t(`status.${r.status}`)}
                            {r.error && (
                              <span className="block text-xs font-normal text-red-800">
                                {tErr.has(`jira.${r.error.code}`)
                                  ? errorText({
                                      code: 'jira',
                                      message: r.error.message,
                                      jira: { code: r.error.code, status: null, messages: r.error.jira ?? [] },
                                    })
                                  : r.error.message}
                              </span>
                            )}
                          </td>
                          <td className="py-1 pr-3 text-right tabular-nums">{num(r.before, t('empty'))}</td>
                          <td className="py-1 pr-3 text-right tabular-nums">{num(r.after)}</td>
                          <td className="hidden py-1 text-right tabular-nums sm:table-cell">{r.attempts}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {failed.length > 0 && run.finishedAt !== null && (
                <div>
                  <button
                    type="button"
                    className={quietButtonClass}
                    disabled={writing}
                    data-testid="writeback-retry"
                    onClick={() => onRetry(run.id)}
                  >
                    {t('retry', { count: failed.length })}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
