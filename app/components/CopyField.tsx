'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const t = useTranslations('common');
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium text-slate-700">{label}</span>
      <div className="flex gap-2">
        <input
          readOnly
          value={value}
          data-testid={testId}
          aria-label={label}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-sm"
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="rounded bg-slate-200 px-3 py-1 text-sm hover:bg-slate-300"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
    </div>
  );
}
