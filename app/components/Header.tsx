'use client';
import Link from 'next/link';
import { useTranslations } from 'use-intl';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';

export function Header({ children }: { children?: ReactNode }) {
  const t = useTranslations('common');
  return (
    <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 py-2">
      <Link href="/" className="font-semibold text-indigo-700">
        {t('appName')}
      </Link>
      <div className="flex items-center gap-4">
        {children}
        <LanguageSwitch />
      </div>
    </header>
  );
}
