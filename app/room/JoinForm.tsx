'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { LIMITS } from '../../domain/protocol';

export function JoinForm({ onJoin }: { onJoin: (name: string, observer: boolean) => void }) {
  const t = useTranslations('room');
  const [name, setName] = useState('');
  const [observer, setObserver] = useState(false);
  return (
    <form
      className="mx-auto mt-16 flex max-w-sm flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onJoin(name.trim(), observer);
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('yourName')}</span>
        <input
          autoFocus
          required
          maxLength={LIMITS.nameLength}
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="rounded border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={observer} onChange={(e) => setObserver(e.target.checked)} className="mt-1" />
        {t('observerJoin')}
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
        {t('join')}
      </button>
    </form>
  );
}
