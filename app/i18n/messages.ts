import en from '../../messages/en.json';
import de from '../../messages/de.json';
import planEn from '../../messages/plan.en.json';
import planDe from '../../messages/plan.de.json';
import workshopEn from '../../messages/workshop.en.json';
import workshopDe from '../../messages/workshop.de.json';
import limitsEn from '../../messages/limits.en.json';
import limitsDe from '../../messages/limits.de.json';
import integrationsEn from '../../messages/integrations.en.json';
import integrationsDe from '../../messages/integrations.de.json';
import type { Locale } from './locales';

// one catalog per area, merged per language, so areas can grow without touching each other
export type Messages = typeof en & typeof planEn & typeof workshopEn & typeof limitsEn & typeof integrationsEn;
export const catalogs: Record<Locale, Messages> = {
  en: { ...en, ...planEn, ...workshopEn, ...limitsEn, ...integrationsEn },
  de: {
    ...de,
    ...(planDe as typeof planEn),
    ...(workshopDe as typeof workshopEn),
    ...(limitsDe as typeof limitsEn),
    ...(integrationsDe as typeof integrationsEn),
  },
};
