'use client';
import { IntlProvider } from 'use-intl';
import type { ReactNode } from 'react';
import type { Locale } from './locales';
import { catalogs } from './messages';

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={catalogs[locale]} timeZone="Europe/Berlin">
      {children}
    </IntlProvider>
  );
}
