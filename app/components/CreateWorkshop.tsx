'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { LIMITS, parseBacklogLines, type CreateWorkshopResult, type WireError } from '../../domain/protocol';
import { CopyField } from './CopyField';
import { useRefusal } from './refusal';

export function CreateWorkshop() {
  const t = useTranslations('home');
  const [name, setName] = useState('');
  const [backlog, setBacklog] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateWorkshopResult | null>(null);
  const items = parseBacklogLines(backlog);
  const refusal = useRefusal();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/workshops', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, items }),
      });
      const refused = refusal(res);
      if (refused) {
        setError(refused);
        return;
      }
      const body = (await res.json()) as CreateWorkshopResult | { error: WireError };
      if ('error' in body) setError(t('error', { message: body.error.message }));
      else setCreated(body);
    } catch (err) {
      setError(t('error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    const origin = window.location.origin;
    return (
      <section aria-live="polite" className="flex flex-col gap-4 rounded-lg border border-emerald-300 bg-white p-6 shadow-sm">
        <h2 className="text-xl font-semibold text-emerald-800">{t('created')}</h2>
        <CopyField label={t('participantLink')} value={origin + created.links.participant} testId="participant-link" />
        <div>
          <CopyField label={t('facilitatorLink')} value={origin + created.links.facilitator} testId="facilitator-link" />
          <p className="mt-1 text-sm text-slate-600">{t('facilitatorHint')}</p>
        </div>
        <CopyField label={t('workshopLink')} value={origin + created.links.workshop} testId="workshop-link" />
        <p className="text-sm">
          {t('joinCode')}: <span className="font-mono text-lg font-bold tracking-widest">{created.joinCode}</span>
        </p>
        <a
          href={created.links.facilitator}
          className="self-start rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          {t('openAsFacilitator')}
        </a>
      </section>
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('workshopName')}</span>
        <input
          required
          maxLength={LIMITS.workshopNameLength}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('workshopNamePlaceholder')}
          className="rounded border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('backlog')}</span>
        <textarea
          rows={10}
          value={backlog}
          onChange={(e) => setBacklog(e.target.value)}
          placeholder={t('backlogPlaceholder')}
          className="rounded border border-slate-300 px-3 py-2 font-mono text-sm"
        />
        <span className="text-sm text-slate-600">{t('itemCount', { count: items.length })}</span>
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="self-start rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {busy ? t('creating') : t('create')}
      </button>
    </form>
  );
}
