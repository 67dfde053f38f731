'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

export function JoinByCode() {
  const t = useTranslations('home');
  const [code, setCode] = useState('');
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const c = code.trim().toUpperCase();
        if (c) window.location.href = `/j/${encodeURIComponent(c)}`;
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="text-sm font-medium">{t('joinWithCode')}</span>
        <input value={code} onChange={(e) => setCode(e.target.value)} maxLength={12} autoCapitalize="characters" className="w-40 rounded border border-slate-300 px-3 py-2 font-mono tracking-widest uppercase" aria-label={t('code')} />
      </label>
      <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100">
        {t('go')}
      </button>
    </form>
  );
}
