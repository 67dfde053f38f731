'use client';
import { useEffect, useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import type { Rounding, WriteMode, WriteBackRow } from '../../../domain/integrations/writeback';
import type {
  ActionResult,
  WriteBackPreviewAnswer,
  WriteBackPreviewBody,
  WriteBackRunAnswer,
  WriteBackRunBody,
} from '../../../domain/integrations/wire';
import { Panel } from '../../plan/panels';
import { buttonClass, ErrorNote, quietButtonClass } from './ui';

type Props = {
  locked: boolean;
  /** the session's calibration factor (SP per AP); null when not calibrated; undefined: known from the first preview */
  factor?: number | null;
  onPreview: (body: WriteBackPreviewBody) => Promise<ActionResult<WriteBackPreviewAnswer>>;
  /** starts the run and resolves when it has finished (the caller follows the run's log) */
  onRun: (body: WriteBackRunBody) => Promise<ActionResult<WriteBackRunAnswer>>;
  /** the run's answer, for the log */
  onDone: (run: WriteBackRunAnswer) => void;
  /** retrying the failed items of a run (from the log); null: every item */
  retryOf?: { id: string; startedAt: number } | null;
  onCancelRetry?: () => void;
  /** while a run writes: items written so far of those to write */
  progress?: { done: number; count: number } | null;
};

const STATUS_STYLE: Record<WriteBackRow['status'], string> = {
  write: 'bg-indigo-100 text-indigo-900',
  unchanged: 'bg-slate-100 text-slate-700',
  skip: 'bg-amber-50 text-amber-900',
};

/** Before anything is written: every item with Jira's value now and the value to write; writing only on confirmation. */
export function WriteBackPreview({
  locked,
  factor: given,
  onPreview,
  onRun,
  onDone,
  retryOf = null,
  onCancelRetry,
  progress = null,
}: Props) {
  const t = useTranslations('integrations.preview');
  const format = useFormatter();
  const [mode, setMode] = useState<WriteMode>(given === null ? 'ap' : 'sp');
  const [learned, setLearned] = useState<number | null | undefined>(undefined);
  const factor = given !== undefined ? given : learned;
  const [rounding, setRounding] = useState<Rounding>('one-decimal');
  const [preview, setPreview] = useState<WriteBackPreviewAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  /** the counts of the run this panel started last */
  const [finished, setFinished] = useState<WriteBackRunAnswer['counts'] | null>(null);
  const [error, setError] = useState<Parameters<typeof ErrorNote>[0]['error']>(null);
  const num = (v: number | null) => (v === null ? t('empty') : format.number(v, { maximumFractionDigits: 1 }));
  const retryId = retryOf?.id ?? null;

  // a retry chosen in the log: show what it would write at once
  useEffect(() => {
    if (retryId === null) return;
    let live = true;
    setBusy(true);
    setError(null);
    void onPreview({ mode, rounding, retryOf: retryId }).then((r) => {
      if (!live) return;
      setBusy(false);
      if (r.ok) setPreview(r.data);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new retry loads by itself
  }, [retryId]);

  if (!locked) {
    return (
      <Panel title={t('title')} testId="writeback-preview">
        <p className="text-slate-700">{t('notLocked')}</p>
      </Panel>
    );
  }

  const withRetry = <T extends object>(body: T): T & { retryOf?: string } => (retryId === null ? body : { ...body, retryOf: retryId });

  async function load(body: WriteBackPreviewBody) {
    setBusy(true);
    setError(null);
    setFinished(null);
    const r = await onPreview(withRetry(body));
    setBusy(false);
    if (r.ok) {
      setPreview(r.data);
      setLearned(r.data.factor);
    } else {
      setError(r.error);
      // not calibrated: effort points are what can be written
      if (r.error.code === 'no_factor') {
        setLearned(null);
        setMode('ap');
      }
    }
  }

  async function confirm() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    const r = await onRun(withRetry({ mode, rounding, digest: preview.digest }));
    setBusy(false);
    if (r.ok) {
      setPreview(null);
      setChanged(false);
      setFinished(r.data.counts);
      onDone(r.data);
    } else if (r.error.code === 'plan_changed') {
      setChanged(true);
      await load({ mode, rounding });
    } else setError(r.error);
  }

  const modeChange = (m: WriteMode, rd: Rounding) => {
    setMode(m);
    setRounding(rd);
    setPreview(null);
  };

  return (
    <Panel title={t('title')} testId="writeback-preview">
      <div className="flex flex-col gap-3">
        <p className="text-sm text-slate-600 2xl:text-base">{t('locked')}</p>
        {retryOf && (
          <p
            className="flex flex-wrap items-center gap-2 rounded border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
            data-testid="writeback-retrying"
          >
            {t('retrying', { date: format.dateTime(new Date(retryOf.startedAt), { dateStyle: 'medium', timeStyle: 'short' }) })}
            {onCancelRetry && (
              <button type="button" className="underline" onClick={() => (setPreview(null), onCancelRetry())}>
                {t('allItems')}
              </button>
            )}
          </p>
        )}
        <div className="flex flex-wrap gap-6">
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium text-slate-700">{t('mode')}</legend>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="wb-mode"
                checked={mode === 'sp'}
                disabled={factor === null}
                onChange={() => modeChange('sp', rounding)}
              />
              {factor === null
                ? t('modeSpNone')
                : factor === undefined
                  ? t('modeSpUnknown')
                  : t('modeSp', { factor: format.number(factor, { maximumFractionDigits: 2 }) })}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="wb-mode" checked={mode === 'ap'} onChange={() => modeChange('ap', rounding)} />
              {t('modeAp')}
            </label>
          </fieldset>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium text-slate-700">{t('rounding')}</legend>
            {(['one-decimal', 'whole'] as const).map((r) => (
              <label key={r} className="flex items-center gap-2">
                <input type="radio" name="wb-rounding" checked={rounding === r} onChange={() => modeChange(mode, r)} />
                {t(r === 'whole' ? 'whole' : 'oneDecimal')}
              </label>
            ))}
          </fieldset>
        </div>
        <div>
          <button
            type="button"
            className={quietButtonClass}
            disabled={busy}
            onClick={() => load({ mode, rounding })}
            data-testid="writeback-show"
          >
            {t('show')}
          </button>
        </div>
        {changed && (
          <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
            {t('changed')}
          </p>
        )}
        <ErrorNote error={error} testId="writeback-error" />
        {finished && (
          <p
            className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 font-medium text-emerald-900"
            role="status"
            data-testid="writeback-finished"
          >
            {t('finished', { ...finished })}
          </p>
        )}
        {progress && (
          <p className="font-medium text-indigo-800" role="status" data-testid="writeback-progress">
            {t('writing', progress)}
          </p>
        )}
        {preview && (
          <>
            <p className="font-medium" data-testid="writeback-counts">
              {t('counts', preview.counts)}
            </p>
            {/* phones: one card per item */}
            <ul className="flex flex-col gap-2 sm:hidden" data-testid="writeback-cards">
              {preview.rows.map((r) => (
                <li key={r.itemId} className="rounded border border-slate-200 p-2" data-status={r.status}>
                  <p className="flex flex-wrap items-baseline gap-x-2">
                    <span className="font-mono text-sm">{r.key ?? '—'}</span>
                    <span className="font-medium">{r.title}</span>
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                    <span>{t('cardValues', { current: num(r.current), target: r.status === 'skip' ? '—' : num(r.target) })}</span>
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`}>
                      {r.status === 'skip' && r.reason ? t(`reason.${r.reason}`) : t(`status.${r.status}`)}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
            <div className="hidden overflow-x-auto sm:block">
              <table className="w-full min-w-[40rem] text-left text-sm 2xl:text-base" data-testid="writeback-table">
                <thead className="border-b border-slate-300 text-slate-600">
                  <tr>
                    <th className="py-1.5 pr-3 font-medium">{t('colKey')}</th>
                    <th className="py-1.5 pr-3 font-medium">{t('colTitle')}</th>
                    <th className="py-1.5 pr-3 font-medium">{t('colBucket')}</th>
                    <th className="py-1.5 pr-3 text-right font-medium">{t('colCurrent')}</th>
                    <th className="py-1.5 pr-3 text-right font-medium">{t('colTarget')}</th>
                    <th className="py-1.5 font-medium">{t('colStatus')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.itemId} className="border-b border-slate-100" data-status={r.status}>
                      <td className="py-1.5 pr-3 font-mono whitespace-nowrap">{r.key ?? '—'}</td>
                      <td className="py-1.5 pr-3">{r.title}</td>
                      <td className="py-1.5 pr-3 tabular-nums">{r.bucketLabel ?? '—'}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{num(r.current)}</td>
                      <td className="py-1.5 pr-3 text-right font-semibold tabular-nums">{r.status === 'skip' ? '—' : num(r.target)}</td>
                      <td className="py-1.5">
                        <span className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_STYLE[r.status]}`}>
                          {r.status === 'skip' && r.reason ? t(`reason.${r.reason}`) : t(`status.${r.status}`)}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {preview.counts.write === 0 ? (
              <p className="text-slate-700" data-testid="writeback-nothing">
                {t('nothing')}
              </p>
            ) : (
              <div>
                <button type="button" className={buttonClass} disabled={busy} onClick={confirm} data-testid="writeback-confirm">
                  {t('confirm', { count: preview.counts.write })}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </Panel>
  );
}
