'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { WorkshopPlanning } from '../../domain/workshop';
import { Panel } from '../plan/panels';
import { forgetWorkshop, type WorkshopApi } from './client';

/**
 * The workshop's data as a whole (SEC-DATA-2, -3): all of it as one JSON file, or deleted at
 * once. Deleting asks for the workshop's name first; afterwards the page says it is gone.
 */
export function WorkshopData({ data, api }: { data: WorkshopPlanning; api: WorkshopApi }) {
  const t = useTranslations('workshop.data');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<{ status: 'idle' | 'busy' | 'deleted' } | { status: 'failed'; message: string }>({ status: 'idle' });

  async function download() {
    const res = await fetch(`/api/workshops/${data.id}/export`, {
      headers: { authorization: `Bearer ${api.secret ?? ''}` },
      cache: 'no-store',
    });
    if (!res.ok) return setState({ status: 'failed', message: t('exportFailed', { status: res.status }) });
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${data.name}.workshop.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  async function remove() {
    setState({ status: 'busy' });
    const r = await api.call<{ deleted: boolean }>('DELETE', '');
    if (!r.ok) return setState({ status: 'failed', message: r.error.message });
    forgetWorkshop(data.id);
    setState({ status: 'deleted' });
  }

  if (state.status === 'deleted') {
    return (
      <Panel title={t('title')} testId="workshop-data" className="print:hidden">
        <p role="status" className="font-medium text-emerald-800" data-testid="workshop-deleted">
          {t('deleted', { name: data.name })}
        </p>
        <a href="/" className="mt-2 inline-block text-indigo-700 underline">
          {t('home')}
        </a>
      </Panel>
    );
  }

  return (
    <Panel title={t('title')} testId="workshop-data" className="print:hidden">
      <p className="mb-2 text-sm text-slate-600">{t('lead')}</p>
      <button
        type="button"
        onClick={() => void download()}
        className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
        data-testid="workshop-export"
      >
        {t('export')}
      </button>
      <p className="mt-3 mb-2 text-sm text-slate-600">{t('retention')}</p>
      {!confirming ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50"
          data-testid="workshop-delete"
        >
          {t('delete')}
        </button>
      ) : (
        <div
          role="alertdialog"
          aria-labelledby="delete-workshop-q"
          className="flex flex-col gap-2 rounded border border-red-300 bg-red-50 p-3"
          data-testid="workshop-delete-confirm"
        >
          <p id="delete-workshop-q" className="text-sm font-medium text-red-900">
            {t('confirm', { name: data.name })}
          </p>
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-label={t('typeName')}
            placeholder={data.name}
            className="rounded border border-red-300 bg-white px-2 py-1"
            data-testid="workshop-delete-name"
          />
          <div className="flex gap-2">
            <button
              type="button"
              disabled={typed.trim() !== data.name || state.status === 'busy'}
              onClick={() => void remove()}
              className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50"
              data-testid="workshop-delete-yes"
            >
              {t('deleteForGood')}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded border border-slate-300 bg-white px-3 py-1 text-sm"
            >
              {t('keep')}
            </button>
          </div>
        </div>
      )}
      {state.status === 'failed' && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.message}
        </p>
      )}
    </Panel>
  );
}
