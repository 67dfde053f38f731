'use client';
import { useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import type { Rounding, WriteMode, WriteBackRow } from '../../../domain/integrations/writeback';
import type { ActionResult, WriteBackPreviewAnswer, WriteBackPreviewBody, WriteBackRunAnswer, WriteBackRunBody } from '../../../domain/integrations/wire';
import { Panel } from '../../plan/panels';
import { buttonClass, ErrorNote, quietButtonClass } from './ui';

type Props = {
  locked: boolean;
  /** the session's calibration factor (SP per AP); null when not calibrated */
  factor: number | null;
  onPreview: (body: WriteBackPreviewBody) => Promise<ActionResult<WriteBackPreviewAnswer>>;
  onRun: (body: WriteBackRunBody) => Promise<ActionResult<WriteBackRunAnswer>>;
  /** the run's answer, for the log */
  onDone: (run: WriteBackRunAnswer) => void;
};

const STATUS_STYLE: Record<WriteBackRow['status'], string> = {
  write: 'bg-indigo-100 text-indigo-900',
  unchanged: 'bg-slate-100 text-slate-700',
  skip: 'bg-amber-50 text-amber-900',
};

/** Before anything is written: every item with Jira's value now and the value to write; writing only on confirmation. */
export function WriteBackPreview({ locked, factor, onPreview, onRun, onDone }: Props) {
  const t = useTranslations('integrations.preview');
  const format = useFormatter();
  const [mode, setMode] = useState<WriteMode>(factor === null ? 'ap' : 'sp');
  const [rounding, setRounding] = useState<Rounding>('one-decimal');
  const [preview, setPreview] = useState<WriteBackPreviewAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<Parameters<typeof ErrorNote>[0]['error']>(null);
  const num = (v: number | null) => (v === null ? t('empty') : format.number(v, { maximumFractionDigits: 1 }));

  if (!locked) {
    return (
      <Panel title={t('title')} testId="writeback-preview">
        <p className="text-slate-700">{t('notLocked')}</p>
      </Panel>
    );
  }

  async function load(body: WriteBackPreviewBody) {
    setBusy(true);
    setError(null);
    const r = await onPreview(body);
    setBusy(false);
    if (r.ok) setPreview(r.data);
    else setError(r.error);
  }

  async function confirm() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    const r = await onRun({ mode, rounding, digest: preview.digest });
    setBusy(false);
    if (r.ok) {
      setPreview(null);
      setChanged(false);
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
        <div className="flex flex-wrap gap-6">
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium text-slate-700">{t('mode')}</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="wb-mode" checked={mode === 'sp'} disabled={factor === null} onChange={() => modeChange('sp', rounding)} />
              {factor === null ? t('modeSpNone') : t('modeSp', { factor: format.number(factor, { maximumFractionDigits: 2 }) })}
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
          <button type="button" className={quietButtonClass} disabled={busy} onClick={() => load({ mode, rounding })} data-testid="writeback-show">
            {t('show')}
          </button>
        </div>
        {changed && (
          <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
            {t('changed')}
          </p>
        )}
        <ErrorNote error={error} testId="writeback-error" />
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
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`}>{r.status === 'skip' && r.reason ? t(`reason.${r.reason}`) : t(`status.${r.status}`)}</span>
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
