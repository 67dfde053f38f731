'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { LIMITS } from '../../domain/protocol';

export function JoinForm({ workshop, onJoin }: { workshop: string; onJoin: (name: string) => void }) {
  const t = useTranslations('room');
  const [name, setName] = useState('');
  return (
    <form
      className="mx-auto mt-16 flex max-w-sm flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onJoin(name.trim());
      }}
    >
      <h1 className="text-xl font-semibold">{t('joinTitle', { workshop })}</h1>
      <label className="flex flex-col gap-1">
        <span>{t('yourName')}</span>
        <input autoFocus required maxLength={LIMITS.nameLength} value={name} onChange={(e) => setName(e.target.value)} className="rounded border border-slate-300 px-3 py-2" />
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
        {t('join')}
      </button>
    </form>
  );
}
